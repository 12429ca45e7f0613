/** Rollup table designs: key schemas and attribute names shared by readers, writers and stacks. */

export interface TableDesign {
  readonly partitionKey: { readonly name: string; readonly type: 'S' | 'N' };
  readonly sortKey: { readonly name: string; readonly type: 'S' | 'N' };
  /** Epoch-seconds attribute DynamoDB's TTL deletes by (lazily: readers filter it too). */
  readonly ttlAttribute: string;
}

/**
 * Player rollups, one partition as in the game analytics talk (seed 000's
 * `dataType: "quadrantRollup"`), sorted by `windowShard = "<time, 13 digits>#<source>"`, so that
 * a span of time is one Query. Two kinds of item live there: a whole one-second window written by
 * persist from the SQL apps' records (source `sql`), and one shard's minute of partial windows
 * written by aggregate (source: the shard ID); readers merge the partials of a window (see
 * `playerRollups.ts`).
 */
export const USER_ROLLUPS_TABLE: TableDesign = {
  partitionKey: { name: 'dataType', type: 'S' },
  sortKey: { name: 'windowShard', type: 'S' },
  ttlAttribute: 'expiresAt',
};

export const PLAYER_ROLLUP_DATA_TYPE = 'quadrantRollup';

/** The source of a whole window: the SQL apps' output records, which persist stores. */
export const WHOLE_WINDOW_SOURCE = 'sql';

/** Epoch milliseconds as 13 digits, so that keys sort by time. */
function timeDigits(ms: number): string {
  return String(ms).padStart(13, '0');
}

/** `<time, 13 digits>#<source>`: the player rollups' sort key. */
export function windowShardKey(timeMs: number, source: string): string {
  return `${timeDigits(timeMs)}#${source}`;
}

/** The smallest sort key at or after `timeMs`, for range queries. */
export function windowShardFrom(timeMs: number): string {
  return timeDigits(Math.max(0, Math.floor(timeMs)));
}

/**
 * Per-sensor 60-second rollups (the weather-station talk, seed 001), partitioned by station and
 * sensor type (`stationSensor = "<station_id>#<sensor>"`) so that one Query returns every sensor of
 * that type at the station; the sort key `windowSensor = "<windowtime, 13 digits>#<sensor_id>"` (a
 * whole window, from persist) or `"…#<sensor_id>#<shard ID>"` (one shard's partial, from aggregate)
 * orders windows by time and keeps one item per sensor, window and source.
 */
export const SENSOR_ROLLUPS_TABLE: TableDesign = {
  partitionKey: { name: 'stationSensor', type: 'S' },
  sortKey: { name: 'windowSensor', type: 'S' },
  ttlAttribute: 'expiresAt',
};

export function stationSensorKey(stationId: string, sensor: string): string {
  return `${stationId}#${sensor}`;
}

/**
 * The sort keys of every sensor window from `fromMs` to `untilMs`, both included: a window's keys
 * all start with its 13 digits, and '~' sorts after every character a sensor or shard ID has.
 */
export function windowSensorRange(fromMs: number, untilMs: number): [string, string] {
  return [windowShardFrom(Math.ceil(fromMs)), `${windowShardFrom(Math.floor(untilMs))}~`];
}

export function windowSensorKey(windowTimeMs: number, sensorId: string, source?: string): string {
  const key = `${timeDigits(windowTimeMs)}#${sensorId}`;
  return source === undefined ? key : `${key}#${source}`;
}

export const DEFAULT_TABLE_NAMES = {
  userRollups: 'pulse-user-rollups',
  sensorRollups: 'pulse-sensor-rollups',
} as const;

/** TTL deletion is lazy (up to days), so a read may still return an expired item: drop it. */
export function isUnexpired(
  item: Record<string, unknown>,
  design: TableDesign,
  nowMs: number,
): boolean {
  const expiresAt = item[design.ttlAttribute];
  return typeof expiresAt !== 'number' || expiresAt * 1000 > nowMs;
}
