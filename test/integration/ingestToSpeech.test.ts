/**
 * The data path end to end, on one machine: records exactly as DESIGN.md shows them, put on the
 * local Kinesis streams with the real SDK client, through the local event source mappings and the
 * persist and aggregate Lambdas into dynalite, and out of the skill's mouth.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { Intent, Slot } from '../../domain/names';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { createAggregateHandler } from '../../lambda/rollups/aggregate';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { createPersistHandler } from '../../lambda/rollups/persist';
import { STREAMS, TUMBLING_WINDOW_SECONDS } from '../../lambda/rollups/streams';
import { playerPartialWriter } from '../../lambda/rollups/playerPartials';
import { rollupWriter } from '../../lambda/rollups/writer';
import { createSkillHandler } from '../../lambda/skill';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import {
  ensureStreams,
  kinesisClient,
  startEventSourceMapping,
  startKinesis,
  type EventSourceMapping,
  type LocalKinesis,
} from '../../local/kinesis';
import { intentRequest } from '../support/requests';
import { spoken } from '../support/speech';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let kinesis: LocalKinesis;
let client: KinesisClient;
let streamCount = 0;

beforeAll(async () => {
  stack = await startTestStack();
  kinesis = await startKinesis();
  client = kinesisClient(kinesis.url);
});

afterAll(async () => {
  client.destroy();
  await kinesis.close();
  await stack.close();
});

/** Fresh tables and streams (suffixed, so tests stay apart), with persist and aggregate mapped to them. */
async function pipeline(): Promise<{
  config: SkillConfig;
  streams: typeof STREAMS;
  mappings: EventSourceMapping[];
}> {
  const config = await stack.freshConfig();
  streamCount += 1;
  const streams = Object.fromEntries(
    Object.entries(STREAMS).map(([key, name]) => [key, `${name}-${streamCount}`]),
  ) as unknown as typeof STREAMS;
  await ensureStreams(client, Object.values(streams));
  const ingest = readIngestConfig({
    USER_ROLLUPS_TABLE: config.userRollupsTable,
    SENSOR_ROLLUPS_TABLE: config.sensorRollupsTable,
  });
  const dependencies = (name: string) => ({
    config: ingest,
    writer: rollupWriter({ client: dynamoDocumentClient({ timeoutMs: 5000 }) }),
    partials: playerPartialWriter(dynamoDocumentClient({ timeoutMs: 5000 })),
    logger: new Logger({ serviceName: `pulse-${name}-test` }),
    metrics: new Metrics({ namespace: 'PulseTest', serviceName: name }),
  });
  const persist = createPersistHandler(dependencies('persist'));
  const aggregate = createAggregateHandler(dependencies('aggregate'));
  const mappings = await Promise.all([
    startEventSourceMapping({
      client,
      streamName: streams.userRollups,
      handler: persist,
      pollIntervalMs: 50,
    }),
    startEventSourceMapping({
      client,
      streamName: streams.sensorRollups,
      handler: persist,
      pollIntervalMs: 50,
    }),
    startEventSourceMapping({
      client,
      streamName: streams.userEvents,
      handler: aggregate,
      pollIntervalMs: 50,
      tumblingWindowSeconds: TUMBLING_WINDOW_SECONDS[STREAMS.userEvents],
    }),
    startEventSourceMapping({
      client,
      streamName: streams.sensorEvents,
      handler: aggregate,
      pollIntervalMs: 50,
      // Production's 60 s window would keep the test waiting a minute; the path is the same.
      tumblingWindowSeconds: TUMBLING_WINDOW_SECONDS[STREAMS.userEvents],
    }),
  ]);
  return { config, streams, mappings };
}

async function put(
  streamName: string,
  records: readonly object[],
  partitionKey = 'pk',
): Promise<void> {
  const { FailedRecordCount } = await client.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: records.map((record) => ({
        Data: Buffer.from(JSON.stringify(record)),
        PartitionKey: partitionKey,
      })),
    }),
  );
  expect(FailedRecordCount ?? 0).toBe(0);
}

