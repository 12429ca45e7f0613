/**
 * Alerts against dynalite and the local SNS, through the real SDK clients: the repository (limit,
 * conditional state changes) and evaluation after persist and aggregate write rollups.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Logger } from '@aws-lambda-powertools/logger';
import { alertEvaluator } from '../../lambda/alerts/evaluation';
import { AlertLimitError, CorruptAlertError, InvalidAlertError } from '../../lambda/alerts/errors';
import { snsAlertPublisher } from '../../lambda/alerts/publisher';
import { alertRepository } from '../../lambda/alerts/repository';
import { dynamoDocumentClient, snsClient } from '../../lambda/aws/clients';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { createPersistHandler } from '../../lambda/rollups/persist';
import { sensorRollupRepository } from '../../lambda/rollups/sensorRollups';
import { rollupWriter } from '../../lambda/rollups/writer';
import { EMULATOR_CREDENTIALS } from '../../local/environment';
import type { NewAlert } from '../../lambda/alerts/types';
import type { SkillConfig } from '../../lambda/skill/config';
import { startAlertsFixture, type AlertsFixture, type AlertsSetup } from '../support/alerts';
import { kinesisEvent, kinesisRecord, lambdaContext, windowEvent } from '../support/kinesisEvents';
import { startTestStack, type TestStack } from '../support/stack';

const BERLIN = 'bR4lnMt7Xa';
const USER = 'amzn1.ask.account.TESTUSER1';
const MINUTE = 60_000;

let stack: TestStack;
let fixture: AlertsFixture;

beforeAll(async () => {
  stack = await startTestStack();
  fixture = await startAlertsFixture(stack);
});

afterAll(async () => {
  await fixture.close();
  await stack.close();
});

const berlinTemperature = (overrides: Partial<NewAlert> = {}): NewAlert => ({
  userId: USER,
  subject: { kind: 'sensor', stationId: BERLIN, sensor: 'temp' },
  direction: 'above',
  threshold: 20,
  locale: 'en-US',
  ...overrides,
});

/** A seed 001 SQL output record for one of Berlin Central's thermometers. */
function temperatureRecord(value: number, windowTime: number, sensorId = 'bTmpMtte01') {
  return kinesisRecord(
    {
      sensor_id: sensorId,
      sensor: 'temp',
      station_id: BERLIN,
      sensor_avg_value: value,
      sensor_smooth_avg_value: value,
      '60sec_sum_of_sensor_value': value * 60,
      '60sec_number_of_msg': 60,
      record_timestamp: new Date(windowTime).toISOString(),
    },
    { stream: 'sensor-rollups' },
  );
}

async function persistTemperature(setup: AlertsSetup, value: number, windowTime: number) {
  const response = await setup.persist(
    kinesisEvent([temperatureRecord(value, windowTime)]),
    lambdaContext,
  );
  expect(response.batchItemFailures).toEqual([]);
  await fixture.sns.drain();
}

const notificationsFor = (alertsTable: string, before: number) =>
  fixture
    .notifications()
    .slice(before)
    .filter((n) => n.userId.startsWith(alertsTable));

