/**
 * Rolling raw events up the way the seeds' SQL did: distinct players per second by OS and quadrant
 * (seed 000), per-sensor average, smoothed average, sum and count per 60 s (seed 001).
 *
 * Windows are the Lambda tumbling windows, which group records by arrival time, as the SQL
 * grouped by ROWTIME: an event counts in the window it arrives in, whatever its own clock says,
 * and never reopens a window already written. Within a window a player counts once however many
 * events it sent, and a sensor reading counts once however often it was delivered (same sensor
 * and timestamp). Where device clocks can be trusted, `lateMs` leaves out events whose own time
 * lies more than that before their window's start (a backlog would skew the current minute);
 * they are counted as late.
 */
import { z } from 'zod';
import type { SensorRollup } from './sensorRollups';
import type { UserRollup } from './userRollups';
import {
  OPERATING_SYSTEMS,
  QUADRANTS,
  SENSOR_TYPES,
  type OperatingSystem,
  type Quadrant,
} from './vocabulary';

const OS_BY_NAME = new Map<string, OperatingSystem>(
  Object.entries(OPERATING_SYSTEMS).map(([id, name]) => [name, id as OperatingSystem]),
);

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const playerEventSchema = z.looseObject({
  recordTime: z.number().positive(),
  cognitoId: z.string().min(1).max(256),
  os: z.enum(Object.values(OPERATING_SYSTEMS) as [string, ...string[]]),
  quadrant: z.enum(QUADRANTS),
});

export const sensorReadingSchema = z.looseObject({
  sensor_id: z.string().min(1).max(128),
  station_id: z.string().min(1).max(128),
  sensor: z.enum(SENSOR_TYPES),
  timestamp: z.number().int().positive(),
  value: z.number(),
  value_smoothed: z.number(),
  direction: z.number().optional(),
});

export type PlayerEvent = z.infer<typeof playerEventSchema>;
export type SensorReading = z.infer<typeof sensorReadingSchema>;

export type RawEvent =
  | { readonly kind: 'player'; readonly event: PlayerEvent }
  | { readonly kind: 'sensor'; readonly reading: SensorReading };

/** A raw event that no schema accepts. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

export function parseRawEvent(data: string): RawEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw new InvalidEventError(`not JSON: ${JSON.stringify(data.slice(0, 80))}`);
  }
  if (isJsonObject(json) && 'cognitoId' in json) {
    const parsed = playerEventSchema.safeParse(json);
    if (parsed.success) return { kind: 'player', event: parsed.data };
    throw new InvalidEventError(`player event: ${z.prettifyError(parsed.error)}`);
  }
  if (isJsonObject(json) && 'sensor_id' in json) {
    const parsed = sensorReadingSchema.safeParse(json);
    if (parsed.success) return { kind: 'sensor', reading: parsed.data };
    throw new InvalidEventError(`sensor reading: ${z.prettifyError(parsed.error)}`);
  }
  throw new InvalidEventError(
    'neither a player event (cognitoId) nor a sensor reading (sensor_id)',
  );
}

/** What one window has seen so far; plain JSON, since Lambda passes it between invocations. */
export const windowStateSchema = z.object({
  players: z.record(
    z.string(),
    z.object({ os: z.array(z.string()), quadrants: z.array(z.string()) }),
  ),
  sensors: z.record(
    z.string(),
    z.object({
      stationId: z.string(),
      sensor: z.enum(SENSOR_TYPES),
      seen: z.array(z.number()),
      count: z.number(),
      sum: z.number(),
      sumSmoothed: z.number(),
    }),
  ),
  late: z.number(),
  duplicates: z.number(),
  invalid: z.number(),
});

export type WindowState = z.infer<typeof windowStateSchema>;

export function emptyWindowState(): WindowState {
  return { players: {}, sensors: {}, late: 0, duplicates: 0, invalid: 0 };
}

export interface Window {
  readonly startMs: number;
  readonly endMs: number;
}

/** Adds events to a window's state (mutating it, as it is rebuilt per invocation anyway). */
export function accumulate(
  state: WindowState,
  events: readonly RawEvent[],
  window: Window,
  lateMs: number,
): WindowState {
  const cutoff = window.startMs - lateMs;
  for (const raw of events) {
    if (raw.kind === 'player') {
      const { cognitoId, os, quadrant, recordTime } = raw.event;
      if (recordTime * 1000 < cutoff) {
        state.late += 1;
        continue;
      }
      const player = (state.players[cognitoId] ??= { os: [], quadrants: [] });
      if (player.os.length > 0) state.duplicates += 1;
      if (!player.os.includes(os)) player.os.push(os);
      if (!player.quadrants.includes(quadrant)) player.quadrants.push(quadrant);
    } else {
      const { sensor_id, station_id, sensor, timestamp, value, value_smoothed } = raw.reading;
      if (timestamp < cutoff) {
        state.late += 1;
        continue;
      }
      const entry = (state.sensors[sensor_id] ??= {
        stationId: station_id,
        sensor,
        seen: [],
        count: 0,
        sum: 0,
        sumSmoothed: 0,
      });
      if (entry.seen.includes(timestamp)) {
        state.duplicates += 1;
        continue;
      }
      entry.seen.push(timestamp);
      entry.count += 1;
      entry.sum += value;
      entry.sumSmoothed += value_smoothed;
    }
  }
  return state;
}

export interface FinishedWindow {
  /** The window's player rollup, stamped with the window's start (the second it covers). */
  readonly users?: UserRollup;
  /** One rollup per sensor, stamped with the window's end, as the SQL's ROWTIME was. */
  readonly sensors: readonly SensorRollup[];
}

export function finishWindow(state: WindowState, window: Window): FinishedWindow {
  const players = Object.values(state.players);
  const withOs = (os: OperatingSystem) =>
    players.filter((p) => p.os.some((name) => OS_BY_NAME.get(name) === os)).length;
  const inQuadrant = (quadrant: Quadrant) =>
    players.filter((p) => p.quadrants.includes(quadrant)).length;
  const users: UserRollup | undefined =
    players.length === 0
      ? undefined
      : {
          windowTime: window.startMs,
          userCount: players.length,
          byOs: {
            android: withOs('android'),
            ios: withOs('ios'),
            windowsPhone: withOs('windowsPhone'),
            other: withOs('other'),
          },
          byQuadrant: {
            A: inQuadrant('A'),
            B: inQuadrant('B'),
            C: inQuadrant('C'),
            D: inQuadrant('D'),
          },
        };
  const sensors = Object.entries(state.sensors).map(([sensorId, s]) => ({
    stationId: s.stationId,
    sensor: s.sensor,
    sensorId,
    windowTime: window.endMs,
    avgValue: s.sum / s.count,
    smoothAvgValue: s.sumSmoothed / s.count,
    sum: s.sum,
    count: s.count,
  }));
  return { ...(users && { users }), sensors };
}
