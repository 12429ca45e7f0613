/** Lambda entry point of notify (subscribed to the alerts topic); loading it calls nothing. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context, SNSEvent } from 'aws-lambda';
import { secretsManagerClient } from '../aws/clients';
import { clientCredentials } from './clientCredentials';
import { lwaTokenSource } from './lwaTokens';
import { createNotifyHandler, type NotifyHandler } from './notify';
import { readNotifyConfig } from './notifyConfig';
import { proactiveEventsClient, proactiveEventsUrl } from './proactiveEvents';

/** Each request to Login with Amazon, Secrets Manager and the Proactive Events API. */
const CALL_TIMEOUT_MS = 5000;

let notify: NotifyHandler | undefined;

function build(): NotifyHandler {
  const config = readNotifyConfig();
  const logger = new Logger({ serviceName: 'pulse-notify' });
  const credentials = clientCredentials(
    config,
    () => secretsManagerClient({ timeoutMs: CALL_TIMEOUT_MS }),
    CALL_TIMEOUT_MS,
  );
  const tokens = lwaTokenSource({
    tokenUrl: config.lwaTokenUrl,
    credentials: () => credentials.get(),
    onClientRefused: () => credentials.forget(),
    timeoutMs: CALL_TIMEOUT_MS,
  });
  return createNotifyHandler({
    events: proactiveEventsClient({
      url: proactiveEventsUrl(config.alexaApiEndpoint, config.stage),
      tokens,
      timeoutMs: CALL_TIMEOUT_MS,
      maxAttempts: config.maxAttempts,
      logger,
    }),
    expiryMinutes: config.expiryMinutes,
    logger,
    metrics: new Metrics({ namespace: 'Pulse', serviceName: 'notify' }),
  });
}

export async function handler(event: SNSEvent, _context: Context): Promise<void> {
  notify ??= build();
  return notify(event);
}
