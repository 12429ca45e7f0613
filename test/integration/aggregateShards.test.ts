/**
 * The aggregate Lambda with several shards and at a shard's limits: each shard's partial of a
 * window is its own (idempotent per window and shard), readers add them up exactly, and a
 * window's state at the largest fleet one shard carries stays within Lambda's 1 MB.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamRecord } from 'aws-lambda';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { createAggregateHandler, type AggregateHandler } from '../../lambda/rollups/aggregate';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { sensorRollupRepository } from '../../lambda/rollups/sensorRollups';
import { stationSensorKey } from '../../lambda/rollups/tables';
import { playerPartialWriter } from '../../lambda/rollups/playerPartials';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { rollupWriter } from '../../lambda/rollups/writer';
import { kinesisRecord, lambdaContext } from '../support/kinesisEvents';
import { seeded } from '../support/random';
import { startTestStack, type TestStack } from '../support/stack';

/** Lambda's tumbling-window state limit per shard. */
const ONE_MB = 1024 * 1024;
/** Kinesis takes at most 1,000 records a second per shard. */
const SHARD_RECORDS_PER_SECOND = 1000;
const START = Date.UTC(2026, 10, 21, 12, 0, 0);

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

async function setup() {
  const tables = await stack.freshConfig();
  const config = readIngestConfig({
    USER_ROLLUPS_TABLE: tables.userRollupsTable,
    SENSOR_ROLLUPS_TABLE: tables.sensorRollupsTable,
  });
  const client = dynamoDocumentClient({ timeoutMs: 10_000 });
  const aggregate = createAggregateHandler({
    config,
    writer: rollupWriter({ client }),
    partials: playerPartialWriter(client),
    logger: new Logger({ serviceName: 'pulse-aggregate-test' }),
    metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'aggregate' }),
  });
  const readerOptions = { client, timeoutMs: 10_000, now: () => START + 3600_000 };
  return {
    tables,
    client,
    aggregate,
    users: playerRollupRepository({ ...readerOptions, tableName: tables.userRollupsTable }),
    sensors: sensorRollupRepository({ ...readerOptions, tableName: tables.sensorRollupsTable }),
  };
}

interface Driven {
  /** JSON size of the state after each invocation, as Lambda carries it between invocations. */
  readonly stateBytes: number[];
}

/**
 * Lambda's side of one window on one shard: batches of `batchSize`, the state passed on as JSON
 * (what does not survive serialisation does not reach the next invoke), then the final invoke.
 */
async function driveWindow(
  aggregate: AggregateHandler,
  shardId: string,
  records: readonly KinesisStreamRecord[],
  window: { startMs: number; endMs: number },
  batchSize = 100,
): Promise<Driven & { finalEvent: Parameters<AggregateHandler>[0] }> {
  const stateBytes: number[] = [];
  let state: Record<string, unknown> = {};
  const event = (batch: KinesisStreamRecord[], final: boolean) => ({
    Records: batch.map((r) => ({ ...r, eventID: `${shardId}:${r.kinesis.sequenceNumber}` })),
    window: {
      start: new Date(window.startMs).toISOString(),
      end: new Date(window.endMs).toISOString(),
    },
    state,
    shardId,
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/test',
    isFinalInvokeForWindow: final,
    isWindowTerminatedEarly: false,
  });
  for (let i = 0; i < records.length; i += batchSize) {
    const response = await aggregate(event(records.slice(i, i + batchSize), false), lambdaContext);
    const json = JSON.stringify(response.state);
    stateBytes.push(Buffer.byteLength(json));
    state = JSON.parse(json) as Record<string, unknown>;
  }
  const finalEvent = event([], true);
  expect(await aggregate(finalEvent, lambdaContext)).toEqual({ state: {}, batchItemFailures: [] });
  return { stateBytes, finalEvent };
}

const player = (id: number, os: string, quadrant: string, atMs: number) =>
  kinesisRecord(
    {
      recordTime: atMs / 1000,
      cognitoId: `us-east-1:${String(id).padStart(8, '0')}-player`,
      os,
      quadrant,
    },
    { arrivalMs: atMs, partitionKey: `us-east-1:${String(id).padStart(8, '0')}-player` },
  );