describe('the alerts repository', () => {
  let tables: SkillConfig;
  let setup: AlertsSetup;

  beforeEach(async () => {
    tables = await stack.freshConfig();
    setup = await fixture.fresh(tables, { maxPerUser: 3 });
  });

  it('stores an alert armed, with the sensor type’s re-arm margin, and finds the same alert instead of a second one', async () => {
    const { alert, created } = await setup.repository.create(berlinTemperature());
    expect(created).toBe(true);
    expect(alert).toMatchObject({
      alertId: '1',
      state: 'armed',
      version: 1,
      firings: 0,
      rearmMargin: 0.5,
      threshold: 20,
    });
    const again = await setup.repository.create(berlinTemperature());
    expect(again).toEqual({ alert, created: false });
    expect(await setup.repository.listForUser(USER)).toEqual([alert]);
  });

  it('keeps a user to the limit, also when requests come at once', async () => {
    const attempts = await Promise.allSettled(
      [21, 22, 23, 24, 25, 26].map((threshold) =>
        setup.repository.create(berlinTemperature({ threshold })),
      ),
    );
    const made = attempts.filter((a) => a.status === 'fulfilled');
    expect(made).toHaveLength(3);
    for (const failed of attempts.filter((a) => a.status === 'rejected'))
      expect(failed.reason).toBeInstanceOf(AlertLimitError);
    const alerts = await setup.repository.listForUser(USER);
    expect(alerts.map((a) => a.alertId).sort()).toEqual(['1', '2', '3']);
    // Another user has a limit of their own.
    await expect(
      setup.repository.create(berlinTemperature({ userId: `${USER}-other` })),
    ).resolves.toMatchObject({ created: true });
  });

  it('refuses an alert it could never fire, naming every problem', async () => {
    const failure = await setup.repository
      .create({
        userId: USER,
        subject: { kind: 'sensor', stationId: 'nowhere', sensor: 'temp' },
        direction: 'sideways' as never,
        threshold: Number.NaN,
        locale: 'fr-FR' as never,
      })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(InvalidAlertError);
    expect((failure as InvalidAlertError).problems).toEqual([
      'direction must be "above" or "below", not "sideways"',
      'threshold must be a number, not null',
      'locale "fr-FR" is not one Pulse speaks',
      'no station "nowhere" in the catalog',
    ]);
    await expect(
      setup.repository.create(
        berlinTemperature({ subject: { kind: 'sensor', stationId: 'qwbKAMlbZW', sensor: 'temp' } }),
      ),
    ).resolves.toMatchObject({ created: true });
    await expect(
      setup.repository.create({
        userId: USER,
        subject: { kind: 'players' },
        direction: 'below',
        threshold: -1,
        locale: 'de-DE',
      }),
    ).rejects.toThrow('a number of players is never below 0');
    expect(await setup.repository.listForUser(USER)).toHaveLength(1);
  });

  it("deletes one alert, a station's, or all of a user's, and lists every alert on a subject", async () => {
    const other = `${USER}-2`;
    await setup.repository.create(berlinTemperature());
    await setup.repository.create(
      berlinTemperature({ subject: { kind: 'sensor', stationId: BERLIN, sensor: 'hum' } }),
    );
    await setup.repository.create({
      userId: USER,
      subject: { kind: 'players' },
      direction: 'below',
      threshold: 100,
      locale: 'en-US',
    });
    await setup.repository.create(berlinTemperature({ userId: other, threshold: 25 }));

    const onBerlinTemperature = await setup.repository.listBySubject({
      kind: 'sensor',
      stationId: BERLIN,
      sensor: 'temp',
    });
    expect(onBerlinTemperature.map((a) => [a.userId, a.threshold]).sort()).toEqual([
      [USER, 20],
      [other, 25],
    ]);

    const deleted = await setup.repository.deleteForStation(USER, BERLIN);
    expect(deleted.map((a) => a.alertId).sort()).toEqual(['1', '2']);
    expect((await setup.repository.listForUser(USER)).map((a) => a.subject.kind)).toEqual([
      'players',
    ]);
    expect(await setup.repository.delete(USER, '3')).toMatchObject({ alertId: '3' });
    expect(await setup.repository.delete(USER, '3')).toBeUndefined();
    expect(await setup.repository.deleteAll(other)).toHaveLength(1);
    expect(await setup.repository.listForUser(other)).toEqual([]);
    // A freed number is used again.
    await expect(setup.repository.create(berlinTemperature())).resolves.toMatchObject({
      alert: { alertId: '1' },
    });
  });

  it('changes state only on the version it was judged on', async () => {
    const { alert } = await setup.repository.create(berlinTemperature());
    const change = { to: 'firing', value: 21, windowTime: 1000 } as const;
    const [first, second] = await Promise.all([
      setup.repository.transition(alert, change),
      setup.repository.transition(alert, change),
    ]);
    const won = [first, second].filter((result) => result !== undefined);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({
      state: 'firing',
      version: 2,
      firings: 1,
      pendingNotification: 1,
      lastFiring: { number: 1, value: 21, windowTime: 1000 },
      judgedWindowTime: 1000,
    });
    await setup.repository.clearPendingNotification(won[0]!, 1);
    const stored = await setup.repository.get(USER, alert.alertId);
    expect(stored).not.toHaveProperty('pendingNotification');
    expect(stored).not.toHaveProperty('notifyingUntil');
    expect(stored?.version).toBe(2);
  });

  it('says which stored item does not fit rather than guessing', async () => {
    await dynamoDocumentClient({ timeoutMs: 2000 }).send(
      new PutCommand({
        TableName: setup.alertsTable,
        Item: { userId: USER, alertId: '9', subject: 'players', kind: 'players', state: 'loud' },
      }),
    );
    await expect(setup.repository.listForUser(USER)).rejects.toBeInstanceOf(CorruptAlertError);
  });
});

