/** The persist Lambda against dynalite, through a proxy that throttles the way DynamoDB does. */
import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { readIngestConfig, type IngestConfig } from '../../lambda/rollups/ingestConfig';
import { createPersistHandler, type PersistHandler } from '../../lambda/rollups/persist';
import { sensorRollupRepository } from '../../lambda/rollups/sensorRollups';
import { USER_ROLLUPS_TABLE, SENSOR_ROLLUPS_TABLE } from '../../lambda/rollups/tables';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { rollupWriter } from '../../lambda/rollups/writer';
import type { SkillConfig } from '../../lambda/skill/config';
import { startDynamoFaultProxy, type DynamoFaultProxy } from '../support/dynamoFaults';
import { kinesisEvent, kinesisRecord, lambdaContext } from '../support/kinesisEvents';
import { startTestStack, type TestStack } from '../support/stack';
import { ItemRejectedError } from '../../lambda/rollups/errors';

let stack: TestStack;
let proxy: DynamoFaultProxy;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

interface Setup {
  readonly skillConfig: SkillConfig;
  readonly config: IngestConfig;
  readonly persist: PersistHandler;
}

/** Fresh tables, a fresh fault proxy in front of them, and persist writing through it. */
async function setup(maxAttempts = 4): Promise<Setup> {
  const skillConfig = await stack.freshConfig();
  proxy = await startDynamoFaultProxy(stack.dynamo.url, {
    [skillConfig.userRollupsTable]: [
      USER_ROLLUPS_TABLE.partitionKey.name,
      USER_ROLLUPS_TABLE.sortKey.name,
    ],
    [skillConfig.sensorRollupsTable]: [
      SENSOR_ROLLUPS_TABLE.partitionKey.name,
      SENSOR_ROLLUPS_TABLE.sortKey.name,
    ],
  });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
  const config = readIngestConfig({
    USER_ROLLUPS_TABLE: skillConfig.userRollupsTable,
    SENSOR_ROLLUPS_TABLE: skillConfig.sensorRollupsTable,
  });
  const persist = createPersistHandler({
    config,
    writer: rollupWriter({
      client: dynamoDocumentClient({ timeoutMs: 2000 }),
      maxAttempts,
      baseDelayMs: 1,
    }),
    logger: new Logger({ serviceName: 'pulse-persist-test' }),
    metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'persist' }),
  });
  return { skillConfig, config, persist };
}

afterEach(async () => {
  process.env.AWS_ENDPOINT_URL_DYNAMODB = stack.dynamo.url;
  await proxy.close();
});

function readers(skillConfig: SkillConfig) {
  const client = dynamoDocumentClient({ timeoutMs: 2000 });
  return {
    users: playerRollupRepository({
      client,
      tableName: skillConfig.userRollupsTable,
      timeoutMs: 2000,
    }),
    sensors: sensorRollupRepository({
      client,
      tableName: skillConfig.sensorRollupsTable,
      timeoutMs: 2000,
    }),
  };
}

const userRecord = (second: number, count: number) => ({
  UNIQUE_USER_COUNT: count,
  ANDROID_COUNT: count - 1,
  IOS_COUNT: 1,
  WINDOWS_PHONE_COUNT: 0,
  OTHER_OS_COUNT: 0,
  QUADRANT_A_COUNT: count,
  QUADRANT_B_COUNT: 0,
  QUADRANT_C_COUNT: 0,
  QUADRANT_D_COUNT: 0,
  WINDOW_TIME: new Date(Date.UTC(2026, 10, 21, 12, 0, second))
    .toISOString()
    .replace('T', ' ')
    .replace('Z', ''),
});

it("stores both seeds' record formats, readable by the skill's queries", async () => {
  const { skillConfig, persist } = await setup();
  const now = Date.now();
  const response = await persist(
    kinesisEvent([
      kinesisRecord({
        ...userRecord(3, 96),
        WINDOW_TIME: undefined,
        ROWTIME: new Date(now - 2000).toISOString(),
      }),
      kinesisRecord(
        {
          sensor_id: 'dc2b8383eb79fe49',
          sensor: 'vib',
          station_id: 'qwbKAMlbZW',
          sensor_avg_value: 1.07,
          sensor_smooth_avg_value: 1.01,
          '60sec_sum_of_sensor_value': 64.3,
          '60sec_number_of_msg': 60,
          record_timestamp: new Date(now - 30_000).toISOString(),
        },
        { stream: 'sensor-rollups' },
      ),
    ]),
    lambdaContext,
  );
  expect(response).toEqual({ batchItemFailures: [] });
  const { users, sensors } = readers(skillConfig);
  expect(await users.latestPlayerRollup()).toMatchObject({
    userCount: 96,
    byOs: { android: 95, ios: 1 },
  });
  expect(await sensors.latestSensorWindow('qwbKAMlbZW', 'vib', 1)).toMatchObject({
    average: 1.07,
    messageCount: 60,
  });
});

