/**
 * Statistics and what is usual against dynalite, through the real readers: rollups written by
 * persist (the SQL apps' records, no extremes) and by aggregate (raw readings on two shards).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { stationCatalog } from '../../domain/catalog';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { DependencyError } from '../../lambda/aws/errors';
import { createAggregateHandler } from '../../lambda/rollups/aggregate';
import { InvalidPeriodError, UnknownStationError } from '../../lambda/rollups/errors';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { createPersistHandler } from '../../lambda/rollups/persist';
import { playerPartialWriter } from '../../lambda/rollups/playerPartials';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { sensorRollupRepository } from '../../lambda/rollups/sensorRollups';
import { rollupStatistics, type RollupStatistics } from '../../lambda/rollups/statistics';
import { rollupWriter } from '../../lambda/rollups/writer';
import { startOfLocalDay } from '../../lambda/rollups/zonedTime';
import type { SkillConfig } from '../../lambda/skill/config';
import { kinesisEvent, kinesisRecord, lambdaContext, windowEvent } from '../support/kinesisEvents';
import { playerRollup, startTestStack, type TestStack } from '../support/stack';

const BERLIN = 'bR4lnMt7Xa';
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

function statisticsOf(tables: SkillConfig, now: () => number, timeoutMs = 2000): RollupStatistics {
  const client = dynamoDocumentClient({ timeoutMs });
  const options = { client, timeoutMs, now };
  return rollupStatistics({
    sensors: sensorRollupRepository({ ...options, tableName: tables.sensorRollupsTable }),
    players: playerRollupRepository({ ...options, tableName: tables.userRollupsTable }),
    catalog: stationCatalog,
    retentionDays: 7,
    now,
  });
}

function ingestion(tables: SkillConfig) {
  const config = readIngestConfig({
    USER_ROLLUPS_TABLE: tables.userRollupsTable,
    SENSOR_ROLLUPS_TABLE: tables.sensorRollupsTable,
  });
  const client = dynamoDocumentClient({ timeoutMs: 2000 });
  const common = {
    config,
    writer: rollupWriter({ client }),
    logger: new Logger({ serviceName: 'pulse-statistics-test' }),
    metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'statistics' }),
  };
  return {
    persist: createPersistHandler(common),
    aggregate: createAggregateHandler({ ...common, partials: playerPartialWriter(client) }),
  };
}

/** The weather-station talk's SQL output record (seed 001), as persist reads it. */
function sqlRecord(sensorId: string, average: number, windowTime: number) {
  return {
    sensor_id: sensorId,
    sensor: 'temp',
    station_id: BERLIN,
    sensor_avg_value: average,
    sensor_smooth_avg_value: average,
    '60sec_sum_of_sensor_value': average * 60,
    '60sec_number_of_msg': 60,
    record_timestamp: new Date(windowTime).toISOString().replace('T', ' ').replace('Z', ''),
  };
}

