/**
 * Issue 14's acceptance, through the whole local stack as a user meets it: rollups on the
 * sensor-rollups stream (persist), questions and an alert said to the simulated Echo (POST
 * /simulator/say), the alert's notification at GET /simulator/notifications.
 */
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { Locale } from '../../domain/locales';
import { ALERT_EVENT_NAME } from '../../domain/notifications';
import { STREAMS } from '../../lambda/rollups/streams';
import { kinesisClient } from '../../local/kinesis';
import { startSimulatorStack, type SimulatorStack } from '../support/simulatorStack';

const BERLIN = 'bR4lnMt7Xa';
const MINUTE = 60_000;

let local: SimulatorStack;
let kinesis: KinesisClient;

beforeAll(async () => {
  local = await startSimulatorStack();
  kinesis = kinesisClient(local.stack.endpoints.kinesis);
  await local.subscribe([ALERT_EVENT_NAME]);
  await local.stack.echo.warmUp();
}, 120_000);

afterAll(async () => {
  kinesis?.destroy();
  await local?.close();
});

/** A temperature window of Berlin Central as the SQL apps write it (no minimum or maximum). */
async function temperatureAt(windowTime: number, value: number): Promise<void> {
  const record = {
    sensor_id: 'bTmpMtte01',
    sensor: 'temp',
    station_id: BERLIN,
    sensor_avg_value: value,
    sensor_smooth_avg_value: value,
    '60sec_sum_of_sensor_value': value * 60,
    '60sec_number_of_msg': 60,
    record_timestamp: new Date(windowTime).toISOString().replace('T', ' ').replace('Z', ''),
  };
  const { FailedRecordCount } = await kinesis.send(
    new PutRecordsCommand({
      StreamName: STREAMS.sensorRollups,
      Records: [{ Data: Buffer.from(JSON.stringify(record)), PartitionKey: record.sensor_id }],
    }),
  );
  expect(FailedRecordCount ?? 0).toBe(0);
  await local.stack.drain();
}

async function say(locale: Locale, words: string, sessionId?: string) {
  return local.echo.say(words, { locale, audio: false, ...(sessionId ? { sessionId } : {}) });
}

async function notificationsForTheUser(): Promise<Record<string, unknown>[]> {
  const listed = (await (await fetch(`${local.stack.url}/simulator/notifications`)).json()) as {
    items: { body: { relevantAudience: { payload: { user: string } } } }[];
  };
  return listed.items
    .map((item) => item.body)
    .filter((body) => body.relevantAudience.payload.user === local.stack.echo.identity.userId);
}

const thisMinute = Math.floor(Date.now() / MINUTE) * MINUTE;

it('says the highest (31.5) and the lowest (12.5) of three rollups in the last hour, in German "31,5"', async () => {
  await temperatureAt(thisMinute - 40 * MINUTE, 12.5);
  await temperatureAt(thisMinute - 25 * MINUTE, 31.5);
  await temperatureAt(thisMinute - 10 * MINUTE, 18.25);

  const highest = await say(
    'en-US',
    'what was the highest temperature at berlin central in the last hour',
  );
  expect(highest.understanding?.intent).toBe('SensorStatisticsIntent');
  expect(highest.spoken).toMatch(
    /^At Berlin Central, the temperature in the last hour reached a high of 31\.5 degrees Celsius/,
  );
  const lowest = await say(
    'en-GB',
    'what was the lowest temperature at berlin central in the last hour',
  );
  expect(lowest.spoken).toMatch(/fell to a low of 12\.5 degrees Celsius/);
  const german = await say(
    'de-DE',
    'was war die höchste temperatur in berlin mitte in der letzten stunde',
  );
  expect(german.understanding?.intent).toBe('SensorStatisticsIntent');
  expect(german.spoken).toMatch(/am höchsten bei 31,5 Grad Celsius/);
}, 120_000);

it('notifies once when a reading goes above an alert set by voice, not again while above, and lists the reading', async () => {
  const asked = await say(
    'en-US',
    'alert me when the temperature at berlin central goes above forty degrees',
  );
  expect(asked.spoken).toBe(
    'Shall I tell you when the temperature at Berlin Central goes above 40 degrees Celsius?',
  );
  const confirmed = await say('en-US', 'yes', asked.sessionId!);
  expect(confirmed.spoken).toMatch(
    /^Done: I'll tell you when the temperature at Berlin Central goes above 40 degrees Celsius\./,
  );
  expect(await notificationsForTheUser()).toHaveLength(0);

  await temperatureAt(thisMinute - 2 * MINUTE, 45.5);
  const notified = await notificationsForTheUser();
  expect(notified).toHaveLength(1);
  expect(notified[0]).toMatchObject({
    event: { name: ALERT_EVENT_NAME },
    relevantAudience: { type: 'Unicast' },
  });

  await temperatureAt(thisMinute - MINUTE, 44);
  expect(await notificationsForTheUser()).toHaveLength(1);

  const listed = await say('en-US', 'what alerts are active');
  expect(listed.understanding?.intent).toBe('ListAlertsIntent');
  expect(listed.spoken).toMatch(
    /That alert is firing: at .+, Berlin Central read 45\.5 degrees Celsius\./,
  );
}, 120_000);
