/**
 * The aggregate Lambda, driven the way Lambda drives tumbling windows, against dynalite: its
 * rollups equal a plain reference computation over the same events.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { KinesisStreamRecord } from 'aws-lambda';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { createAggregateHandler, type AggregateHandler } from '../../lambda/rollups/aggregate';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { playerPartialWriter } from '../../lambda/rollups/playerPartials';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { rollupWriter } from '../../lambda/rollups/writer';
import { OPERATING_SYSTEMS, QUADRANTS, SENSOR_TYPES } from '../../domain/vocabulary';
import { startDynamoFaultProxy } from '../support/dynamoFaults';
import { kinesisRecord, lambdaContext, windowEvent } from '../support/kinesisEvents';
import { seeded } from '../support/random';
import { startTestStack, type TestStack } from '../support/stack';
import { WriteFailedError } from '../../lambda/rollups/errors';

const LATE_MS = 30_000;
const BATCH_SIZE = 97;

interface Sent {
  readonly payload: Record<string, unknown>;
  readonly eventMs: number;
  readonly arrivalMs: number;
}

const START = Date.UTC(2026, 10, 21, 12, 0, 0);
const rand = seeded(42);
const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;

/** Arrival after the event: usually within 2.5 s (so out of order), rarely a minute late. */
function arrival(eventMs: number): number {
  return eventMs + (rand() < 0.01 ? 45_000 + rand() * 30_000 : rand() * 2500);
}

function withDuplicates(events: Sent[]): Sent[] {
  const copies = events
    .filter(() => rand() < 0.05)
    .map((e) => ({ ...e, arrivalMs: e.arrivalMs + rand() * 1500 }));
  return [...events, ...copies].sort((a, b) => a.arrivalMs - b.arrivalMs);
}

function playerEvents(): Sent[] {
  const players = Array.from({ length: 250 }, (_, i) => ({
    cognitoId: `us-east-1:${i.toString(16).padStart(8, '0')}-test`,
    os: pick(Object.values(OPERATING_SYSTEMS)),
    quadrant: pick(QUADRANTS),
  }));
  const events: Sent[] = [];
  for (let second = 0; second < 30; second++) {
    for (const player of players) {
      if (rand() < 0.1) continue; // offline this second
      if (rand() < 0.05) player.quadrant = pick(QUADRANTS);
      const eventMs = START + second * 1000 + Math.floor(rand() * 1000);
      events.push({
        payload: { recordTime: eventMs / 1000, ...player },
        eventMs,
        arrivalMs: arrival(eventMs),
      });
    }
  }
  return withDuplicates(events);
}

function sensorReadings(): Sent[] {
  const sensors = Array.from({ length: 25 }, (_, i) => ({
    sensor_id: `sensor-${i}`,
    station_id: `station-${i % 5}`,
    sensor: SENSOR_TYPES[i % SENSOR_TYPES.length]!,
  }));
  const events: Sent[] = [];
  for (let second = 0; second < 180; second++) {
    for (const sensor of sensors) {
      const eventMs = START + second * 1000;
      const value = Math.round(rand() * 10_000) / 100;
      events.push({
        payload: {
          ...sensor,
          timestamp: eventMs,
          value,
          value_smoothed: value * 0.9,
          direction: 1,
        },
        eventMs,
        arrivalMs: arrival(eventMs),
      });
    }
  }
  return withDuplicates(events);
}

