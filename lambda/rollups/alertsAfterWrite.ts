/** Alert evaluation once an ingestion Lambda's rollups are written: bounded, never failing the batch, counted in metrics. */
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { AlertEvaluator, WrittenRollups } from '../alerts/evaluation';

export async function evaluateAlertsAfterWrite(
  alerts: AlertEvaluator | undefined,
  written: WrittenRollups,
  metrics: Metrics,
): Promise<void> {
  if (!alerts || (written.sensors.length === 0 && !written.players)) return;
  const report = await alerts.evaluate(written);
  metrics.addMetric('AlertsFired', MetricUnit.Count, report.fired);
  metrics.addMetric('AlertsRearmed', MetricUnit.Count, report.rearmed);
  metrics.addMetric('AlertNotificationsPublished', MetricUnit.Count, report.published);
  metrics.addMetric(
    'AlertEvaluationFailures',
    MetricUnit.Count,
    report.failures + (report.timedOut ? 1 : 0),
  );
}
