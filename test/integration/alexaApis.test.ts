/**
 * The local Login with Amazon and Proactive Events API: requests checked as Amazon documents them,
 * and the notify Lambda's clients against it (token kept until expiry, back-off, refusals).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSEvent } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertEvent, alertMessage, MESSAGE_ALERT_EVENT } from '../../lambda/alerts/alertEvent';
import { clientCredentials } from '../../lambda/alerts/clientCredentials';
import { AlexaApiError, NotificationsNotConfiguredError } from '../../lambda/alerts/errors';
import { lwaTokenSource } from '../../lambda/alerts/lwaTokens';
import { createNotifyHandler } from '../../lambda/alerts/notify';
import { readNotifyConfig } from '../../lambda/alerts/notifyConfig';
import {
  alexaApiEndpointFor,
  proactiveEventsClient,
  proactiveEventsUrl,
} from '../../lambda/alerts/proactiveEvents';
import type { AlertNotification } from '../../lambda/alerts/types';
import { startAlexaApis, type AlexaApis } from '../../local/alexaApis';
import { EMULATOR_CREDENTIALS } from '../../local/environment';
import { startSecretsManager } from '../support/secretsManager';

const CLIENT = { clientId: 'amzn1.application-oa2-client.pulse', clientSecret: 'pulse-secret-1' };
const USER = 'amzn1.ask.account.TESTUSER';
const MINUTE = 60_000;

let clock = Date.parse('2026-12-01T10:00:00Z');
const now = () => clock;
let apis: AlexaApis;

beforeEach(async () => {
  clock = Date.parse('2026-12-01T10:00:00Z');
  apis = await startAlexaApis({
    clients: [CLIENT],
    publications: [MESSAGE_ALERT_EVENT],
    now,
  });
});

afterEach(async () => {
  await apis.close();
});

async function tokenRequest(
  fields: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
) {
  const response = await fetch(apis.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const grant = (overrides: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_id: CLIENT.clientId,
  client_secret: CLIENT.clientSecret,
  scope: 'alexa::proactive_events',
  ...overrides,
});

async function token(scope = 'alexa::proactive_events'): Promise<string> {
  const { body } = await tokenRequest(grant({ scope }));
  return body.access_token as string;
}

/** Amazon's own example of a message alert, for one user. */
function messageAlert(overrides: Record<string, unknown> = {}) {
  return {
    timestamp: new Date(clock).toISOString(),
    referenceId: 'unique-id-of-this-event-instance-abc123fg',
    expiryTime: new Date(clock + 24 * 3_600_000).toISOString(),
    event: {
      name: 'AMAZON.MessageAlert.Activated',
      payload: {
        state: { status: 'UNREAD', freshness: 'NEW' },
        messageGroup: { creator: { name: 'Andy' }, count: 5, urgency: 'URGENT' },
      },
    },
    localizedAttributes: [{ locale: 'en-US' }],
    relevantAudience: { type: 'Unicast', payload: { user: USER } },
    ...overrides,
  };
}