describe('evaluation after persist writes a rollup', () => {
  it('notifies once when the alert starts firing, not while it keeps firing, and again only after re-arming', async () => {
    const tables = await stack.freshConfig();
    const setup = await fixture.fresh(tables);
    const user = `${setup.alertsTable}-user`;
    const { alert } = await setup.repository.create(berlinTemperature({ userId: user }));
    const before = fixture.notifications().length;
    const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;

    await persistTemperature(setup, 19.5, t0);
    expect(notificationsFor(setup.alertsTable, before)).toHaveLength(0);
    await persistTemperature(setup, 21.25, t0 + MINUTE);
    await persistTemperature(setup, 22, t0 + 2 * MINUTE);
    // Back under 20, but not by the margin of 0.5: still firing, nothing said.
    await persistTemperature(setup, 19.75, t0 + 3 * MINUTE);
    await persistTemperature(setup, 21, t0 + 4 * MINUTE);
    expect(notificationsFor(setup.alertsTable, before)).toEqual([
      {
        type: 'AlertFired',
        version: 1,
        userId: user,
        alertId: '1',
        firing: 1,
        referenceId: `pulse~1~${alert.createdAt.toString(36)}~1`,
        locale: 'en-US',
        subject: { kind: 'sensor', stationId: BERLIN, sensor: 'temp' },
        direction: 'above',
        threshold: 20,
        value: 21.25,
        windowTime: t0 + MINUTE,
        firedAt: expect.any(Number) as number,
      },
    ]);
    // 19.5 is back by the margin: re-armed, silently; 20.5 fires again.
    await persistTemperature(setup, 19.5, t0 + 5 * MINUTE);
    expect(await setup.repository.get(user, '1')).toMatchObject({ state: 'armed', firings: 1 });
    await persistTemperature(setup, 20.5, t0 + 6 * MINUTE);
    const said = notificationsFor(setup.alertsTable, before);
    expect(said.map((n) => [n.firing, n.value])).toEqual([
      [1, 21.25],
      [2, 20.5],
    ]);
    expect(await setup.repository.get(user, '1')).toMatchObject({
      state: 'firing',
      firings: 2,
      lastFiring: { number: 2, value: 20.5, windowTime: t0 + 6 * MINUTE },
    });
    expect(await setup.repository.get(user, '1')).not.toHaveProperty('pendingNotification');
  });

  it('notifies once when the same batch is delivered twice at the same time', async () => {
    const tables = await stack.freshConfig();
    const setup = await fixture.fresh(tables);
    const users = [1, 2, 3].map((n) => `${setup.alertsTable}-user-${n}`);
    for (const userId of users) await setup.repository.create(berlinTemperature({ userId }));
    const before = fixture.notifications().length;
    const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
    const event = kinesisEvent([temperatureRecord(23, t0)]);
    await Promise.all([
      setup.persist(event, lambdaContext),
      setup.persist(event, lambdaContext),
      setup.persist(event, lambdaContext),
    ]);
    await fixture.sns.drain();
    const said = notificationsFor(setup.alertsTable, before);
    expect(said.map((n) => n.userId).sort()).toEqual(users);
  });

  it('judges the station window whole: the average of its sensors', async () => {
    const tables = await stack.freshConfig();
    const setup = await fixture.fresh(tables);
    const user = `${setup.alertsTable}-user`;
    await setup.repository.create(berlinTemperature({ userId: user }));
    const before = fixture.notifications().length;
    const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
    // One thermometer at 24, the other at 14: the station's 19 is under 20.
    await setup.persist(
      kinesisEvent([temperatureRecord(24, t0), temperatureRecord(14, t0, 'bTmpMtte02')]),
      lambdaContext,
    );
    await fixture.sns.drain();
    expect(notificationsFor(setup.alertsTable, before)).toEqual([]);
  });

  it('never lets an older window undo what a newer one decided', async () => {
    const tables = await stack.freshConfig();
    const setup = await fixture.fresh(tables);
    const user = `${setup.alertsTable}-user`;
    await setup.repository.create(berlinTemperature({ userId: user }));
    const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    await persistTemperature(setup, 25, t0 + 5 * MINUTE);
    // A replay of an older, cold minute: the alert stays firing.
    await persistTemperature(setup, 10, t0);
    expect(await setup.repository.get(user, '1')).toMatchObject({
      state: 'firing',
      judgedWindowTime: t0 + 5 * MINUTE,
    });
  });
});

describe('evaluation after aggregate writes shard partials', () => {
  it("judges the players merged from every shard, not one shard's partial", async () => {
    const tables = await stack.freshConfig();
    const setup = await fixture.fresh(tables);
    const user = `${setup.alertsTable}-user`;
    const second = Math.floor(Date.now() / 1000) * 1000 - 30_000;
    const players = (shard: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        kinesisRecord(
          { recordTime: second / 1000, cognitoId: `p-${shard}-${i}`, os: 'iOS', quadrant: 'B' },
          { stream: 'user-events' },
        ),
      );
    const window = async (
      shardId: string,
      startMs: number,
      records: ReturnType<typeof players>,
    ) => {
      const range = { startMs, endMs: startMs + 1000 };
      const { state } = await setup.aggregate(
        { ...windowEvent(records, range, undefined, false), shardId },
        lambdaContext,
      );
      await setup.aggregate({ ...windowEvent([], range, state, true), shardId }, lambdaContext);
    };
    // Both shards have written a second of 60 players each: 120 in all.
    await window('shardId-000000000000', second, players(0, 60));
    await window('shardId-000000000001', second, players(1, 60));
    await setup.repository.create({
      userId: user,
      subject: { kind: 'players' },
      direction: 'below',
      threshold: 100,
      locale: 'de-DE',
    });
    const before = fixture.notifications().length;
    // The next second, one shard first: its 60 alone would be under 100.
    await window('shardId-000000000000', second + 1000, players(0, 60));
    await fixture.sns.drain();
    expect(notificationsFor(setup.alertsTable, before)).toEqual([]);
    await window('shardId-000000000001', second + 1000, players(1, 30));
    await fixture.sns.drain();
    // 90 merged: now it fires, once.
    expect(notificationsFor(setup.alertsTable, before).map((n) => n.value)).toEqual([90]);
  });
});

