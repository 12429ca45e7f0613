/** What the ingestion Lambdas share: configuration, the DynamoDB writers, alert evaluation, logger and metrics. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { alertEvaluator, type AlertEvaluator } from '../alerts/evaluation';
import { snsAlertPublisher } from '../alerts/publisher';
import { alertRepository } from '../alerts/repository';
import { dynamoDocumentClient, snsClient } from '../aws/clients';
import { alertReadings } from './alertReadings';
import { readIngestConfig, type IngestConfig } from './ingestConfig';
import { playerPartialWriter, type PlayerPartialWriter } from './playerPartials';
import { playerRollupRepository } from './playerRollups';
import { sensorRollupRepository } from './sensorRollups';
import { rollupWriter, type RollupWriter } from './writer';

export interface IngestDependencies {
  readonly config: IngestConfig;
  readonly writer: RollupWriter;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Judges the alerts on what was written, after it was written; absent, alerts are not evaluated. */
  readonly alerts?: AlertEvaluator;
}

/** Each read and write of an evaluation; the evaluation as a whole has PULSE_ALERT_EVALUATION_MS. */
const EVALUATION_CALL_TIMEOUT_MS = 1000;

/** Built on a function's first invocation, never at load. */
export function ingestDependencies(functionName: 'persist' | 'aggregate'): IngestDependencies & {
  readonly partials: PlayerPartialWriter;
} {
  const config = readIngestConfig();
  // Writes may wait on throttling back-off; a whole batch has the Lambda's timeout, not 3 s.
  const client = dynamoDocumentClient({ timeoutMs: 5000 });
  const logger = new Logger({ serviceName: `pulse-${functionName}` });
  return {
    config,
    writer: rollupWriter({ client, maxAttempts: config.writeMaxAttempts }),
    partials: playerPartialWriter(client),
    logger,
    metrics: new Metrics({ namespace: 'Pulse', serviceName: functionName }),
    ...(config.alertsTopicArn !== undefined && {
      alerts: ingestAlertEvaluator(config, config.alertsTopicArn, logger),
    }),
  };
}

function ingestAlertEvaluator(
  config: IngestConfig,
  topicArn: string,
  logger: Logger,
): AlertEvaluator {
  const timeoutMs = EVALUATION_CALL_TIMEOUT_MS;
  const client = dynamoDocumentClient({ timeoutMs });
  return alertEvaluator({
    repository: alertRepository({ client, tableName: config.alertsTable, timeoutMs }),
    readings: alertReadings(
      sensorRollupRepository({ client, tableName: config.sensorRollupsTable, timeoutMs }),
      playerRollupRepository({ client, tableName: config.userRollupsTable, timeoutMs }),
    ),
    publisher: snsAlertPublisher({ client: snsClient({ timeoutMs }), topicArn, timeoutMs }),
    logger,
    budgetMs: config.alertEvaluationMs,
  });
}