describe('the highest, lowest and average of a sensor type at a station', () => {
  it('of rollups of 12.5, 31.5 and 18.25 at Berlin Central in the last hour (persist): 31.5 and 12.5, from window averages', async () => {
    const tables = await stack.freshConfig();
    const now = Date.now();
    const windows = [now - 50 * MINUTE, now - 30 * MINUTE, now - 10 * MINUTE].map(
      (t) => Math.floor(t / MINUTE) * MINUTE,
    );
    const { persist } = ingestion(tables);
    await persist(
      kinesisEvent([
        kinesisRecord(sqlRecord('bTmpMtte01', 12.5, windows[0]!), { stream: 'sensor-rollups' }),
        kinesisRecord(sqlRecord('bTmpMtte02', 31.5, windows[1]!), { stream: 'sensor-rollups' }),
        kinesisRecord(sqlRecord('bTmpMtte01', 18.25, windows[2]!), { stream: 'sensor-rollups' }),
        // Two hours ago: outside the period.
        kinesisRecord(sqlRecord('bTmpMtte01', 40, now - 2 * HOUR), { stream: 'sensor-rollups' }),
      ]),
      lambdaContext,
    );
    const stats = await statisticsOf(tables, () => now).sensorStatistics({
      stationId: BERLIN,
      sensor: 'temp',
      since: now - HOUR,
    });
    expect(stats).toMatchObject({
      windows: 3,
      highest: { value: 31.5, windowTime: windows[1], sensorId: 'bTmpMtte02' },
      lowest: { value: 12.5, windowTime: windows[0], sensorId: 'bTmpMtte01' },
      timeZone: 'Europe/Berlin',
      extremesFromAverages: true,
      until: now,
    });
    expect(stats.average).toBeCloseTo((12.5 + 31.5 + 18.25) / 3, 10);
  });

  it("of raw readings aggregated on two shards: the readings' own extremes, merged across the shards", async () => {
    const tables = await stack.freshConfig();
    const { aggregate } = ingestion(tables);
    const window = { startMs: Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE, endMs: 0 };
    window.endMs = window.startMs + MINUTE;
    const reading = (timestamp: number, value: number, sensorId = 'bTmpMtte01') => ({
      sensor_id: sensorId,
      station_id: BERLIN,
      sensor: 'temp',
      timestamp,
      value,
      value_smoothed: value,
    });
    const shard = async (shardId: string, values: [number, number][]) => {
      const records = values.map(([t, v]) =>
        kinesisRecord(reading(window.startMs + t, v), { stream: 'sensor-events' }),
      );
      const event = (final: boolean, state?: Record<string, unknown>) => ({
        ...windowEvent(final ? [] : records, window, state, final),
        shardId,
      });
      const { state } = await aggregate(event(false), lambdaContext);
      await aggregate(event(true, state), lambdaContext);
    };
    // Across a reshard one sensor's readings of a minute can sit on two shards.
    await shard('shardId-000000000001', [
      [1000, 20],
      [2000, 35.5],
    ]);
    await shard('shardId-000000000002', [
      [3000, 9.75],
      [4000, 21],
    ]);
    const stats = await statisticsOf(tables, Date.now).sensorStatistics({
      stationId: BERLIN,
      sensor: 'temp',
      since: startOfLocalDay(Date.now(), 'Europe/Berlin') - DAY,
    });
    expect(stats).toMatchObject({
      windows: 1,
      messageCount: 4,
      highest: { value: 35.5, windowTime: window.endMs },
      lowest: { value: 9.75, windowTime: window.endMs },
      extremesFromAverages: false,
    });
    expect(stats.average).toBeCloseTo((20 + 35.5 + 9.75 + 21) / 4, 10);
  });

  it('refuses a period that ends before it starts, one longer than rollups are kept, and a station it does not know', async () => {
    const tables = await stack.freshConfig();
    const statistics = statisticsOf(tables, Date.now);
    const now = Date.now();
    await expect(
      statistics.sensorStatistics({
        stationId: BERLIN,
        sensor: 'temp',
        since: now + 1,
        until: now,
      }),
    ).rejects.toMatchObject({ name: 'InvalidPeriodError', reason: 'reversed' });
    await expect(statistics.playerStatistics({ since: now - 30 * DAY })).rejects.toBeInstanceOf(
      InvalidPeriodError,
    );
    await expect(
      statistics.sensorStatistics({ stationId: 'nowhere', sensor: 'temp', since: now - HOUR }),
    ).rejects.toBeInstanceOf(UnknownStationError);
  });

  it('gives up at the dependency deadline when DynamoDB hangs', async () => {
    const sockets = new Set<Socket>();
    const blackHole = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const saved = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
    try {
      const tables = { userRollupsTable: 'u', sensorRollupsTable: 's' } as SkillConfig;
      const started = Date.now();
      const failure = await statisticsOf(tables, Date.now, 200)
        .sensorStatistics({ stationId: BERLIN, sensor: 'temp', since: Date.now() - HOUR })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DependencyError);
      expect(failure).toMatchObject({ failure: 'timeout' });
      // Not a timing assertion: only that it did not wait for the socket's own timeout.
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = saved;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    }
  });
});

