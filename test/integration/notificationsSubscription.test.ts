/**
 * The simulated user's notifications setting: at start the local stack sends the skill the
 * AlexaSkillEvent.ProactiveSubscriptionChanged request Alexa sends when a user turns Pulse's
 * notifications on (PULSE_ALEXA_NOTIFICATIONS, default on), or off, for the simulated Echo's user.
 */
import type { RequestEnvelope } from 'ask-sdk-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertRepository } from '../../lambda/alerts/repository';
import { DEFAULT_ALERTS_TABLE } from '../../lambda/alerts/table';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { ConfigError } from '../../lambda/aws/errors';
import {
  announceSubscription,
  notificationsFromEnvironment,
  PROACTIVE_SUBSCRIPTION_CHANGED,
  type SubscriptionAnnouncement,
} from '../../local/notificationsSubscription';
import { startStack, type Stack } from '../../local/stack';
import type { EchoIdentity } from '../../local/voiceDevice';
import { freeBasePort } from '../support/ports';

const OTHER_USER = 'amzn1.ask.account.NOTIFICATIONSOFFUSER';

/** The claims of the request's apiAccessToken (a JWT). */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** What Alexa sends a skill when a user changes its notifications: checked field by field. */
function expectSubscriptionEvent(
  envelope: RequestEnvelope,
  skillId: string,
  identity: EchoIdentity,
  events: string[],
): void {
  // A skill event: no session, the user in context.System, with an API token for that user.
  expect(envelope.version).toBe('1.0');
  expect(envelope.session).toBeUndefined();
  const system = envelope.context.System;
  expect(system.application).toEqual({ applicationId: skillId });
  expect(system.user).toEqual({ userId: identity.userId });
  expect(system.apiEndpoint).toMatch(/^https:\/\/api(\.eu|\.fe)?\.amazonalexa\.com$/);
  expect(claimsOf(system.apiAccessToken!)).toMatchObject({
    aud: system.apiEndpoint,
    sub: skillId,
    privateClaims: { userId: identity.userId, deviceId: identity.deviceId },
  });
  expect(envelope.request).toEqual({
    type: PROACTIVE_SUBSCRIPTION_CHANGED,
    requestId: expect.stringMatching(/^amzn1\.echo-api\.request\.[0-9a-f-]{36}$/) as string,
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) as string,
    body: { subscriptions: events.map((eventName) => ({ eventName })) },
  });
  expect(Math.abs(Date.parse(envelope.request.timestamp) - Date.now())).toBeLessThan(120_000);
}

describe('PULSE_ALEXA_NOTIFICATIONS', () => {
  it('is on unless turned off', () => {
    expect(notificationsFromEnvironment({})).toBe(true);
    expect(notificationsFromEnvironment({ PULSE_ALEXA_NOTIFICATIONS: '' })).toBe(true);
    for (const on of ['on', 'ON', 'true', '1', 'yes'])
      expect(notificationsFromEnvironment({ PULSE_ALEXA_NOTIFICATIONS: on })).toBe(true);
    for (const off of ['off', 'Off', 'false', '0', 'no'])
      expect(notificationsFromEnvironment({ PULSE_ALEXA_NOTIFICATIONS: off })).toBe(false);
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => notificationsFromEnvironment({ PULSE_ALEXA_NOTIFICATIONS: 'maybe' })).toThrow(
      ConfigError,
    );
    expect(() => notificationsFromEnvironment({ PULSE_ALEXA_NOTIFICATIONS: 'maybe' })).toThrow(
      /PULSE_ALEXA_NOTIFICATIONS must be on or off, not "maybe"/,
    );
  });
});

describe('a skill that fails the event', () => {
  it('does not stop the sender: the error is kept and logged', async () => {
    const lines: string[] = [];
    const identity = { userId: OTHER_USER, deviceId: 'amzn1.ask.device.NOTIFICATIONSTEST' };
    const announced = await announceSubscription({
      skill: () => Promise.reject(new Error('Unable to find a suitable request handler.')),
      skillId: 'amzn1.ask.skill.00000000-0000-0000-0000-000000000001',
      identity,
      apiEndpoint: 'https://api.eu.amazonalexa.com',
      subscribed: true,
      log: (line) => lines.push(line),
    });
    expect(announced.answer).toEqual({
      ok: false,
      error: 'Unable to find a suitable request handler.',
    });
    expect(lines).toEqual([
      'notifications on for the simulated user: the skill failed the subscription event (Unable to find a suitable request handler.)',
    ]);
    expectSubscriptionEvent(
      announced.envelope,
      'amzn1.ask.skill.00000000-0000-0000-0000-000000000001',
      identity,
      ['AMAZON.MessageAlert.Activated'],
    );
  });
});

describe.each([
  { notifications: undefined, events: ['AMAZON.MessageAlert.Activated'], label: 'by default' },
  { notifications: false, events: [], label: 'with notifications off' },
])('the stack started $label', ({ notifications, events }) => {
  let dataDir: string;
  let stack: Stack;
  let announced: SubscriptionAnnouncement;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pulse-subscription-'));
    stack = await startStack({
      port: await freeBasePort(),
      dataDir,
      telemetry: false,
      // The user who has them off is another Alexa account than the default one.
      ...(notifications === false
        ? { alexaNotifications: false, alexaIdentity: { userId: OTHER_USER } }
        : {}),
    });
    announced = stack.notificationsSubscription;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("sends the skill the subscription event Alexa sends, for the simulated Echo's user", () => {
    expect(announced.subscribed).toBe(notifications ?? true);
    if (notifications === false) expect(stack.echo.identity.userId).toBe(OTHER_USER);
    expectSubscriptionEvent(announced.envelope, stack.echo.skillId, stack.echo.identity, events);
  });

  it('is up whatever the skill answered, and keeps the answer', async () => {
    if (announced.answer.ok) expect(announced.answer.response.version).toBe('1.0');
    else expect(announced.answer.error).not.toBe('');
    const health = await fetch(`${stack.url}/health`);
    expect(health.status).toBe(200);
  });

  it('the skill takes the event quietly, as a handled skill event, and keeps what the user chose', async () => {
    expect(announced.answer).toMatchObject({ ok: true });
    expect(announced.answer.ok && announced.answer.response.response.outputSpeech).toBeUndefined();
    const alerts = alertRepository({
      client: dynamoDocumentClient({ timeoutMs: 2000 }),
      tableName: DEFAULT_ALERTS_TABLE,
      timeoutMs: 2000,
    });
    const subscription = await alerts.subscription(stack.echo.identity.userId);
    expect(subscription?.events ?? []).toEqual(events);
  });
});