describe('with several shards', () => {
  it("adds four shards' partials of each window up to the exact count, and a repeated final invoke changes nothing", async () => {
    const { aggregate, users, client, tables } = await setup();
    const rand = seeded(7);
    const OSES = ['Android', 'iOS', 'Windows Phone', 'other'];
    // 800 players, partitioned by cognitoId over four shards; several events each per second.
    const players = Array.from({ length: 800 }, (_, id) => ({
      id,
      os: OSES[Math.floor(rand() * 4)]!,
      quadrant: 'ABCD'[Math.floor(rand() * 4)]!,
      shard: `shardId-00000000000${id % 4}`,
    }));
    const finals: Parameters<AggregateHandler>[0][] = [];
    for (let second = 0; second < 3; second++) {
      const window = { startMs: START + second * 1000, endMs: START + (second + 1) * 1000 };
      for (let s = 0; s < 4; s++) {
        const shardId = `shardId-00000000000${s}`;
        const records = players
          .filter((p) => p.shard === shardId)
          .flatMap((p) =>
            [0, 1, 2].map((k) => player(p.id, p.os, p.quadrant, window.startMs + k * 300)),
          );
        finals.push((await driveWindow(aggregate, shardId, records, window)).finalEvent);
      }
    }
    const expected = {
      userCount: 800,
      byOs: Object.fromEntries(
        (['android', 'ios', 'windowsPhone', 'other'] as const).map((os, i) => [
          os,
          players.filter((p) => p.os === OSES[i]).length,
        ]),
      ),
      byQuadrant: Object.fromEntries(
        [...'ABCD'].map((q) => [q, players.filter((p) => p.quadrant === q).length]),
      ),
    };
    const stored = await users.playerRollupsSince(0);
    expect(stored).toEqual(
      [0, 1, 2].map((second) => ({ windowTime: START + second * 1000, ...expected })),
    );

    // Lambda retries a final invoke, and a restart replays it: the same partial, the same place.
    const before = await client.send(
      new QueryCommand({
        TableName: tables.userRollupsTable,
        KeyConditionExpression: 'dataType = :t',
        ExpressionAttributeValues: { ':t': 'quadrantRollup' },
      }),
    );
    for (const final of finals.slice(0, 5)) await aggregate(final, lambdaContext);
    const after = await client.send(
      new QueryCommand({
        TableName: tables.userRollupsTable,
        KeyConditionExpression: 'dataType = :t',
        ExpressionAttributeValues: { ':t': 'quadrantRollup' },
      }),
    );
    expect(after.Items).toEqual(before.Items);
    expect(before.Items).toHaveLength(4); // one item per shard for the minute
    expect(await users.playerRollupsSince(0)).toEqual(stored);
  }, 120_000);
});

describe("a shard's largest fleet fits Lambda's 1 MB of window state", () => {
  it('1,000 players in a one-second window (a shard takes 1,000 records a second)', async () => {
    const { aggregate, users } = await setup();
    const window = { startMs: START, endMs: START + 1000 };
    const records = Array.from({ length: SHARD_RECORDS_PER_SECOND }, (_, id) =>
      player(id, id % 2 ? 'iOS' : 'Android', 'ABCD'[id % 4]!, START + id),
    );
    const { stateBytes } = await driveWindow(aggregate, 'shardId-000000000000', records, window);
    expect(Math.max(...stateBytes)).toBeLessThan(ONE_MB / 10);
    expect(await users.latestPlayerRollup()).toMatchObject({
      windowTime: START,
      userCount: 1000,
      byOs: { android: 500, ios: 500 },
      byQuadrant: { A: 250, B: 250, C: 250, D: 250 },
    });
  }, 60_000);

  // A shard's 60,000 readings a minute: 1,000 sensors reporting every second (the seeds' rate),
  // or 10,000 reporting every ten seconds, the most sensors whose state fits (README).
  it.each([
    [1000, 60, 0.4],
    [10_000, 6, 1],
  ])(
    '%i sensors reporting %i times in a 60-second window, redeliveries included, stay under %s MB',
    async (sensorCount, readingsPerWindow, limitMb) => {
      const { aggregate, client, tables } = await setup();
      const rand = seeded(11);
      const window = { startMs: START, endMs: START + 60_000 };
      const sensors = Array.from({ length: sensorCount }, (_, i) => ({
        sensor_id: `sensor-${String(i).padStart(4, '0')}x`,
        station_id: `station-${String(i % 50).padStart(3, '0')}`,
        sensor: (['vib', 'temp', 'hum', 'wind', 'pres'] as const)[i % 5]!,
      }));
      const expected = new Map<string, { count: number; sum: number }>();
      const records: KinesisStreamRecord[] = [];
      const periodMs = 60_000 / readingsPerWindow;
      for (let turn = 0; turn < readingsPerWindow; turn++) {
        for (const sensor of sensors) {
          const timestamp = START + turn * periodMs + Math.floor(rand() * periodMs);
          const value = Math.round(rand() * 10_000) / 100;
          const reading = { ...sensor, timestamp, value, value_smoothed: value, direction: 1 };
          const total = expected.get(sensor.sensor_id) ?? { count: 0, sum: 0 };
          expected.set(sensor.sensor_id, { count: total.count + 1, sum: total.sum + value });
          records.push(kinesisRecord(reading, { arrivalMs: timestamp }));
          // A producer's retry delivers a reading twice now and then: counted once.
          if (rand() < 0.02) records.push(kinesisRecord(reading, { arrivalMs: timestamp + 5 }));
        }
      }
      const { stateBytes } = await driveWindow(
        aggregate,
        'shardId-000000000000',
        records,
        window,
        1000,
      );
      expect(records.length).toBeGreaterThanOrEqual(60 * SHARD_RECORDS_PER_SECOND);
      expect(Math.max(...stateBytes)).toBeLessThan(limitMb * ONE_MB);

      const stored = [];
      for (const station of new Set(sensors.map((s) => `${s.station_id}|${s.sensor}`))) {
        const [stationId, sensor] = station.split('|') as [string, string];
        const { Items = [] } = await client.send(
          new QueryCommand({
            TableName: tables.sensorRollupsTable,
            KeyConditionExpression: 'stationSensor = :k',
            ExpressionAttributeValues: { ':k': stationSensorKey(stationId, sensor) },
          }),
        );
        stored.push(...Items);
      }
      expect(stored).toHaveLength(sensors.length);
      for (const item of stored) {
        const want = expected.get(item.sensorId as string)!;
        expect([item.sensorId, item.count, item.windowtime]).toEqual([
          item.sensorId,
          want.count,
          window.endMs,
        ]);
        expect(item.sum).toBeCloseTo(want.sum, 6);
      }
    },
    300_000,
  );
});