describe("the players' peak, low and average over a period", () => {
  it('merge every second in the period and name when', async () => {
    const tables = await stack.freshConfig();
    const now = Math.floor(Date.now() / 1000) * 1000;
    const counts = [100, 140, 90, 95, 140, 120];
    await stack.putPlayerRollups(
      tables,
      counts.map((players, i) => playerRollup(now - (counts.length - i) * 10_000, players)),
    );
    await stack.putPlayerRollups(tables, [playerRollup(now - 2 * HOUR, 999)]);
    const stats = await statisticsOf(tables, () => now).playerStatistics({ since: now - HOUR });
    expect(stats).toMatchObject({
      windows: 6,
      peak: { value: 140, windowTime: now - 50_000 },
      low: { value: 90, windowTime: now - 40_000 },
    });
    expect(stats.average).toBeCloseTo(685 / 6, 10);
  });
});

describe('what is usual for the hour of day', () => {
  /** Values of one hour of the station's day, `daysBefore` days before `at`, one window a minute. */
  async function writeHour(
    tables: SkillConfig,
    at: number,
    daysBefore: number,
    value: (minute: number) => number,
  ) {
    const start = at - daysBefore * DAY - (at % HOUR);
    await stack.putSensorRollups(
      tables,
      Array.from({ length: 60 }, (_, minute) => ({
        stationId: BERLIN,
        sensor: 'temp' as const,
        sensorId: 'bTmpMtte01',
        windowTime: start + minute * MINUTE,
        avgValue: value(minute),
        smoothAvgValue: value(minute),
        sum: value(minute) * 60,
        count: 60,
      })),
    );
  }

  it("is the 10th to 90th percentile of the hour's windows on earlier days, and the latest window is judged against it", async () => {
    const tables = await stack.freshConfig();
    // Mid-hour in winter, so that the hour is the same UTC hour every day of the week before.
    const now = Date.UTC(2026, 0, 20, 13, 30);
    for (const day of [1, 2, 3, 4]) await writeHour(tables, now, day, (m) => 10 + (m % 10) / 2);
    const statistics = statisticsOf(tables, () => now);
    const usual = await statistics.usualSensorRange({ stationId: BERLIN, sensor: 'temp' });
    expect(usual).toMatchObject({ known: true, hour: 14, days: 4, samples: 240 });
    if (!usual.known) throw new Error('unreachable');
    // 240 windows, 24 of each of 10, 10.5 … 14.5: ranks 23.9 and 215.1 of 0 … 239.
    expect(usual.low).toBeCloseTo(10.45, 10);
    expect(usual.high).toBeCloseTo(14.05, 10);

    await stack.putSensorRollups(tables, [
      {
        stationId: BERLIN,
        sensor: 'temp',
        sensorId: 'bTmpMtte01',
        windowTime: now - MINUTE,
        avgValue: 19,
        smoothAvgValue: 19,
        sum: 19 * 60,
        count: 60,
      },
    ]);
    const against = await statistics.sensorAgainstUsual({ stationId: BERLIN, sensor: 'temp' });
    expect(against.verdict).toBe('above');
    expect(against.latest?.average).toBe(19);
  });

  it('is unknown with fewer than three earlier days, and the players count is judged the same way', async () => {
    const tables = await stack.freshConfig();
    const now = Date.UTC(2026, 0, 20, 13, 30);
    await writeHour(tables, now, 1, () => 12);
    await writeHour(tables, now, 2, () => 12);
    const statistics = statisticsOf(tables, () => now);
    expect(await statistics.usualSensorRange({ stationId: BERLIN, sensor: 'temp' })).toMatchObject({
      known: false,
      reason: 'not-enough-history',
      days: 2,
    });

    const players = [1, 2, 3].flatMap((day) =>
      Array.from({ length: 40 }, (_, i) =>
        playerRollup(now - day * DAY - (now % HOUR) + i * 60_000, 200 + (i % 20)),
      ),
    );
    await stack.putPlayerRollups(tables, [...players, playerRollup(now - 1000, 80)]);
    const against = await statistics.playersAgainstUsual({ timeZone: 'UTC' });
    expect(against.usual).toMatchObject({ known: true, hour: 13, days: 3, samples: 120 });
    expect(against).toMatchObject({
      latest: { userCount: 80, windowTime: now - 1000 },
      verdict: 'below',
    });
  });
});
