/**
 * Rolling raw events up the way the talks' SQL did: distinct players per second by OS and quadrant
 * (the game analytics talk, seed 000), per-sensor average, smoothed average, sum and count per
 * 60 s (the weather-station talk, seed 001).
 *
 * Windows are the Lambda tumbling windows, which group records by arrival time, as the SQL
 * grouped by ROWTIME: an event counts in the window it arrives in, whatever its own clock says,
 * and never reopens a window already written. Within a window a player counts once however many
 * events it sent, and a sensor reading counts once however often it was delivered (same sensor
 * and timestamp). Where device clocks can be trusted, `lateMs` leaves out events whose own time
 * lies more than that before their window's start (a backlog would skew the current minute);
 * they are counted as late.
 */
import * as v from 'valibot';
import { finiteNumber, summary, wholeNumber } from '../../domain/schema';
import type { SensorRollup } from './sensorRollups';
import type { PlayerRollup } from './playerRollups';
import {
  OPERATING_SYSTEM_IDS,
  OPERATING_SYSTEMS,
  QUADRANTS,
  SENSOR_TYPES,
  type OperatingSystem,
  type Quadrant,
} from '../../domain/vocabulary';
import { InvalidEventError } from './errors';

const OS_BY_NAME = new Map<string, OperatingSystem>(
  Object.entries(OPERATING_SYSTEMS).map(([id, name]) => [name, id as OperatingSystem]),
);

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const playerEventSchema = v.looseObject({
  recordTime: v.pipe(v.number(), v.finite(), v.gtValue(0)),
  cognitoId: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  os: v.picklist(Object.values(OPERATING_SYSTEMS) as [string, ...string[]]),
  quadrant: v.picklist(QUADRANTS),
});

export const sensorReadingSchema = v.looseObject({
  sensor_id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  station_id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  sensor: v.picklist(SENSOR_TYPES),
  timestamp: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  value: finiteNumber(),
  value_smoothed: finiteNumber(),
  direction: v.optional(finiteNumber()),
});

export type PlayerEvent = v.InferOutput<typeof playerEventSchema>;
export type SensorReading = v.InferOutput<typeof sensorReadingSchema>;

export type RawEvent =
  | { readonly kind: 'player'; readonly event: PlayerEvent }
  | { readonly kind: 'sensor'; readonly reading: SensorReading };

export function parseRawEvent(data: string): RawEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw new InvalidEventError(`not JSON: ${JSON.stringify(data.slice(0, 80))}`);
  }
  if (isJsonObject(json) && 'cognitoId' in json) {
    const parsed = v.safeParse(playerEventSchema, json);
    if (parsed.success) return { kind: 'player', event: parsed.output };
    throw new InvalidEventError(`player event: ${summary(parsed.issues)}`);
  }
  if (isJsonObject(json) && 'sensor_id' in json) {
    const parsed = v.safeParse(sensorReadingSchema, json);
    if (parsed.success) return { kind: 'sensor', reading: parsed.output };
    throw new InvalidEventError(`sensor reading: ${summary(parsed.issues)}`);
  }
  throw new InvalidEventError(
    'neither a player event (cognitoId) nor a sensor reading (sensor_id)',
  );
}

/**
 * What one window has seen so far; plain JSON, since Lambda passes it between invocations, and
 * compact, since Lambda ends a window early once its state outgrows 1 MB. At Kinesis's limit of
 * 1,000 records a second per shard, a one-second window holds at most 1,000 players (about 50
 * bytes each) and a 60-second window at most 60,000 readings (about 5 bytes each) plus about 80
 * bytes per sensor: 1,000 sensors reporting every second take under 0.4 MB (README, "Bounded
 * window state").
 */
export const windowStateSchema = v.object({
  /** cognitoId → a bit mask: bits 0–3 the operating systems seen, bits 4–7 the quadrants A–D. */
  players: v.record(
    v.string(),
    v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(255)),
  ),
  /**
   * sensor_id → [station_id, sensor, readings, sum, smoothed sum, seen, lowest, highest]. `seen`
   * lists each reading's timestamp as its offset from the window's start in base 36,
   * comma-separated: what a redelivered reading is recognised by. A state an older Pulse began
   * has no lowest and highest; its window is written without them.
   */
  sensors: v.record(
    v.string(),
    v.strictTuple([
      v.string(),
      v.picklist(SENSOR_TYPES),
      wholeNumber(),
      finiteNumber(),
      finiteNumber(),
      v.string(),
      v.optional(finiteNumber()),
      v.optional(finiteNumber()),
    ]),
  ),
  late: finiteNumber(),
  duplicates: finiteNumber(),
  invalid: finiteNumber(),
  /** Sequence number of the first record counted: names a part of a window Lambda ended early. */
  first: v.optional(v.string()),
  /** The shard, from the records, for a final invoke whose event does not name it. */
  shard: v.optional(v.string()),
});

