/** The telemetry writer: puts each simulated second's player events and sensor readings on their Kinesis streams. */
import { STREAMS } from '../../lambda/rollups/streams';
import { createPlayerSimulation, DEFAULT_POPULATION, type PlayerSimulation } from './players';
import {
  DEFAULT_RETRY_POLICY,
  putAllRecords,
  type OutgoingRecord,
  type PutOutcome,
  type PutRecordsSender,
  type RetryPolicy,
} from './putRecords';
import { mulberry32 } from '../random';
import { createStationSimulation, type StationSimulation } from './stations';
import { RecordsDroppedError } from './errors';

export interface TelemetryOptions {
  /** A KinesisClient; typed by the one call the writer makes, so tests can stand in for it. */
  client: PutRecordsSender;
  /** Player population; 0 sends no player events. Default 300. */
  players?: number;
  /** IANA zone of the players' daily rhythm. Default America/New_York. */
  playersTimeZone?: string;
  /** Whether the catalog's stations send readings. Default true. */
  stations?: boolean;
  /** Default `user-events`. */
  playersStream?: string;
  /** Default `sensor-events`. */
  sensorsStream?: string;
  /**
   * Wall-clock time between ticks; each tick is one simulated second. At the default 1000 ticks
   * fall on whole wall-clock seconds and carry those seconds' data; shorter intervals run the
   * simulation faster than real time (its records then carry future timestamps), for tests.
   */
  intervalMs?: number;
  /** Replays the same players and readings. Default: a fresh random seed. */
  seed?: number;
  /** Epoch ms. Default Date.now. */
  now?: () => number;
  /** Calls that threw and records dropped after their retries. Default: logged with console.error. */
  onError?: (error: unknown) => void;
  /** Retries of records PutRecords reports as failed. Default 4 attempts from 100 ms backoff. */
  retry?: RetryPolicy;
}

export interface TelemetryStats {
  /** Player events Kinesis accepted. */
  playerEvents: number;
  /** Sensor readings Kinesis accepted. */
  sensorReadings: number;
  /** Records given up on: still failing after the last retry, or in a call that threw. */
  failedRecords: number;
  /** Ticks not sent because the writer fell behind the clock or Kinesis fell behind the writer. */
  skippedSeconds: number;
}

export interface Telemetry {
  /** Stops ticking, lets puts in flight finish (aborting them after a grace period), clears every timer. */
  stop(): Promise<void>;
  stats(): TelemetryStats;
}

/** Beyond this many ticks still putting, Kinesis is not keeping up; new ticks are skipped, not queued. */
const MAX_TICKS_IN_FLIGHT = 3;
/** How long stop() lets puts in flight finish before aborting them. */
const STOP_GRACE_MS = 2000;

export interface TickPlan {
  /** The tick to run now, if one is due. */
  readonly run?: number;
  /** Due ticks passed over because a later one is already due. */
  readonly skipped: number;
  /** The tick after this one. */
  readonly next: number;
  /** Wait until the next tick is due. */
  readonly delayMs: number;
}

/**
 * Decides what a timer that fires at `nowMs` does. Ticks are due at `firstTickAt + k * intervalMs`,
 * so lateness never accumulates; a late timer runs only the newest due tick and skips the older ones
 * instead of sending a burst, and an early timer (timers may fire a millisecond early) runs nothing.
 */
