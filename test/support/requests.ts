/** Request envelopes as Alexa sends them, built by small helpers so each test says only what matters. */
import { randomUUID } from 'node:crypto';
import type { IntentName } from '../../domain/names';

export const TEST_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

export interface EnvelopeOptions {
  readonly locale?: string;
  /** true: a one-shot request or the first of a session; false: a later turn. */
  readonly newSession?: boolean;
  readonly skillId?: string;
  /** The Alexa user; amzn1.ask.account.TEST when absent. */
  readonly userId?: string;
  /** The user's permission scopes as newer requests carry them, e.g. the notifications permission GRANTED. */
  readonly scopes?: Readonly<Record<string, 'GRANTED' | 'DENIED'>>;
}

export type SlotFixture =
  | { readonly value: string; readonly id?: string; readonly noMatch?: false }
  | { readonly value: string; readonly noMatch: true };

type Json = Record<string, unknown>;

function base(request: Json, options: EnvelopeOptions): Json {
  const applicationId = options.skillId ?? TEST_SKILL_ID;
  const user = {
    userId: options.userId ?? 'amzn1.ask.account.TEST',
    ...(options.scopes && {
      permissions: {
        consentToken: 'test-consent-token',
        scopes: Object.fromEntries(
          Object.entries(options.scopes).map(([scope, status]) => [scope, { status }]),
        ),
      },
    }),
  };
  return {
    version: '1.0',
    session: {
      new: options.newSession ?? true,
      sessionId: `amzn1.echo-api.session.${randomUUID()}`,
      application: { applicationId },
      attributes: {},
      user,
    },
    context: {
      System: {
        application: { applicationId },
        user,
        device: { deviceId: 'amzn1.ask.device.TEST', supportedInterfaces: {} },
        apiEndpoint: 'https://api.amazonalexa.com',
      },
    },
    request: {
      requestId: `amzn1.echo-api.request.${randomUUID()}`,
      timestamp: new Date().toISOString(),
      locale: options.locale ?? 'en-US',
      ...request,
    },
  };
}

function slotsOf(slots: Readonly<Record<string, SlotFixture>>): Json {
  return Object.fromEntries(
    Object.entries(slots).map(([name, fixture]) => {
      const authority = 'amzn1.er-authority.echo-sdk.TEST';
      const resolutions = fixture.noMatch
        ? { resolutionsPerAuthority: [{ authority, status: { code: 'ER_SUCCESS_NO_MATCH' } }] }
        : fixture.id === undefined
          ? undefined
          : {
              resolutionsPerAuthority: [
                {
                  authority,
                  status: { code: 'ER_SUCCESS_MATCH' },
                  values: [{ value: { name: fixture.value, id: fixture.id } }],
                },
              ],
            };
      return [
        name,
        {
          name,
          value: fixture.value,
          confirmationStatus: 'NONE',
          ...(resolutions && { resolutions }),
        },
      ];
    }),
  );
}

export function launchRequest(options: EnvelopeOptions = {}): Json {
  return base({ type: 'LaunchRequest' }, options);
}

export function intentRequest(
  name: IntentName,
  slots: Readonly<Record<string, SlotFixture>> = {},
  options: EnvelopeOptions & { confirmationStatus?: 'NONE' | 'CONFIRMED' | 'DENIED' } = {},
): Json {
  return base(
    {
      type: 'IntentRequest',
      dialogState: 'STARTED',
      intent: {
        name,
        confirmationStatus: options.confirmationStatus ?? 'NONE',
        slots: slotsOf(slots),
      },
    },
    options,
  );
}

export function canFulfillRequest(
  name: string,
  slots: Readonly<Record<string, SlotFixture>> = {},
  options: EnvelopeOptions = {},
): Json {
  const envelope = base(
    { type: 'CanFulfillIntentRequest', intent: { name, slots: slotsOf(slots) } },
    options,
  );
  delete envelope.session;
  return envelope;
}

export function sessionEndedRequest(
  reason: 'USER_INITIATED' | 'ERROR' | 'EXCEEDED_MAX_REPROMPTS',
  options: EnvelopeOptions = {},
): Json {
  const error = reason === 'ERROR' ? { error: { type: 'INVALID_RESPONSE', message: 'test' } } : {};
  return base({ type: 'SessionEndedRequest', reason, ...error }, options);
}

export function exceptionEncounteredRequest(options: EnvelopeOptions = {}): Json {
  return base(
    {
      type: 'System.ExceptionEncountered',
      error: { type: 'INVALID_RESPONSE', message: 'Invalid SSML' },
      cause: { requestId: 'amzn1.echo-api.request.PREVIOUS' },
    },
    { ...options, newSession: false },
  );
}

/** AlexaSkillEvent.ProactiveSubscriptionChanged as Alexa sends it: the events subscribed to, none when turned off. */
export function subscriptionChangedRequest(
  eventNames: readonly string[],
  options: EnvelopeOptions = {},
): Json {
  const envelope = base(
    {
      type: 'AlexaSkillEvent.ProactiveSubscriptionChanged',
      eventCreationTime: new Date().toISOString(),
      eventPublishingTime: new Date().toISOString(),
      ...(eventNames.length > 0 && {
        body: { subscriptions: eventNames.map((eventName) => ({ eventName })) },
      }),
    },
    options,
  );
  delete envelope.session;
  return envelope;
}

/** Connections.Response to voice permission consent (AskFor), with the token the skill sent. */
export function permissionResponse(
  status: 'ACCEPTED' | 'DENIED' | 'NOT_ANSWERED',
  token: string,
  options: EnvelopeOptions & { code?: string } = {},
): Json {
  return base(
    {
      type: 'Connections.Response',
      name: 'AskFor',
      status: { code: options.code ?? '200', message: 'OK' },
      payload: { permissionScope: 'alexa::devices:all:notifications:write', status },
      token,
    },
    options,
  );
}
