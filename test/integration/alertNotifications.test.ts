/**
 * From a rollup on a Kinesis stream to the Proactive Events request, through the real path of the
 * local stack: Kinesis → persist or aggregate → DynamoDB → evaluation → SNS → notify → Login with
 * Amazon and the Proactive Events API → GET /simulator/notifications.
 */
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stationCatalog } from '../../domain/catalog';
import { alertRepository, type AlertRepository } from '../../lambda/alerts/repository';
import { DEFAULT_ALERTS_TABLE } from '../../lambda/alerts/table';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { STREAMS } from '../../lambda/rollups/streams';
import { kinesisClient } from '../../local/kinesis';
import { startStack, type Stack } from '../../local/stack';
import { freeBasePort } from '../support/ports';

const BERLIN = 'bR4lnMt7Xa';
const USER = 'amzn1.ask.account.ALERTS-E2E';
const MINUTE = 60_000;

interface Listed {
  items: { receivedAt: string; stage: string; body: Record<string, unknown> }[];
}

let dataDir: string;
let stack: Stack;
let kinesis: KinesisClient;
let alerts: AlertRepository;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-alert-notifications-'));
  stack = await startStack({
    port: await freeBasePort(),
    dataDir,
    telemetry: false,
    apiToken: 'alerts-token',
  });
  kinesis = kinesisClient(stack.endpoints.kinesis);
  alerts = alertRepository({
    client: dynamoDocumentClient({ timeoutMs: 2000 }),
    tableName: DEFAULT_ALERTS_TABLE,
    timeoutMs: 2000,
    catalog: stationCatalog,
  });
}, 120_000);

afterAll(async () => {
  kinesis?.destroy();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function notificationsFor(user: string): Promise<Listed['items']> {
  const listed = (await (await fetch(`${stack.url}/simulator/notifications`)).json()) as Listed;
  return listed.items.filter(
    (item) => (item.body.relevantAudience as { payload: { user: string } }).payload.user === user,
  );
}

async function put(
  streamName: string,
  records: readonly Record<string, unknown>[],
  key: (r: Record<string, unknown>) => string,
) {
  const { FailedRecordCount } = await kinesis.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: records.map((record) => ({
        Data: Buffer.from(JSON.stringify(record)),
        PartitionKey: key(record),
      })),
    }),
  );
  expect(FailedRecordCount ?? 0).toBe(0);
}

describe('a sensor alert, through persist (the SQL apps’ rollup records on sensor-rollups)', () => {
  const windowBase = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;
  const reading = (value: number, minute: number) => ({
    sensor_id: 'bTmpMtte01',
    sensor: 'temp',
    station_id: BERLIN,
    sensor_avg_value: value,
    sensor_smooth_avg_value: value,
    '60sec_sum_of_sensor_value': value * 60,
    '60sec_number_of_msg': 60,
    record_timestamp: new Date(windowBase + minute * MINUTE)
      .toISOString()
      .replace('T', ' ')
      .replace('Z', ''),
  });
  const send = async (value: number, minute: number) => {
    await put(STREAMS.sensorRollups, [reading(value, minute)], (r) => String(r.sensor_id));
    await stack.drain();
  };

  it('makes exactly one Proactive Events request while above, none for a second reading still above, one again after re-arming', async () => {
    const { alert } = await alerts.create({
      userId: USER,
      subject: { kind: 'sensor', stationId: BERLIN, sensor: 'temp' },
      direction: 'above',
      threshold: 20,
      locale: 'en-US',
    });
    await send(23.5, 0);
    const first = await notificationsFor(USER);
    expect(first).toHaveLength(1);
    expect(first[0]!.stage).toBe('development');
    expect(first[0]!.body).toMatchObject({
      referenceId: `pulse~${alert.alertId}~${alert.createdAt.toString(36)}~1`,
      event: {
        name: 'AMAZON.MessageAlert.Activated',
        payload: {
          state: { status: 'UNREAD', freshness: 'NEW' },
          messageGroup: {
            creator: { name: 'Live Pulse: temperature at Berlin Central 23.5, above 20' },
            count: 1,
            urgency: 'URGENT',
          },
        },
      },
      localizedAttributes: [],
      relevantAudience: { type: 'Unicast', payload: { user: USER } },
    });
    const { timestamp, expiryTime } = first[0]!.body as { timestamp: string; expiryTime: string };
    expect(Date.parse(expiryTime) - Date.parse(timestamp)).toBe(23 * 3_600_000);

    await send(22, 1);
    expect(await notificationsFor(USER)).toHaveLength(1);
    expect(await alerts.get(USER, alert.alertId)).toMatchObject({
      state: 'firing',
      lastFiring: { number: 1, value: 23.5 },
    });

    await send(19, 2);
    expect(await notificationsFor(USER)).toHaveLength(1);
    expect(await alerts.get(USER, alert.alertId)).toMatchObject({ state: 'armed' });

    await send(21, 3);
    const all = await notificationsFor(USER);
    expect(all).toHaveLength(2);
    expect(
      (all[1]!.body.event as { payload: { messageGroup: { creator: { name: string } } } }).payload
        .messageGroup.creator.name,
    ).toBe('Live Pulse: temperature at Berlin Central 21, above 20');
  }, 120_000);
});

describe('a players alert, through aggregate (player events on user-events)', () => {
  const user = `${USER}-players`;
  let second = 0;
  const playersOnline = async (count: number) => {
    second += 1;
    const players = Array.from({ length: count }, (_, i) => ({
      recordTime: Date.now() / 1000,
      cognitoId: `us-east-1:e2e-${second}-${i}`,
      os: 'Android',
      quadrant: 'C',
    }));
    await put(STREAMS.userEvents, players, (r) => String(r.cognitoId));
    // The one-second tumbling window ends, then drain closes it and delivers what it fired.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await stack.drain();
  };

  it('notifies once when the players go above the threshold, and once more after re-arming, in German', async () => {
    await alerts.create({
      userId: user,
      subject: { kind: 'players' },
      direction: 'above',
      threshold: 5,
      locale: 'de-DE',
    });
    await playersOnline(3);
    expect(await notificationsFor(user)).toHaveLength(0);
    await playersOnline(8);
    await playersOnline(9);
    const fired = await notificationsFor(user);
    expect(
      fired.map(
        (n) =>
          (n.body.event as { payload: { messageGroup: { creator: { name: string } } } }).payload
            .messageGroup.creator.name,
      ),
    ).toEqual(['Live Puls: 8 Spieler online, über 5']);
    // Back to 4 (5 − its margin of 1): re-armed; 7 fires again.
    await playersOnline(4);
    await playersOnline(7);
    expect(await notificationsFor(user)).toHaveLength(2);
  }, 120_000);
});