it('writes 25 items per BatchWriteItem call', async () => {
  const { persist } = await setup();
  const records = Array.from({ length: 60 }, (_, i) => kinesisRecord(userRecord(i, 10 + i)));
  expect(await persist(kinesisEvent(records), lambdaContext)).toEqual({ batchItemFailures: [] });
  expect([...proxy.batchSizes].sort((a, b) => b - a)).toEqual([25, 25, 10]);
  expect(proxy.writes.size).toBe(60);
});

it('sets a corrupt record aside and retries a throttled write: nothing lost, nothing written twice', async () => {
  const { skillConfig, persist } = await setup();
  const records = [
    kinesisRecord(userRecord(1, 11)),
    kinesisRecord('{"UNIQUE_USER_COUNT": 12, "WINDOW_TIME": '),
    kinesisRecord(userRecord(3, 13)),
    kinesisRecord(userRecord(4, 14)),
  ];
  proxy.leaveUnprocessed((item) => JSON.stringify(item).includes('"13"'), 1);
  const response = await persist(kinesisEvent(records), lambdaContext);
  expect(response).toEqual({ batchItemFailures: [] });
  expect([...proxy.writes.values()]).toEqual([1, 1, 1]);
  expect(proxy.batchSizes).toEqual([2, 1]);
  const stored = await readers(skillConfig).users.playerRollupsSince(0);
  expect(stored.map((r) => r.userCount)).toEqual([11, 13, 14]);
});

it('hands records back to Lambda when DynamoDB keeps refusing, and a redelivery writes the same items', async () => {
  const { skillConfig, persist } = await setup(2);
  const records = [
    kinesisRecord(userRecord(1, 21)),
    kinesisRecord(userRecord(2, 22)),
    kinesisRecord('not json'),
  ];
  proxy.leaveUnprocessed((item) => JSON.stringify(item).includes('"22"'), 2);
  const first = await persist(kinesisEvent(records), lambdaContext);
  expect(first).toEqual({
    batchItemFailures: [{ itemIdentifier: records[1]!.kinesis.sequenceNumber }],
  });

  // Lambda retries from the failed record on: the same records again, now accepted.
  const second = await persist(kinesisEvent(records.slice(1)), lambdaContext);
  expect(second).toEqual({ batchItemFailures: [] });
  const stored = await readers(skillConfig).users.playerRollupsSince(0);
  expect(stored.map((r) => r.userCount)).toEqual([21, 22]);

  const again = await persist(kinesisEvent(records), lambdaContext);
  expect(again).toEqual({ batchItemFailures: [] });
  expect((await readers(skillConfig).users.playerRollupsSince(0)).map((r) => r.userCount)).toEqual([
    21, 22,
  ]);
});

it('fails the whole invocation when every record failed for a passing cause, so Lambda retries it', async () => {
  const { persist } = await setup(2);
  proxy.throttleNextCalls(10);
  await expect(
    persist(kinesisEvent([kinesisRecord(userRecord(1, 31))]), lambdaContext),
  ).rejects.toThrow(FullBatchFailureError);
});

it('keeps the later of two records for the same window in one batch', async () => {
  const { skillConfig, persist } = await setup();
  await persist(
    kinesisEvent([kinesisRecord(userRecord(5, 40)), kinesisRecord(userRecord(5, 41))]),
    lambdaContext,
  );
  expect(proxy.batchSizes).toEqual([1]);
  expect((await readers(skillConfig).users.playerRollupsSince(0)).map((r) => r.userCount)).toEqual([
    41,
  ]);
});

it('isolates an item DynamoDB rejects, writing the rest of its batch', async () => {
  const { skillConfig } = await setup();
  const writer = rollupWriter({
    client: dynamoDocumentClient({ timeoutMs: 2000 }),
    baseDelayMs: 1,
  });
  const table = skillConfig.userRollupsTable;
  const keyAttributes = ['dataType', 'windowShard'];
  const results = await writer.writeAll([
    { table, keyAttributes, item: { dataType: 'quadrantRollup', windowShard: '1', userCount: 1 } },
    { table, keyAttributes, item: { dataType: 'quadrantRollup', userCount: 2 } }, // no sort key
    { table, keyAttributes, item: { dataType: 'quadrantRollup', windowShard: '3', userCount: 3 } },
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ItemRejectedError);
  expect(proxy.writes.size).toBe(2);
});