/** Lambda's side of tumbling windows: windows by arrival, batches of BATCH_SIZE, state passed on. */
async function drive(
  aggregate: AggregateHandler,
  sent: readonly Sent[],
  windowMs: number,
): Promise<void> {
  const windows = new Map<number, KinesisStreamRecord[]>();
  for (const event of sent) {
    const start = Math.floor(event.arrivalMs / windowMs) * windowMs;
    const records = windows.get(start) ?? [];
    records.push(kinesisRecord(event.payload, { arrivalMs: event.arrivalMs }));
    windows.set(start, records);
  }
  for (const [startMs, records] of [...windows].sort(([a], [b]) => a - b)) {
    const window = { startMs, endMs: startMs + windowMs };
    let state: Record<string, unknown> | undefined;
    for (let i = 0; i < records.length; i += BATCH_SIZE) {
      const response = await aggregate(
        windowEvent(records.slice(i, i + BATCH_SIZE), window, state, false),
        lambdaContext,
      );
      state = response.state;
    }
    const final = await aggregate(windowEvent([], window, state, true), lambdaContext);
    expect(final.state).toEqual({});
  }
}

/** The plain computation the seeds' SQL describes, over the same windows. */
function reference(sent: readonly Sent[], windowMs: number) {
  const users = new Map<number, Map<string, { os: Set<unknown>; quadrants: Set<unknown> }>>();
  const sensors = new Map<
    string,
    { seen: Set<number>; count: number; sum: number; smooth: number; min: number; max: number }
  >();
  for (const { payload, eventMs, arrivalMs } of sent) {
    const start = Math.floor(arrivalMs / windowMs) * windowMs;
    if (eventMs < start - LATE_MS) continue;
    if ('cognitoId' in payload) {
      const players = users.get(start) ?? new Map();
      users.set(start, players);
      const player = players.get(payload.cognitoId as string) ?? {
        os: new Set(),
        quadrants: new Set(),
      };
      players.set(payload.cognitoId as string, player);
      player.os.add(payload.os);
      player.quadrants.add(payload.quadrant);
    } else {
      const key = `${payload.sensor_id as string}|${start + windowMs}`;
      const entry = sensors.get(key) ?? {
        seen: new Set(),
        count: 0,
        sum: 0,
        smooth: 0,
        min: Infinity,
        max: -Infinity,
      };
      sensors.set(key, entry);
      if (entry.seen.has(eventMs)) continue;
      entry.seen.add(eventMs);
      entry.count += 1;
      entry.sum += payload.value as number;
      entry.smooth += payload.value_smoothed as number;
      entry.min = Math.min(entry.min, payload.value as number);
      entry.max = Math.max(entry.max, payload.value as number);
    }
  }
  return { users, sensors };
}

let stack: TestStack;

/** The readers' view, as of the test data's own time (its rollups' TTL counts from then). */
function usersOf(tableName: string) {
  return playerRollupRepository({
    client: dynamoDocumentClient({ timeoutMs: 5000 }),
    tableName,
    timeoutMs: 5000,
    now: () => START + 3600_000,
  });
}

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