export function planTick(
  nowMs: number,
  firstTickAt: number,
  intervalMs: number,
  nextTick: number,
): TickPlan {
  const newestDue = Math.floor((nowMs - firstTickAt) / intervalMs);
  if (newestDue < nextTick) {
    return { skipped: 0, next: nextTick, delayMs: firstTickAt + nextTick * intervalMs - nowMs };
  }
  const next = newestDue + 1;
  return {
    run: newestDue,
    skipped: newestDue - nextTick,
    next,
    delayMs: firstTickAt + next * intervalMs - nowMs,
  };
}

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const intervalMs = options.intervalMs ?? 1000;
  if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be positive, not ${intervalMs}`);
  const now = options.now ?? Date.now;
  const onError = options.onError ?? ((error: unknown) => console.error('telemetry:', error));
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const population = options.players ?? DEFAULT_POPULATION;
  const playersStream = options.playersStream ?? STREAMS.userEvents;
  const sensorsStream = options.sensorsStream ?? STREAMS.sensorEvents;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;

  // Separate streams of randomness, so turning stations off or a retry's jitter
  // leaves the players as they were.
  const players: PlayerSimulation | undefined =
    population > 0
      ? createPlayerSimulation({
          random: mulberry32(seed),
          population,
          ...(options.playersTimeZone === undefined ? {} : { timeZone: options.playersTimeZone }),
        })
      : undefined;
  const stations: StationSimulation | undefined =
    options.stations === false
      ? undefined
      : createStationSimulation({ random: mulberry32(seed ^ 0x5bd1e995) });
  const retryJitter = mulberry32(seed ^ 0x27d4eb2f);

  const firstTickAt = Math.ceil(now() / intervalMs) * intervalMs;
  const firstSecond = Math.floor(firstTickAt / 1000);
  const stats: TelemetryStats = {
    playerEvents: 0,
    sensorReadings: 0,
    failedRecords: 0,
    skippedSeconds: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const abortPuts = new AbortController();
  let nextTick = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function onTimer(): void {
    timer = undefined;
    if (stopped) return;
    const plan = planTick(now(), firstTickAt, intervalMs, nextTick);
    stats.skippedSeconds += plan.skipped;
    nextTick = plan.next;
    if (plan.run !== undefined) {
      if (inFlight.size >= MAX_TICKS_IN_FLIGHT) stats.skippedSeconds += 1;
      else runTick(firstSecond + plan.run);
    }
    timer = setTimeout(onTimer, Math.max(0, plan.delayMs));
  }

  function runTick(second: number): void {
    let puts: Promise<void>[];
    try {
      const events = players?.playerEventsAt(second) ?? [];
      const readings = stations?.sensorReadingsAt(second) ?? [];
      puts = [
        put(
          playersStream,
          events.map((e) => toRecord(e, e.cognitoId)),
          (n) => (stats.playerEvents += n),
        ),
        put(
          sensorsStream,
          readings.map((r) => toRecord(r, r.sensor_id)),
          (n) => (stats.sensorReadings += n),
        ),
      ];
    } catch (error) {
      onError(error);
      return;
    }
    const tick = Promise.all(puts).then(() => undefined);
    inFlight.add(tick);
    void tick.finally(() => inFlight.delete(tick));
  }

  async function put(
    streamName: string,
    records: OutgoingRecord[],
    countWritten: (written: number) => void,
  ): Promise<void> {
    if (records.length === 0) return;
    let outcome: PutOutcome;
    try {
      outcome = await putAllRecords(options.client, streamName, records, {
        policy: retry,
        random: retryJitter,
        signal: abortPuts.signal,
      });
    } catch (error) {
      // putAllRecords reports failed calls in its outcome; reaching here is a bug worth hearing about.
      stats.failedRecords += records.length;
      onError(error);
      return;
    }
    countWritten(outcome.written);
    stats.failedRecords += outcome.dropped;
    for (const error of outcome.errors) onError(error);
    const codes = Object.entries(outcome.errorCodes);
    if (codes.length > 0) {
      const rejected = codes.reduce((sum, [, count]) => sum + count, 0);
      const summary = codes.map(([code, count]) => `${code} ×${count}`).join(', ');
      onError(
        new RecordsDroppedError(
          `${streamName}: dropped ${rejected} of ${records.length} records still failing after ` +
            `${retry.attempts} attempts (${summary})`,
        ),
      );
    }
  }

  timer = setTimeout(onTimer, Math.max(0, firstTickAt - now()));

  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (inFlight.size === 0) return;
      const grace = setTimeout(() => abortPuts.abort(), STOP_GRACE_MS);
      try {
        await Promise.allSettled([...inFlight]);
      } finally {
        clearTimeout(grace);
      }
    },
    stats: () => ({ ...stats }),
  };
}

const utf8 = new TextEncoder();

function toRecord(payload: object, partitionKey: string): OutgoingRecord {
  return { data: utf8.encode(JSON.stringify(payload)), partitionKey };
}
