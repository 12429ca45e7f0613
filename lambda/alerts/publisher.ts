/** Publishing a firing alert on the alerts topic, for every subscriber: the notify Lambda (Alexa), e-mail, ops. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { withDeadline } from '../aws/deadline';
import { summaryOf } from './notification';
import type { AlertNotification } from './types';

export interface AlertPublisher {
  publish(notification: AlertNotification): Promise<void>;
}

export function snsAlertPublisher(options: {
  readonly client: SNSClient;
  readonly topicArn: string;
  readonly timeoutMs: number;
}): AlertPublisher {
  const { client, topicArn, timeoutMs } = options;
  return {
    async publish(notification) {
      const { subject } = notification;
      await withDeadline('sns', 'Publish alert', timeoutMs, (abortSignal) =>
        client.send(
          new PublishCommand({
            TopicArn: topicArn,
            Subject: summaryOf(notification),
            Message: JSON.stringify(notification),
            // For subscription filter policies: an ops queue may want one station's alerts only.
            MessageAttributes: {
              type: { DataType: 'String', StringValue: notification.type },
              subject: { DataType: 'String', StringValue: subject.kind },
              ...(subject.kind === 'sensor' && {
                stationId: { DataType: 'String', StringValue: subject.stationId },
              }),
            },
          }),
          { abortSignal },
        ),
      );
    },
  };
}