/** Waits until the current window has ended, then until every mapping has caught up and closed it. */
async function settle(mappings: EventSourceMapping[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await Promise.all(mappings.map((mapping) => mapping.drain(60_000)));
  await Promise.all(mappings.map((mapping) => mapping.stop()));
}

const ask = (config: SkillConfig, request: unknown) =>
  createSkillHandler({ config, services: createSkillServices(config) })(request);

it("turns DESIGN.md's rollup records into rollups the skill speaks", async () => {
  const { config, streams, mappings } = await pipeline();
  await put(streams.userRollups, [
    {
      UNIQUE_USER_COUNT: 96,
      ANDROID_COUNT: 50,
      IOS_COUNT: 46,
      WINDOWS_PHONE_COUNT: 0,
      OTHER_OS_COUNT: 0,
      QUADRANT_A_COUNT: 80,
      QUADRANT_B_COUNT: 10,
      QUADRANT_C_COUNT: 3,
      QUADRANT_D_COUNT: 3,
      WINDOW_TIME: '2017-02-07 22:19:03.000',
    },
  ]);
  await put(streams.sensorRollups, [
    {
      sensor_id: 'dc2b8383eb79fe49',
      sensor: 'vib',
      station_id: 'qwbKAMlbZW',
      sensor_avg_value: 1.07,
      sensor_smooth_avg_value: 1.01,
      '60sec_sum_of_sensor_value': 64.3,
      '60sec_number_of_msg': 60,
      record_timestamp: '2016-11-09 06:29:00.0',
    },
  ]);
  await settle(mappings);

  const players = spoken(
    await ask({ ...config, timeZone: 'UTC' }, intentRequest(Intent.PlayersOnline)),
  );
  // The window is from 2017: Pulse says how old it is, then the numbers.
  expect(players).toMatch(
    /^I haven't had an update for [\d,]+ days\. At 10:19 PM, 96 players were online\./,
  );
  expect(players).toContain('By system: 50 on Android and 46 on iOS.');
  expect(players).toContain(
    'By quadrant: 80 in quadrant A, 10 in quadrant B, 3 in quadrant C, and 3 in quadrant D.',
  );

  const vibration = spoken(
    await ask(
      config,
      intentRequest(Intent.SensorReading, {
        [Slot.Sensor]: { value: 'vibration', id: 'vib' },
        [Slot.Station]: { value: 'Portland Bridge', id: 'qwbKAMlbZW' },
      }),
    ),
  );
  expect(vibration).toContain(
    'At Portland Bridge, the vibration averaged 1.07 millimeters per second in the minute to 10:29 PM, from one sensor.',
  );
});

it("turns DESIGN.md's raw events into rollups the skill speaks", async () => {
  const { config, streams, mappings } = await pipeline();
  // The player event and sensor reading of DESIGN.md, and a few more like them.
  const player = {
    recordTime: 1486505943.204,
    cognitoId: 'us-east-1:3626e211-d2a3-447b-8231-e1f4e0486f44',
    os: 'Android',
    quadrant: 'A',
  };
  await put(streams.userEvents, [
    player,
    player, // delivered twice: still one player
    {
      ...player,
      cognitoId: 'us-east-1:0b4f1d3e-0000-4000-8000-000000000002',
      os: 'iOS',
      quadrant: 'C',
    },
  ]);
  const reading = {
    sensor_id: 'bQ7KcaMEas',
    station_id: 'vzqHb8vgh0',
    sensor: 'vib',
    timestamp: 1472611226005,
    value: 0.61,
    value_smoothed: 0.98,
    direction: -1,
  };
  await put(streams.sensorEvents, [
    reading,
    { ...reading, timestamp: reading.timestamp + 1000, value: 0.81, value_smoothed: 0.9 },
  ]);
  await settle(mappings);

  const players = spoken(await ask(config, intentRequest(Intent.PlayersOnline)));
  expect(players).toContain('2 players are online right now.');
  expect(players).toContain('By system: 1 on Android and 1 on iOS.');
  expect(players).toContain('By quadrant: 1 in quadrant A and 1 in quadrant C.');

  const vibration = spoken(
    await ask(
      config,
      intentRequest(Intent.SensorReading, {
        [Slot.Sensor]: { value: 'vibration', id: 'vib' },
        [Slot.Station]: { value: 'Seattle Harbor', id: 'vzqHb8vgh0' },
      }),
    ),
  );
  // (0.61 + 0.81) / 2 = 0.71; smoothed (0.98 + 0.9) / 2 = 0.94
  expect(vibration).toMatch(
    /^At Seattle Harbor, the vibration averaged 0\.71 millimeters per second in the minute to .+, from one sensor\. Smoothed, that is 0\.94 millimeters per second\.$/,
  );
}, 120_000);
