/** Rollup table designs: key schemas and attribute names shared by readers, writers and stacks. */

export interface TableDesign {
  readonly partitionKey: { readonly name: string; readonly type: 'S' | 'N' };
  readonly sortKey: { readonly name: string; readonly type: 'S' | 'N' };
  /** Epoch-seconds attribute DynamoDB's TTL deletes by (lazily: readers filter it too). */
  readonly ttlAttribute: string;
}

/**
 * Per-second player rollups, one partition as in seed 000 (`dataType: "quadrantRollup"`), sorted
 * by window time in epoch milliseconds, so the latest is one descending Query with Limit 1.
 */
export const USER_ROLLUPS_TABLE: TableDesign = {
  partitionKey: { name: 'dataType', type: 'S' },
  sortKey: { name: 'windowtime', type: 'N' },
  ttlAttribute: 'expiresAt',
};

export const USER_ROLLUP_DATA_TYPE = 'quadrantRollup';

/**
 * Per-sensor 60-second rollups (seed 001), partitioned by station and sensor type
 * (`stationSensor = "<station_id>#<sensor>"`) so that one Query returns every sensor of that
 * type at the station; the sort key `windowSensor = "<windowtime, 13 digits>#<sensor_id>"`
 * orders windows by time and keeps one item per sensor per window.
 */
export const SENSOR_ROLLUPS_TABLE: TableDesign = {
  partitionKey: { name: 'stationSensor', type: 'S' },
  sortKey: { name: 'windowSensor', type: 'S' },
  ttlAttribute: 'expiresAt',
};

export function stationSensorKey(stationId: string, sensor: string): string {
  return `${stationId}#${sensor}`;
}

export function windowSensorKey(windowTimeMs: number, sensorId: string): string {
  return `${String(windowTimeMs).padStart(13, '0')}#${sensorId}`;
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
