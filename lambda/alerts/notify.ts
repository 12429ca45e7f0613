/**
 * The notify Lambda, subscribed to the alerts topic: each firing alert sent through the Alexa
 * Proactive Events API to the user who set it. A failure throws, so that SNS and Lambda's
 * asynchronous invocation retry it and then put it in the dead-letter queue; it never touches the
 * alert's state, and a retry is harmless (the referenceId names the firing: a second request for
 * it is a 409, counted as sent).
 */
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SNSEvent } from 'aws-lambda';
import type { StationCatalog } from '../../domain/catalog';
import { alertEvent } from './alertEvent';
import { parseNotification } from './notification';
import type { ProactiveEventsClient } from './proactiveEvents';

export interface NotifyDependencies {
  readonly events: ProactiveEventsClient;
  /** Minutes a notification waits to be heard before Alexa drops it. */
  readonly expiryMinutes: number;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly catalog?: StationCatalog;
  readonly now?: () => number;
}

export type NotifyHandler = (event: SNSEvent) => Promise<void>;

export function createNotifyHandler(dependencies: NotifyDependencies): NotifyHandler {
  const { events, expiryMinutes, logger, metrics, catalog } = dependencies;
  const now = dependencies.now ?? Date.now;
  return async (event) => {
    try {
      for (const record of event.Records) {
        const notification = parseNotification(record.Sns.Message);
        const result = await events.send(alertEvent(notification, now(), expiryMinutes, catalog));
        metrics.addMetric('AlertNotificationsSent', MetricUnit.Count, 1);
        logger.info('alert notification sent', {
          result,
          userId: notification.userId,
          alertId: notification.alertId,
          referenceId: notification.referenceId,
          messageId: record.Sns.MessageId,
        });
      }
    } catch (error) {
      metrics.addMetric('AlertNotificationFailures', MetricUnit.Count, 1);
      logger.error('alert notification not sent; Lambda retries it, then dead-letters it', {
        error,
        messageIds: event.Records.map((record) => record.Sns.MessageId),
      });
      throw error;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