async function post(
  body: unknown,
  bearer?: string,
  path = '/v1/proactiveEvents/stages/development',
) {
  const response = await fetch(`${apis.url}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe('Login with Amazon, client credentials', () => {
  it('issues a bearer token for alexa::proactive_events, valid an hour', async () => {
    const { status, body } = await tokenRequest(grant());
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^Atc\|/) as string,
      scope: 'alexa::proactive_events',
      token_type: 'bearer',
      expires_in: 3600,
    });
  });

  it('refuses a wrong secret (401), another grant, an unknown scope, a missing field and JSON (400)', async () => {
    expect(await tokenRequest(grant({ client_secret: 'wrong' }))).toEqual({
      status: 401,
      body: { error: 'invalid_client', error_description: 'Client authentication failed' },
    });
    expect((await tokenRequest(grant({ grant_type: 'authorization_code' }))).body.error).toBe(
      'unsupported_grant_type',
    );
    expect((await tokenRequest(grant({ scope: 'alexa::ask:skills:readwrite' }))).body.error).toBe(
      'invalid_scope',
    );
    const withoutId: Record<string, string> = grant();
    delete withoutId.client_id;
    expect(await tokenRequest(withoutId)).toMatchObject({
      status: 400,
      body: { error: 'invalid_request' },
    });
    expect((await tokenRequest(grant(), 'application/json')).status).toBe(400);
  });
});

describe('the Proactive Events API', () => {
  it("accepts Amazon's example for a user, answers 202, and lists it as sent", async () => {
    const body = messageAlert();
    const response = await post(body, await token());
    expect(response).toEqual({ status: 202, body: undefined });
    const listed = (await (await fetch(`${apis.url}/simulator/notifications`)).json()) as unknown;
    expect(listed).toEqual({
      items: [{ receivedAt: new Date(clock).toISOString(), stage: 'development', body }],
    });
    await post({ ...body, referenceId: 'live1' }, await token(), '/v1/proactiveEvents');
    expect(apis.notifications().map((n) => n.stage)).toEqual(['development', 'live']);
  });

  it('wants a bearer token LWA issued, unexpired, for proactive events', async () => {
    expect(await post(messageAlert())).toMatchObject({
      status: 401,
      body: { code: 'UNAUTHORIZED' },
    });
    expect((await post(messageAlert(), 'Atc|made-up')).status).toBe(401);
    expect(await post(messageAlert(), await token('alexa:skill_messaging'))).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    });
    const kept = await token();
    clock += 3600_000;
    expect(await post(messageAlert(), kept)).toEqual({
      status: 401,
      body: { code: 'UNAUTHORIZED', message: 'the bearer token has expired' },
    });
    expect(apis.notifications()).toEqual([]);
  });

  it.each([
    ['no timestamp', { timestamp: undefined }, 'timestamp is required'],
    ['a timestamp that is no date', { timestamp: 'yesterday' }, 'timestamp must be an ISO 8601'],
    [
      'an expiry four minutes on',
      { expiryTime: new Date(Date.parse('2026-12-01T10:04:00Z')).toISOString() },
      'at least 5 minutes',
    ],
    ['an expiry 25 hours on', { expiryTime: '2026-12-02T11:00:00Z' }, 'at most 24 hours'],
    ['no referenceId', { referenceId: undefined }, 'referenceId is required'],
    ['a referenceId with spaces', { referenceId: 'not ok' }, 'referenceId must be'],
    ['a referenceId of 101 characters', { referenceId: 'a'.repeat(101) }, 'referenceId must be'],
    ['free text', { event: { name: 'Pulse.Alert', payload: {} } }, "one of Amazon's schemas"],
    [
      'a message alert without its creator',
      {
        event: {
          name: 'AMAZON.MessageAlert.Activated',
          payload: { state: { status: 'UNREAD' }, messageGroup: { count: 1 } },
        },
      },
      'creator.name is required',
    ],
    [
      'a message alert of no messages',
      {
        event: {
          name: 'AMAZON.MessageAlert.Activated',
          payload: {
            state: { status: 'UNREAD' },
            messageGroup: { creator: { name: 'x' }, count: 0 },
          },
        },
      },
      'count must be a whole number',
    ],
    [
      'an unknown status',
      {
        event: {
          name: 'AMAZON.MessageAlert.Activated',
          payload: {
            state: { status: 'LOUD' },
            messageGroup: { creator: { name: 'x' }, count: 1 },
          },
        },
      },
      'state.status must be one of UNREAD, FLAGGED',
    ],
    [
      'a localized attribute left undefined',
      {
        event: {
          name: 'AMAZON.MessageAlert.Activated',
          payload: {
            state: { status: 'UNREAD' },
            messageGroup: { creator: { name: 'localizedattribute:creator' }, count: 1 },
          },
        },
        localizedAttributes: [{ locale: 'en-US' }],
      },
      'must define creator',
    ],
    ['no audience', { relevantAudience: undefined }, 'relevantAudience is required'],
    [
      'a Unicast event for nobody',
      { relevantAudience: { type: 'Unicast', payload: {} } },
      'payload.user is required',
    ],
    [
      'a Multicast event for a user',
      { relevantAudience: { type: 'Multicast', payload: { user: USER } } },
      'must be an empty object',
    ],
    [
      'a Broadcast event',
      { relevantAudience: { type: 'Broadcast', payload: {} } },
      'Unicast or Multicast',
    ],
  ])('refuses %s with 400 and the reason', async (_what, change, reason) => {
    const body: Record<string, unknown> = messageAlert(change);
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete body[key];
    const response = await post(body, await token());
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_REQUEST' });
    expect(response.body?.message).toContain(reason);
  });

  it("refuses a schema of Amazon's the skill does not publish (403), and a referenceId sent twice (409)", async () => {
    const weather = messageAlert({
      event: {
        name: 'AMAZON.WeatherAlert.Activated',
        payload: { weatherAlert: { alertType: 'STORM' } },
      },
    });
    expect((await post(weather, await token())).status).toBe(403);
    expect((await post(messageAlert(), await token())).status).toBe(202);
    expect(await post(messageAlert(), await token())).toMatchObject({
      status: 409,
      body: { code: 'DUPLICATE_REFERENCE_ID' },
    });
    // Another user may have an event of the same referenceId.
    const other = messageAlert({
      relevantAudience: { type: 'Unicast', payload: { user: `${USER}2` } },
    });
    expect((await post(other, await token())).status).toBe(202);
    expect(apis.notifications()).toHaveLength(2);
  });

  it('keeps what it accepted across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-alexa-'));
    try {
      const dataFile = join(dir, 'notifications.jsonl');
      const first = await startAlexaApis({
        clients: [CLIENT],
        publications: [MESSAGE_ALERT_EVENT],
        dataFile,
        now,
      });
      const issued = (await (
        await fetch(first.tokenUrl, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(grant()).toString(),
        })
      ).json()) as { access_token: string };
      const sent = await fetch(`${first.url}/v1/proactiveEvents/stages/development`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${issued.access_token}`,
        },
        body: JSON.stringify(messageAlert()),
      });
      expect(sent.status).toBe(202);
      await first.close();
      const second = await startAlexaApis({
        clients: [CLIENT],
        publications: [MESSAGE_ALERT_EVENT],
        dataFile,
        now,
      });
      expect(second.notifications()).toHaveLength(1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const notification: AlertNotification = {
  type: 'AlertFired',
  version: 1,
  userId: USER,
  alertId: '1',
  firing: 1,
  referenceId: 'pulse~1~abc~1',
  locale: 'de-DE',
  subject: { kind: 'sensor', stationId: 'bR4lnMt7Xa', sensor: 'temp' },
  direction: 'above',
  threshold: 20,
  value: 31.5,
  windowTime: Date.parse('2026-12-01T09:59:00Z'),
  firedAt: Date.parse('2026-12-01T09:59:30Z'),
};

function snsEventOf(...notifications: AlertNotification[]): SNSEvent {
  return {
    Records: notifications.map((n, i) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:000000000000:pulse-alerts:sub',
      Sns: {
        Type: 'Notification',
        MessageId: `message-${i}`,
        TopicArn: 'arn:aws:sns:us-east-1:000000000000:pulse-alerts',
        Subject: 'Pulse alert',
        Message: JSON.stringify(n),
        Timestamp: new Date(clock).toISOString(),
        SignatureVersion: '1',
        Signature: '',
        SigningCertUrl: '',
        UnsubscribeUrl: '',
        MessageAttributes: {},
      },
    })),
  };
}

