/** Settings of the notify Lambda, read once from the environment and checked. */
import * as v from 'valibot';
import {
  nameVariable,
  optionalTextVariable,
  readEnvironment,
  wholeNumberVariable,
} from '../aws/environment';
import { LWA_TOKEN_URL } from './lwaTokens';
import { DEFAULT_ALERTS_TABLE } from './table';
import { alexaApiEndpointFor, type ProactiveEventsStage } from './proactiveEvents';

const optionalText = optionalTextVariable();
const url = () => v.pipe(v.string(), v.url('not a URL'));

const environment = v.object({
  /** The alerts table, where the skill keeps each user's notification subscription. */
  ALERTS_TABLE: v.optional(nameVariable(), DEFAULT_ALERTS_TABLE),
  /** The skill's messaging client ID (the SkillClientId the ASK CLI passes); empty: not configured. */
  ALEXA_CLIENT_ID: optionalText,
  /** The Secrets Manager secret holding the skill's messaging client secret (AWS). */
  ALEXA_CLIENT_SECRET_ARN: optionalText,
  /** The client secret itself, for the local stack's emulator only: in AWS it is a secret, never a variable. */
  ALEXA_CLIENT_SECRET: optionalText,
  /** The Proactive Events API host; by default the one of the stack's region (NA, EU, FE). */
  ALEXA_API_ENDPOINT: v.optional(url()),
  LWA_TOKEN_URL: v.optional(url(), LWA_TOKEN_URL),
  /** development until the skill is certified; then live. */
  PULSE_PROACTIVE_EVENTS_STAGE: v.optional(v.picklist(['development', 'live']), 'development'),
  /**
   * How long an undelivered notification waits to be heard (Amazon takes 5 minutes to 24 hours);
   * 23 hours leaves room for a clock a little ahead of Amazon's.
   */
  PULSE_NOTIFICATION_EXPIRY_MINUTES: v.optional(wholeNumberVariable(5, 1440), 1380),
  /** Attempts at the Proactive Events API (throttled, over the limit, failing) before the invocation fails. */
  PULSE_NOTIFY_MAX_ATTEMPTS: v.optional(wholeNumberVariable(1, 10), 4),
});

export interface NotifyConfig {
  readonly alertsTable: string;
  readonly clientId: string | undefined;
  readonly clientSecretArn: string | undefined;
  readonly clientSecret: string | undefined;
  readonly alexaApiEndpoint: string;
  readonly lwaTokenUrl: string;
  readonly stage: ProactiveEventsStage;
  readonly expiryMinutes: number;
  readonly maxAttempts: number;
}

export function readNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const e = readEnvironment(environment, env, 'notify');
  return {
    alertsTable: e.ALERTS_TABLE,
    clientId: e.ALEXA_CLIENT_ID,
    clientSecretArn: e.ALEXA_CLIENT_SECRET_ARN,
    clientSecret: e.ALEXA_CLIENT_SECRET,
    alexaApiEndpoint: e.ALEXA_API_ENDPOINT ?? alexaApiEndpointFor(env.AWS_REGION),
    lwaTokenUrl: e.LWA_TOKEN_URL,
    stage: e.PULSE_PROACTIVE_EVENTS_STAGE,
    expiryMinutes: e.PULSE_NOTIFICATION_EXPIRY_MINUTES,
    maxAttempts: e.PULSE_NOTIFY_MAX_ATTEMPTS,
  };
}
