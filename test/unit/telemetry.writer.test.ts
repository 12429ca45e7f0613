/** The telemetry writer against a stand-in Kinesis: batching, retries of failed records, ticking by the wall clock, stopping. */
import type { PutRecordsCommand, PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { stationCatalog } from '../../domain/catalog';
import {
  batchRecords,
  mulberry32,
  planTick,
  putAllRecords,
  startTelemetry,
  type OutgoingRecord,
  type PlayerEvent,
  type PutRecordsSender,
  type SensorReading,
} from '../../local/telemetry';

const utf8 = new TextEncoder();
/** A JSON record of the given size: whitespace after the value keeps it valid JSON. */
const record = (partitionKey: string, bytes = 100): OutgoingRecord => ({
  data: utf8.encode(JSON.stringify({ partitionKey }).padEnd(bytes)),
  partitionKey,
});

interface SentRecord {
  readonly partitionKey: string;
  readonly payload: unknown;
}

interface Call {
  readonly stream: string;
  readonly records: SentRecord[];
}

/**
 * Records every PutRecords call; `failure` decides per record and attempt whether Kinesis reports it
 * failed, `hang` keeps calls open until they are aborted.
 */
class FakeKinesis implements PutRecordsSender {
  readonly calls: Call[] = [];
  readonly attemptsByKey = new Map<string, number>();
  failure: (partitionKey: string, attempt: number) => string | undefined = () => undefined;
  hang = false;
  throwing: Error | undefined;

  async send(
    command: PutRecordsCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<PutRecordsCommandOutput> {
    const entries = command.input.Records ?? [];
    const records = entries.map((entry) => ({
      partitionKey: entry.PartitionKey ?? '',
      payload: JSON.parse(new TextDecoder().decode(entry.Data)) as unknown,
    }));
    this.calls.push({ stream: command.input.StreamName ?? '', records });
    if (this.throwing) throw this.throwing;
    if (this.hang) {
      await new Promise<never>((_, reject) => {
        options?.abortSignal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    }
    const results = records.map(({ partitionKey }) => {
      const attempt = (this.attemptsByKey.get(partitionKey) ?? 0) + 1;
      this.attemptsByKey.set(partitionKey, attempt);
      const code = this.failure(partitionKey, attempt);
      return code === undefined
        ? { SequenceNumber: '1', ShardId: 'shardId-000000000000' }
        : { ErrorCode: code, ErrorMessage: 'simulated' };
    });
    return {
      $metadata: {},
      FailedRecordCount: results.filter((r) => 'ErrorCode' in r).length,
      Records: results,
    };
  }

  recordsOn(stream: string): SentRecord[] {
    return this.calls.filter((c) => c.stream === stream).flatMap((c) => c.records);
  }
}

describe('batching records for PutRecords', () => {
  it('puts at most 500 records in a call, keeping their order', () => {
    const records = Array.from({ length: 1200 }, (_, i) => record(`key-${i}`));
    const batches = batchRecords(records);
    expect(batches.map((b) => b.length)).toEqual([500, 500, 200]);
    expect(batches.flat()).toEqual(records);
  });

  it('keeps each call within 5 MiB, partition keys included', () => {
    const records = Array.from({ length: 12 }, (_, i) => record(`k${i}`, 1_000_000));
    const batches = batchRecords(records);
    for (const batch of batches) {
      const bytes = batch.reduce(
        (sum, r) => sum + r.data.byteLength + utf8.encode(r.partitionKey).byteLength,
        0,
      );
      expect(bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    }
    expect(batches.map((b) => b.length)).toEqual([5, 5, 2]);
  });
});

describe('putting records', () => {
  const policy = { attempts: 3, baseDelayMs: 1 };

  it('retries only the records Kinesis reports as failed', async () => {
    const kinesis = new FakeKinesis();
    kinesis.failure = (key, attempt) =>
      attempt === 1 && Number(key.slice(1)) % 3 === 0
        ? 'ProvisionedThroughputExceededException'
        : undefined;
    const records = Array.from({ length: 10 }, (_, i) => record(`k${i}`));
    const outcome = await putAllRecords(kinesis, 's', records, { policy, random: mulberry32(1) });
    expect(outcome).toEqual({ written: 10, dropped: 0, errorCodes: {}, errors: [] });
    expect(kinesis.calls.map((c) => c.records.map((r) => r.partitionKey))).toEqual([
      records.map((r) => r.partitionKey),
      ['k0', 'k3', 'k6', 'k9'],
    ]);
  });

  it('drops a record that still fails after the last attempt, and says why', async () => {
    const kinesis = new FakeKinesis();
    kinesis.failure = (key) => (key === 'k1' ? 'InternalFailure' : undefined);
    const records = [record('k0'), record('k1'), record('k2')];
    const outcome = await putAllRecords(kinesis, 's', records, { policy, random: mulberry32(1) });
    expect(outcome).toEqual({
      written: 2,
      dropped: 1,
      errorCodes: { InternalFailure: 1 },
      errors: [],
    });
    expect(kinesis.attemptsByKey.get('k1')).toBe(3);
  });

  it('counts every record of a call that throws as dropped, without retrying it', async () => {
    const kinesis = new FakeKinesis();
    const refused = new Error('ResourceNotFoundException: no stream s');
    kinesis.throwing = refused;
    const records = [record('k0'), record('k1')];
    const outcome = await putAllRecords(kinesis, 's', records, { policy, random: mulberry32(1) });
    expect(outcome).toEqual({ written: 0, dropped: 2, errorCodes: {}, errors: [refused] });
    expect(kinesis.calls).toHaveLength(1);
  });
});

describe('planning ticks by the wall clock', () => {
  it('runs the tick that has come due and waits for the next one', () => {
    expect(planTick(10_003, 10_000, 1000, 0)).toEqual({
      run: 0,
      skipped: 0,
      next: 1,
      delayMs: 997,
    });
  });

  it('runs only the newest due tick when it fell behind, skipping rather than bursting', () => {
    expect(planTick(13_500, 10_000, 1000, 0)).toEqual({
      run: 3,
      skipped: 3,
      next: 4,
      delayMs: 500,
    });
  });

  it('runs nothing when a timer fires before its tick is due', () => {
    expect(planTick(10_999, 10_000, 1000, 1)).toEqual({ skipped: 0, next: 1, delayMs: 1 });
  });
});

describe('the telemetry writer', () => {
  const START = new Date('2025-01-15T20:00:00.250Z');
  const FIRST_SECOND = Date.UTC(2025, 0, 15, 20, 0, 1) / 1000;
  const catalogSensorCount = stationCatalog.stations.reduce((n, s) => n + s.sensors.length, 0);

  beforeEach(() => jest.useFakeTimers({ now: START }));
  afterEach(() => jest.useRealTimers());

  const secondsOf = (records: SentRecord[]) => [
    ...new Set(
      records.map(({ payload }) =>
        'recordTime' in (payload as object)
          ? Math.floor((payload as PlayerEvent).recordTime)
          : Math.floor((payload as SensorReading).timestamp / 1000),
      ),
    ),
  ];

  it('puts each second’s player events and sensor readings on their streams, keyed by player and sensor', async () => {
    const kinesis = new FakeKinesis();
    const telemetry = startTelemetry({ client: kinesis, players: 50, seed: 1 });
    await jest.advanceTimersByTimeAsync(3000);
    await telemetry.stop();

    const events = kinesis.recordsOn('user-events');
    const readings = kinesis.recordsOn('sensor-events');
    expect(secondsOf(events)).toEqual([FIRST_SECOND, FIRST_SECOND + 1, FIRST_SECOND + 2]);
    expect(secondsOf(readings)).toEqual([FIRST_SECOND, FIRST_SECOND + 1, FIRST_SECOND + 2]);
    expect(readings).toHaveLength(3 * catalogSensorCount);
    for (const { partitionKey, payload } of events) {
      expect(partitionKey).toBe((payload as PlayerEvent).cognitoId);
    }
    for (const { partitionKey, payload } of readings) {
      expect(partitionKey).toBe((payload as SensorReading).sensor_id);
    }
    expect(telemetry.stats()).toEqual({
      playerEvents: events.length,
      sensorReadings: readings.length,
      failedRecords: 0,
      skippedSeconds: 0,
    });
  });

  it('writes to the configured streams, and only players when stations are off', async () => {
    const kinesis = new FakeKinesis();
    const telemetry = startTelemetry({
      client: kinesis,
      players: 20,
      stations: false,
      playersStream: 'players-test',
      sensorsStream: 'sensors-test',
    });
    await jest.advanceTimersByTimeAsync(1000);
    await telemetry.stop();
    expect(new Set(kinesis.calls.map((c) => c.stream))).toEqual(new Set(['players-test']));
  });

  it('splits a large population’s second into calls of at most 500 records', async () => {
    const kinesis = new FakeKinesis();
    const telemetry = startTelemetry({ client: kinesis, players: 4000, stations: false, seed: 2 });
    await jest.advanceTimersByTimeAsync(1000);
    await telemetry.stop();
    const sizes = kinesis.calls.map((c) => c.records.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(500);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(telemetry.stats().playerEvents);
  });

  it('retries failed records and counts the ones it finally drops', async () => {
    const kinesis = new FakeKinesis();
    const unlucky = new Set<string>();
    kinesis.failure = (key, attempt) => {
      // Every fifth key fails once and recovers; the first one never gets through.
      if (unlucky.size === 0) unlucky.add(key);
      if (unlucky.has(key)) return 'ProvisionedThroughputExceededException';
      return attempt === 1 && key.endsWith('5') ? 'InternalFailure' : undefined;
    };
    const errors: unknown[] = [];
    const telemetry = startTelemetry({
      client: kinesis,
      players: 30,
      stations: false,
      seed: 3,
      onError: (e) => errors.push(e),
      retry: { attempts: 4, baseDelayMs: 10 },
    });
    await jest.advanceTimersByTimeAsync(1000);
    await telemetry.stop();

    const stats = telemetry.stats();
    expect(stats.failedRecords).toBe(1);
    expect(stats.playerEvents).toBe(
      new Set(kinesis.recordsOn('user-events').map((r) => r.partitionKey)).size - 1,
    );
    expect(kinesis.attemptsByKey.get([...unlucky][0]!)).toBe(4);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(
      /user-events: dropped 1 of \d+ records still failing after 4 attempts \(ProvisionedThroughputExceededException ×1\)/,
    );
  });

  it('reports a call that throws and counts its records as failed', async () => {
    const kinesis = new FakeKinesis();
    kinesis.throwing = new Error('ResourceNotFoundException');
    const errors: unknown[] = [];
    const telemetry = startTelemetry({
      client: kinesis,
      players: 10,
      onError: (e) => errors.push(e),
    });
    await jest.advanceTimersByTimeAsync(1000);
    await telemetry.stop();
    expect(telemetry.stats()).toMatchObject({ playerEvents: 0, sensorReadings: 0 });
    expect(telemetry.stats().failedRecords).toBe(kinesis.calls.flatMap((c) => c.records).length);
    expect(errors).toEqual([kinesis.throwing, kinesis.throwing]);
  });

  it('skips the seconds it missed instead of catching up in a burst', async () => {
    const kinesis = new FakeKinesis();
    let clockJumpMs = 0;
    const telemetry = startTelemetry({
      client: kinesis,
      players: 10,
      stations: false,
      now: () => Date.now() + clockJumpMs,
    });
    await jest.advanceTimersByTimeAsync(750);
    // As if the process had been suspended for four seconds.
    clockJumpMs = 4000;
    await jest.advanceTimersByTimeAsync(1000);
    await telemetry.stop();
    expect(secondsOf(kinesis.recordsOn('user-events'))).toEqual([FIRST_SECOND, FIRST_SECOND + 5]);
    expect(telemetry.stats().skippedSeconds).toBe(4);
  });

  it('skips new seconds while Kinesis is not keeping up, rather than queueing them', async () => {
    const kinesis = new FakeKinesis();
    kinesis.hang = true;
    const telemetry = startTelemetry({ client: kinesis, players: 10, stations: false });
    await jest.advanceTimersByTimeAsync(5000);
    expect(kinesis.calls).toHaveLength(3);
    expect(telemetry.stats().skippedSeconds).toBe(2);

    const stopping = telemetry.stop();
    // The grace period runs out and the hanging puts are aborted.
    await jest.advanceTimersByTimeAsync(5000);
    await stopping;
    expect(telemetry.stats().failedRecords).toBe(kinesis.recordsOn('user-events').length);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves no timers running once stopped, even in the middle of a retry', async () => {
    const kinesis = new FakeKinesis();
    kinesis.failure = () => 'ProvisionedThroughputExceededException';
    const telemetry = startTelemetry({
      client: kinesis,
      players: 10,
      onError: () => undefined,
      retry: { attempts: 5, baseDelayMs: 400 },
    });
    await jest.advanceTimersByTimeAsync(800);
    expect(jest.getTimerCount()).toBeGreaterThan(0);
    const stopping = telemetry.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    await stopping;
    expect(jest.getTimerCount()).toBe(0);
    const callsAtStop = kinesis.calls.length;
    await jest.advanceTimersByTimeAsync(5000);
    expect(kinesis.calls).toHaveLength(callsAtStop);
  });

  it('replays the same records from the same seed', async () => {
    const run = async () => {
      const kinesis = new FakeKinesis();
      const telemetry = startTelemetry({ client: kinesis, players: 40, seed: 9 });
      await jest.advanceTimersByTimeAsync(2000);
      await telemetry.stop();
      jest.setSystemTime(START);
      return kinesis.calls;
    };
    expect(await run()).toEqual(await run());
  });
});