function notifyWith(
  options: { clientSecret?: string; maxAttempts?: number; sleeps?: number[] } = {},
) {
  const logger = new Logger({ serviceName: 'pulse-notify-test' });
  const tokens = lwaTokenSource({
    tokenUrl: apis.tokenUrl,
    credentials: () =>
      Promise.resolve({
        clientId: CLIENT.clientId,
        clientSecret: options.clientSecret ?? CLIENT.clientSecret,
      }),
    timeoutMs: 2000,
    now,
    sleep: () => Promise.resolve(),
  });
  return createNotifyHandler({
    events: proactiveEventsClient({
      url: proactiveEventsUrl(apis.url, 'development'),
      tokens,
      timeoutMs: 2000,
      maxAttempts: options.maxAttempts ?? 4,
      logger,
      sleep: (ms) => {
        options.sleeps?.push(ms);
        return Promise.resolve();
      },
    }),
    expiryMinutes: 1380,
    logger,
    metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'notify' }),
    now,
  });
}

describe('the notify Lambda', () => {
  it('sends a firing alert as a message alert for its user, worded in its locale', async () => {
    await notifyWith()(snsEventOf(notification));
    const [sent] = apis.notifications();
    expect(sent!.body).toEqual({
      timestamp: '2026-12-01T10:00:00.000Z',
      referenceId: 'pulse~1~abc~1',
      expiryTime: '2026-12-02T09:00:00.000Z',
      event: {
        name: 'AMAZON.MessageAlert.Activated',
        payload: {
          state: { status: 'UNREAD', freshness: 'NEW' },
          messageGroup: {
            creator: { name: 'Live Puls: Temperatur in Berlin Mitte 31,5, über 20' },
            count: 1,
            urgency: 'URGENT',
          },
        },
      },
      localizedAttributes: [],
      relevantAudience: { type: 'Unicast', payload: { user: USER } },
    });
    expect(
      alertMessage({ ...notification, locale: 'en-US', direction: 'below', value: 12.5 }),
    ).toBe('Live Pulse: temperature at Berlin Central 12.5, below 20');
    expect(
      alertMessage({
        ...notification,
        locale: 'en-GB',
        subject: { kind: 'players' },
        value: 96,
        threshold: 100,
        direction: 'below',
      }),
    ).toBe('Live Pulse: 96 players online, below 100');
  });

  it('keeps its token until it expires, then fetches another', async () => {
    const notify = notifyWith();
    await notify(snsEventOf({ ...notification, referenceId: 'a1' }));
    await notify(snsEventOf({ ...notification, referenceId: 'a2' }));
    expect(apis.requestCounts().lwa).toBe(1);
    clock += 3600_000 - 30_000;
    await notify(snsEventOf({ ...notification, referenceId: 'a3' }));
    expect(apis.requestCounts()).toEqual({ lwa: 2, 'proactive-events': 3 });
  });

  it('backs off on 429 and 5xx and gets through; a 409 (sent before) counts as sent', async () => {
    apis.failNext('proactive-events', 429, 1, 2);
    apis.failNext('proactive-events', 503, 1);
    const sleeps: number[] = [];
    await notifyWith({ sleeps })(snsEventOf(notification));
    expect(apis.notifications()).toHaveLength(1);
    expect(sleeps[0]).toBe(2000); // the 429's Retry-After
    expect(sleeps).toHaveLength(2);
    await notifyWith()(snsEventOf(notification));
    expect(apis.notifications()).toHaveLength(1);
  });

  it('fails the invocation when the API keeps refusing (432, the notification limit), so Lambda retries it', async () => {
    apis.failNext('proactive-events', 432, 3);
    const failure = await notifyWith({ maxAttempts: 3 })(snsEventOf(notification)).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AlexaApiError);
    expect(failure).toMatchObject({ api: 'proactive-events', status: 432 });
    expect(apis.notifications()).toEqual([]);
  });

  it('fetches a new token once when a restarted API no longer knows the kept one', async () => {
    const notify = notifyWith();
    await notify(snsEventOf({ ...notification, referenceId: 'b1' }));
    const port = apis.port;
    await apis.close();
    apis = await startAlexaApis({
      port,
      clients: [CLIENT],
      publications: [MESSAGE_ALERT_EVENT],
      now,
    });
    await notify(snsEventOf({ ...notification, referenceId: 'b2' }));
    expect(
      apis.notifications().map((n) => (n.body as { referenceId: string }).referenceId),
    ).toEqual(['b2']);
    expect(apis.requestCounts().lwa).toBe(1);
  });

  it('fails without trying when LWA refuses the credentials, and when none are configured', async () => {
    await expect(
      notifyWith({ clientSecret: 'stale' })(snsEventOf(notification)),
    ).rejects.toMatchObject({
      name: 'AlexaApiError',
      api: 'lwa',
      status: 401,
    });
    const unset = clientCredentials(
      { clientId: undefined, clientSecret: undefined, clientSecretArn: undefined },
      () => {
        throw new Error('not called');
      },
      1000,
    );
    await expect(unset.get()).rejects.toBeInstanceOf(NotificationsNotConfiguredError);
  });

  it('reads the client secret from Secrets Manager once, and not a placeholder', async () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:pulse-skill-client-AbCdEf';
    const placeholder = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:unset';
    const secrets = await startSecretsManager({
      [arn]: CLIENT.clientSecret,
      [placeholder]: 'none',
    });
    try {
      const client = () =>
        new SecretsManagerClient({
          region: 'us-east-1',
          endpoint: secrets.url,
          credentials: EMULATOR_CREDENTIALS,
        });
      const source = clientCredentials(
        { clientId: CLIENT.clientId, clientSecret: undefined, clientSecretArn: arn },
        client,
        2000,
      );
      expect(await source.get()).toEqual(CLIENT);
      expect(await source.get()).toEqual(CLIENT);
      expect(secrets.reads()).toBe(1);
      const unset = clientCredentials(
        { clientId: CLIENT.clientId, clientSecret: undefined, clientSecretArn: placeholder },
        client,
        2000,
      );
      await expect(unset.get()).rejects.toThrow('SkillClientSecret) has not been set');
    } finally {
      await secrets.close();
    }
  });

  it("finds the region's Proactive Events API, and development or live", () => {
    expect(alexaApiEndpointFor('eu-west-1')).toBe('https://api.eu.amazonalexa.com');
    expect(alexaApiEndpointFor('us-west-2')).toBe('https://api.fe.amazonalexa.com');
    const config = readNotifyConfig({ AWS_REGION: 'eu-west-1', ALEXA_CLIENT_ID: 'x' });
    expect(proactiveEventsUrl(config.alexaApiEndpoint, config.stage)).toBe(
      'https://api.eu.amazonalexa.com/v1/proactiveEvents/stages/development',
    );
    expect(proactiveEventsUrl('https://api.amazonalexa.com', 'live')).toBe(
      'https://api.amazonalexa.com/v1/proactiveEvents',
    );
    expect(config.lwaTokenUrl).toBe('https://api.amazon.com/auth/o2/token');
    expect(() => readNotifyConfig({ PULSE_NOTIFICATION_EXPIRY_MINUTES: '2' })).toThrow('notify');
    const event = alertEvent(notification, clock, 5);
    expect(Date.parse(event.expiryTime) - Date.parse(event.timestamp)).toBe(5 * MINUTE);
  });
});
