/**
 * The simulated user's notifications setting, told to the skill as Alexa tells it: when a user
 * turns a skill's notifications on or off in the Alexa app, Alexa sends the skill an
 * `AlexaSkillEvent.ProactiveSubscriptionChanged` request naming the events the user now receives
 * (none: turned off). The local stack sends it at start for the simulated Echo's user, so alerts
 * work out of the box (PULSE_ALEXA_NOTIFICATIONS=off: a user who has them off).
 */
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ALERT_EVENT_NAME } from '../domain/notifications';
import { readEnvironment } from '../lambda/aws/environment';
import { apiAccessToken, type EchoIdentity } from './voiceDevice/identity';

export const PROACTIVE_SUBSCRIPTION_CHANGED = 'AlexaSkillEvent.ProactiveSubscriptionChanged';

/** The events Pulse publishes, which a user who turns its notifications on subscribes to. */
export const SUBSCRIBED_EVENTS: readonly string[] = [ALERT_EVENT_NAME];

export interface SubscriptionEnvelopeParts {
  readonly skillId: string;
  readonly identity: EchoIdentity;
  /** Where the skill calls Alexa's APIs with the request's apiAccessToken. */
  readonly apiEndpoint: string;
  /** The events the user now receives; empty when they turned notifications off. */
  readonly events: readonly string[];
  readonly now: Date;
}

/**
 * The request Alexa sends (Amazon's "Add events to your skill", ProactiveSubscriptionChanged):
 * no session, the user in `context.System`, an API token, and `body.subscriptions` listing each
 * event the user is subscribed to as `{eventName}`.
 */
export function subscriptionChangedEnvelope(parts: SubscriptionEnvelopeParts): RequestEnvelope {
  const { skillId, identity, apiEndpoint, events, now } = parts;
  return {
    version: '1.0',
    context: {
      System: {
        application: { applicationId: skillId },
        user: { userId: identity.userId },
        apiEndpoint,
        apiAccessToken: apiAccessToken(skillId, identity, apiEndpoint, now),
      },
    },
    request: {
      type: PROACTIVE_SUBSCRIPTION_CHANGED,
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      // Alexa's timestamps: ISO 8601 in UTC, to the second.
      timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      body: { subscriptions: events.map((eventName) => ({ eventName })) },
    },
  } as RequestEnvelope;
}

/** What the skill made of the event: its response, or the error it failed with. */
export type SubscriptionAnswer =
  | { readonly ok: true; readonly response: ResponseEnvelope }
  | { readonly ok: false; readonly error: string };

export interface SubscriptionAnnouncement {
  readonly subscribed: boolean;
  readonly envelope: RequestEnvelope;
  readonly answer: SubscriptionAnswer;
}

/**
 * Sends the user's setting to the skill. A skill that fails the event (one without a handler for
 * it, say) does not stop the stack: Alexa does not retry a skill event for ever either. The answer
 * is returned and logged.
 */
export async function announceSubscription(options: {
  readonly skill: (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;
  readonly skillId: string;
  readonly identity: EchoIdentity;
  readonly apiEndpoint: string;
  readonly subscribed: boolean;
  readonly now?: Date;
  readonly log?: (line: string) => void;
}): Promise<SubscriptionAnnouncement> {
  const envelope = subscriptionChangedEnvelope({
    skillId: options.skillId,
    identity: options.identity,
    apiEndpoint: options.apiEndpoint,
    events: options.subscribed ? SUBSCRIBED_EVENTS : [],
    now: options.now ?? new Date(),
  });
  const log = options.log ?? ((line: string) => console.log(line));
  const setting = options.subscribed ? 'on' : 'off';
  let answer: SubscriptionAnswer;
  try {
    const response = await options.skill(envelope);
    answer = { ok: true, response };
    // A skill event takes no speech: a skill that says something did not handle it.
    const speech = response.response.outputSpeech;
    log(
      speech === undefined
        ? `notifications ${setting} for the simulated user: the skill took the subscription event`
        : `notifications ${setting} for the simulated user: the skill answered the subscription event with speech, which a skill event takes none of: ${JSON.stringify(speech.type === 'SSML' ? speech.ssml : speech.text)}`,
    );
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
    log(
      `notifications ${setting} for the simulated user: the skill failed the subscription event (${answer.error})`,
    );
  }
  return { subscribed: options.subscribed, envelope, answer };
}

/** A switch: unset or empty is on; 0, false, off and no (any case) turn it off. */
const environment = z.object({
  PULSE_ALEXA_NOTIFICATIONS: z
    .string()
    .optional()
    .refine(
      (value) =>
        value === undefined ||
        value === '' ||
        ['0', '1', 'false', 'true', 'off', 'on', 'no', 'yes'].includes(value.toLowerCase()),
      {
        error: (issue) =>
          `PULSE_ALEXA_NOTIFICATIONS must be on or off, not ${JSON.stringify(issue.input)}`,
      },
    )
    .transform(
      (value) =>
        value === undefined ||
        value === '' ||
        !['0', 'false', 'off', 'no'].includes(value.toLowerCase()),
    ),
});

/** Whether the simulated user has Pulse's notifications on (PULSE_ALEXA_NOTIFICATIONS, default on). */
export function notificationsFromEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return readEnvironment(environment, env, 'simulated Echo').PULSE_ALEXA_NOTIFICATIONS;
}
