/** The rollup records of the talks' SQL apps (game analytics, seed 000; weather stations, seed 001) as they arrive on Kinesis, checked and turned into rollups. */
import * as v from 'valibot';
import { finiteNumber, summary } from '../../domain/schema';
import type { SensorRollup } from './sensorRollups';
import type { PlayerRollup } from './playerRollups';
import { SENSOR_TYPES } from '../../domain/vocabulary';
import { PoisonRecordError } from './errors';
import { countsIn, countsShape, PLAYERS_COLUMN, rollupOf } from './playerRollupColumns';

/**
 * A timestamp as the SQL apps write it ("2017-02-07 22:19:03.000", "2016-11-09 06:29:00.0"):
 * without a zone it is UTC. ISO 8601 with a zone, and epoch milliseconds, are accepted too.
 */
const SQL_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseSqlTimestamp(value: string | number): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value > 0 ? Math.round(value) : undefined;
  const match = SQL_TIMESTAMP.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Reject impossible dates (Feb 30) that Date.UTC would silently roll over.
  const check = new Date(utc);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return undefined;
  if (!zone || zone === 'Z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [zh, zm] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
  return utc - sign * (zh * 60 + zm) * 60_000;
}

const timestamp = v.union([v.string(), finiteNumber()]);

/**
 * The output of the game analytics talk's SQL (seed 000); keys arrive upper- or lower-case, the
 * window as WINDOW_TIME or ROWTIME.
 */
const userRollupRecord = v.object({
  ...countsShape('record'),
  window_time: v.optional(timestamp),
  rowtime: v.optional(timestamp),
});

/** The output of the weather-station talk's SQL (seed 001). */
const sensorRollupRecord = v.object({
  sensor_id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  sensor: v.picklist(SENSOR_TYPES),
  station_id: v.pipe(v.string(), v.minLength(1), v.maxLength(128)),
  sensor_avg_value: finiteNumber(),
  sensor_smooth_avg_value: finiteNumber(),
  '60sec_sum_of_sensor_value': finiteNumber(),
  '60sec_number_of_msg': v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  record_timestamp: v.optional(timestamp),
  rowtime: v.optional(timestamp),
});

export type RollupRecord =
  | { readonly kind: 'user'; readonly rollup: PlayerRollup }
  | { readonly kind: 'sensor'; readonly rollup: SensorRollup };

/** Keys as the SQL apps spell them vary in case, and the game analytics talk's example record has stray spaces. */
function normaliseKeys(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.trim().toLowerCase(), v]));
}

function checked<T>(schema: v.GenericSchema<unknown, T>, value: unknown, what: string): T {
  const parsed = v.safeParse(schema, value);
  if (!parsed.success) throw new PoisonRecordError(`${what}: ${summary(parsed.issues)}`);
  return parsed.output;
}

function windowTime(value: string | number | undefined, arrivalMs: number, what: string): number {
  // The talk's lower-case example record carries no window at all: the SQL app emits one record per
  // window as it closes, so the record's arrival second stands for it (stable on redelivery).
  if (value === undefined) return Math.floor(arrivalMs / 1000) * 1000;
  const parsed = parseSqlTimestamp(value);
  if (parsed === undefined)
    throw new PoisonRecordError(`${what}: unreadable window time ${JSON.stringify(value)}`);
  return parsed;
}

/**
 * Parses one Kinesis record's data (UTF-8 JSON) into a user or sensor rollup. `arrivalMs` is the
 * record's approximate arrival time, used only when the record names no window.
 */
export function parseRollupRecord(data: string, arrivalMs: number): RollupRecord {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw new PoisonRecordError(`not JSON: ${JSON.stringify(data.slice(0, 80))}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PoisonRecordError('not a JSON object');
  }
  const fields = normaliseKeys(json as Record<string, unknown>);
  if (PLAYERS_COLUMN.record in fields) {
    const r = checked(userRollupRecord, fields, 'user rollup record');
    const window = r.window_time ?? r.rowtime;
    return {
      kind: 'user',
      rollup: rollupOf(windowTime(window, arrivalMs, 'user rollup record'), countsIn(r, 'record')),
    };
  }
  if ('sensor_id' in fields) {
    const r = checked(sensorRollupRecord, fields, 'sensor rollup record');
    return {
      kind: 'sensor',
      rollup: {
        stationId: r.station_id,
        sensor: r.sensor,
        sensorId: r.sensor_id,
        windowTime: windowTime(r.record_timestamp ?? r.rowtime, arrivalMs, 'sensor rollup record'),
        avgValue: r.sensor_avg_value,
        smoothAvgValue: r.sensor_smooth_avg_value,
        sum: r['60sec_sum_of_sensor_value'],
        count: r['60sec_number_of_msg'],
      },
    };
  }
  throw new PoisonRecordError(
    'neither a user rollup (unique_user_count) nor a sensor rollup (sensor_id)',
  );
}