it('equals a plain reference computation over 10,000+ events with duplicates, late and out-of-order arrivals', async () => {
  const tables = await stack.freshConfig();
  const config = readIngestConfig({
    USER_ROLLUPS_TABLE: tables.userRollupsTable,
    SENSOR_ROLLUPS_TABLE: tables.sensorRollupsTable,
    PULSE_LATE_EVENT_SECONDS: String(LATE_MS / 1000),
  });
  const client = dynamoDocumentClient({ timeoutMs: 5000 });
  const aggregate = createAggregateHandler({
    config,
    writer: rollupWriter({ client }),
    partials: playerPartialWriter(client),
    logger: new Logger({ serviceName: 'pulse-aggregate-test' }),
    metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'aggregate' }),
  });
  const players = playerEvents();
  const readings = sensorReadings();
  expect(players.length + readings.length).toBeGreaterThan(10_000);
  // The data must hold what the semantics are about: late events and redelivered ones.
  const late = (sent: Sent[], windowMs: number) =>
    sent.filter((e) => e.eventMs < Math.floor(e.arrivalMs / windowMs) * windowMs - LATE_MS).length;
  expect(late(players, 1000) + late(readings, 60_000)).toBeGreaterThan(50);
  expect(new Set(readings.map((e) => e.payload)).size).toBeLessThan(readings.length);

  await drive(aggregate, players, 1000);
  await drive(aggregate, readings, 60_000);

  const expectedUsers = reference(players, 1000).users;
  const stored = await usersOf(tables.userRollupsTable).playerRollupsSince(0);
  expect(stored.map((r) => r.windowTime)).toEqual([...expectedUsers.keys()].sort((a, b) => a - b));
  for (const rollup of stored) {
    const players = [...expectedUsers.get(rollup.windowTime)!.values()];
    const withOs = (name: string) => players.filter((p) => p.os.has(name)).length;
    const inQuadrant = (q: string) => players.filter((p) => p.quadrants.has(q)).length;
    expect(rollup).toEqual({
      windowTime: rollup.windowTime,
      userCount: players.length,
      byOs: {
        android: withOs('Android'),
        ios: withOs('iOS'),
        windowsPhone: withOs('Windows Phone'),
        other: withOs('other'),
      },
      byQuadrant: {
        A: inQuadrant('A'),
        B: inQuadrant('B'),
        C: inQuadrant('C'),
        D: inQuadrant('D'),
      },
    });
  }

  const expectedSensors = reference(readings, 60_000).sensors;
  const { Items: sensorItems = [] } = await client.send(
    new ScanCommand({ TableName: tables.sensorRollupsTable }),
  );
  expect(sensorItems).toHaveLength(expectedSensors.size);
  for (const item of sensorItems) {
    const want = expectedSensors.get(`${item.sensorId as string}|${item.windowtime as number}`)!;
    expect(item.count).toBe(want.count);
    expect(item.sum).toBeCloseTo(want.sum, 6);
    expect(item.avgValue).toBeCloseTo(want.sum / want.count, 9);
    expect(item.smoothAvgValue).toBeCloseTo(want.smooth / want.count, 9);
    expect([item.minValue, item.maxValue]).toEqual([want.min, want.max]);
  }
}, 120_000);

it('leaves out raw events no schema accepts, and keeps the window when its final write fails', async () => {
  const tables = await stack.freshConfig();
  const proxy = await startDynamoFaultProxy(stack.dynamo.url, {});
  process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
  try {
    const config = readIngestConfig({
      USER_ROLLUPS_TABLE: tables.userRollupsTable,
      SENSOR_ROLLUPS_TABLE: tables.sensorRollupsTable,
    });
    const aggregate = createAggregateHandler({
      config,
      writer: rollupWriter({ client: dynamoDocumentClient({ timeoutMs: 2000 }), maxAttempts: 1 }),
      partials: playerPartialWriter(dynamoDocumentClient({ timeoutMs: 2000 })),
      logger: new Logger({ serviceName: 'pulse-aggregate-test' }),
      metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'aggregate' }),
    });
    const window = { startMs: START, endMs: START + 1000 };
    const player = (id: string) =>
      kinesisRecord({ recordTime: START / 1000 + 0.5, cognitoId: id, os: 'iOS', quadrant: 'C' });
    const first = await aggregate(
      windowEvent(
        [player('a'), kinesisRecord('{"cognitoId": 7}'), kinesisRecord('garbage'), player('b')],
        window,
        undefined,
        false,
      ),
      lambdaContext,
    );
    expect(first.state).toMatchObject({ invalid: 2 });

    proxy.throttleNext('PutItem', 2); // the SDK itself tries twice
    const final = windowEvent([], window, first.state, true);
    await expect(aggregate(final, lambdaContext)).rejects.toThrow(WriteFailedError);
    // Lambda retries the final invoke with the same state.
    expect(await aggregate(final, lambdaContext)).toEqual({ state: {}, batchItemFailures: [] });
    expect(await usersOf(tables.userRollupsTable).playerRollupsSince(0)).toEqual([
      {
        windowTime: START,
        userCount: 2,
        byOs: { android: 0, ios: 2, windowsPhone: 0, other: 0 },
        byQuadrant: { A: 0, B: 0, C: 2, D: 0 },
      },
    ]);
  } finally {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = stack.dynamo.url;
    await proxy.close();
  }
});