describe('when evaluation fails', () => {
  it('a notification that could not be published stays pending and is published at the next evaluation', async () => {
    const tables = await stack.freshConfig();
    const broken = await fixture.fresh(tables, {
      topicArn: 'arn:aws:sns:us-east-1:000000000000:no-such-topic',
    });
    const user = `${broken.alertsTable}-user`;
    await broken.repository.create(berlinTemperature({ userId: user }));
    const before = fixture.notifications().length;
    const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    await persistTemperature(broken, 24, t0);
    expect(await broken.repository.get(user, '1')).toMatchObject({
      state: 'firing',
      pendingNotification: 1,
    });
    expect(notificationsFor(broken.alertsTable, before)).toEqual([]);

    // The same table, a topic that works: the next reading (still above) publishes the first firing.
    const working = alertEvaluator({
      repository: broken.repository,
      readings: {
        sensorWindow: () => Promise.resolve({ value: 25, windowTime: t0 + MINUTE }),
        latestPlayers: () => Promise.resolve(undefined),
      },
      publisher: snsAlertPublisher({
        client: snsClient({ timeoutMs: 2000 }),
        topicArn: fixture.topicArn,
        timeoutMs: 2000,
      }),
      logger: new Logger({ serviceName: 'pulse-alerts-test' }),
      budgetMs: 5000,
    });
    const report = await working.evaluate({
      sensors: [{ stationId: BERLIN, sensor: 'temp', windowTime: t0 + MINUTE }],
      players: false,
    });
    await fixture.sns.drain();
    expect(report).toMatchObject({ published: 1, fired: 0, failures: 0 });
    expect(notificationsFor(broken.alertsTable, before).map((n) => [n.firing, n.value])).toEqual([
      [1, 24],
    ]);
    expect(await broken.repository.get(user, '1')).not.toHaveProperty('pendingNotification');
  });

  it('writes the rollups all the same, and gives up at its budget when DynamoDB hangs', async () => {
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const hanging = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'us-east-1',
        endpoint: `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`,
        credentials: EMULATOR_CREDENTIALS,
      }),
    );
    try {
      const evaluator = alertEvaluator({
        repository: alertRepository({ client: hanging, tableName: 'alerts', timeoutMs: 60_000 }),
        readings: {
          sensorWindow: () => Promise.resolve({ value: 30, windowTime: 1 }),
          latestPlayers: () => Promise.resolve(undefined),
        },
        publisher: { publish: () => Promise.resolve() },
        logger: new Logger({ serviceName: 'pulse-alerts-test' }),
        budgetMs: 200,
      });

      // Through persist: the batch succeeds, its rollup is written, and the evaluation gave up.
      const tables = await stack.freshConfig();
      const persist = createPersistHandler({
        config: readIngestConfig({
          USER_ROLLUPS_TABLE: tables.userRollupsTable,
          SENSOR_ROLLUPS_TABLE: tables.sensorRollupsTable,
        }),
        writer: rollupWriter({ client: dynamoDocumentClient({ timeoutMs: 2000 }) }),
        logger: new Logger({ serviceName: 'pulse-alerts-test' }),
        metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'alerts' }),
        alerts: evaluator,
      });
      const windowTime = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
      const response = await persist(
        kinesisEvent([temperatureRecord(30, windowTime)]),
        lambdaContext,
      );
      expect(response.batchItemFailures).toEqual([]);
      const written = await sensorRollupRepository({
        client: dynamoDocumentClient({ timeoutMs: 2000 }),
        tableName: tables.sensorRollupsTable,
        timeoutMs: 2000,
      }).sensorWindowsBetween(BERLIN, 'temp', windowTime, windowTime);
      expect(written.map((w) => w.average)).toEqual([30]);

      const report = await evaluator.evaluate({
        sensors: [{ stationId: BERLIN, sensor: 'temp', windowTime: 1 }],
        players: false,
      });
      expect(report).toMatchObject({ timedOut: true, fired: 0 });
    } finally {
      hanging.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });
});