export type WindowState = v.InferOutput<typeof windowStateSchema>;

export function emptyWindowState(): WindowState {
  return { players: {}, sensors: {}, late: 0, duplicates: 0, invalid: 0 };
}

export interface Window {
  readonly startMs: number;
  readonly endMs: number;
}

const OS_BITS = new Map(OPERATING_SYSTEM_IDS.map((os, i) => [os, 1 << i]));
const QUADRANT_BITS = new Map(QUADRANTS.map((quadrant, i) => [quadrant, 1 << (4 + i)]));

/** Adds events to a window's state (mutating it, as it is rebuilt per invocation anyway). */
export function accumulate(
  state: WindowState,
  events: readonly RawEvent[],
  window: Window,
  lateMs: number,
): WindowState {
  const cutoff = window.startMs - lateMs;
  // The seen lists of the sensors this batch touches, unpacked once per batch.
  const seen = new Map<string, Set<string>>();
  for (const raw of events) {
    if (raw.kind === 'player') {
      const { cognitoId, os, quadrant, recordTime } = raw.event;
      if (recordTime * 1000 < cutoff) {
        state.late += 1;
        continue;
      }
      const before = state.players[cognitoId];
      if (before !== undefined) state.duplicates += 1;
      state.players[cognitoId] =
        (before ?? 0) |
        OS_BITS.get(OS_BY_NAME.get(os)!)! |
        QUADRANT_BITS.get(quadrant as Quadrant)!;
    } else {
      const { sensor_id, station_id, sensor, timestamp, value, value_smoothed } = raw.reading;
      if (timestamp < cutoff) {
        state.late += 1;
        continue;
      }
      // Six elements: the lowest and highest follow with its first reading (valibot types the
      // optional last two as present, holding undefined, which JSON would write as null).
      const entry = (state.sensors[sensor_id] ??= [station_id, sensor, 0, 0, 0, ''] as unknown as [
        ...WindowState['sensors'][string],
      ]);
      let times = seen.get(sensor_id);
      if (times === undefined) {
        times = new Set(entry[5] === '' ? [] : entry[5].split(','));
        seen.set(sensor_id, times);
      }
      const offset = (timestamp - window.startMs).toString(36);
      if (times.has(offset)) {
        state.duplicates += 1;
        continue;
      }
      times.add(offset);
      if (entry[2] === 0) {
        entry[6] = value;
        entry[7] = value;
      } else if (entry[6] !== undefined && entry[7] !== undefined) {
        if (value < entry[6]) entry[6] = value;
        if (value > entry[7]) entry[7] = value;
      }
      entry[2] += 1;
      entry[3] += value;
      entry[4] += value_smoothed;
      entry[5] = entry[5] === '' ? offset : `${entry[5]},${offset}`;
    }
  }
  return state;
}

export interface FinishedWindow {
  /** The window's player rollup, stamped with the window's start (the second it covers). */
  readonly players?: PlayerRollup;
  /** One rollup per sensor, stamped with the window's end, as the SQL's ROWTIME was. */
  readonly sensors: readonly SensorRollup[];
}

export function finishWindow(state: WindowState, window: Window): FinishedWindow {
  const masks = Object.values(state.players);
  const having = (bit: number) => masks.filter((mask) => (mask & bit) !== 0).length;
  const players: PlayerRollup | undefined =
    masks.length === 0
      ? undefined
      : {
          windowTime: window.startMs,
          userCount: masks.length,
          byOs: {
            android: having(OS_BITS.get('android')!),
            ios: having(OS_BITS.get('ios')!),
            windowsPhone: having(OS_BITS.get('windowsPhone')!),
            other: having(OS_BITS.get('other')!),
          },
          byQuadrant: {
            A: having(QUADRANT_BITS.get('A')!),
            B: having(QUADRANT_BITS.get('B')!),
            C: having(QUADRANT_BITS.get('C')!),
            D: having(QUADRANT_BITS.get('D')!),
          },
        };
  const sensors = Object.entries(state.sensors).map(
    ([sensorId, [stationId, sensor, count, sum, sumSmoothed, , minValue, maxValue]]) => ({
      stationId,
      sensor,
      sensorId,
      windowTime: window.endMs,
      avgValue: sum / count,
      smoothAvgValue: sumSmoothed / count,
      sum,
      count,
      ...(minValue === undefined || maxValue === undefined ? {} : { minValue, maxValue }),
    }),
  );
  return { ...(players && { players }), sensors };
}
