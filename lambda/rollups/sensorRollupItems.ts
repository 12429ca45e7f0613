/** The sensor rollup item in DynamoDB: a whole window (persist) or one shard's partial of it (aggregate), with its conversions. */
import * as z from 'zod/mini';
import '../../domain/zodMessages';
import { CorruptRollupError } from './errors';
import type { SensorRollup } from './sensorRollups';
import { stationSensorKey, windowSensorKey } from './tables';
import { SENSOR_TYPES } from '../../domain/vocabulary';

const sensorRollupItem = z.object({
  stationSensor: z.string(),
  windowSensor: z.string(),
  /** One shard's partial of the window (aggregate); absent on a whole window (persist). */
  shardId: z.optional(z.string().check(z.minLength(1))),
  stationId: z.string(),
  sensor: z.enum(SENSOR_TYPES),
  sensorId: z.string(),
  windowtime: z.number().check(z.int()),
  avgValue: z.number(),
  smoothAvgValue: z.number(),
  sum: z.number(),
  count: z.number().check(z.int(), z.positive()),
  minValue: z.optional(z.number()),
  maxValue: z.optional(z.number()),
  expiresAt: z.optional(z.number().check(z.int())),
});

export type SensorRollupItem = z.infer<typeof sensorRollupItem>;

export function sensorRollupToItem(
  rollup: SensorRollup,
  expiresAt: number,
  source?: string,
): SensorRollupItem {
  return {
    stationSensor: stationSensorKey(rollup.stationId, rollup.sensor),
    windowSensor: windowSensorKey(rollup.windowTime, rollup.sensorId, source),
    ...(source === undefined ? {} : { shardId: source }),
    stationId: rollup.stationId,
    sensor: rollup.sensor,
    sensorId: rollup.sensorId,
    windowtime: rollup.windowTime,
    avgValue: rollup.avgValue,
    smoothAvgValue: rollup.smoothAvgValue,
    sum: rollup.sum,
    count: rollup.count,
    ...(rollup.minValue === undefined ? {} : { minValue: rollup.minValue }),
    ...(rollup.maxValue === undefined ? {} : { maxValue: rollup.maxValue }),
    expiresAt,
  };
}

export interface StoredSensorRollup {
  readonly rollup: SensorRollup;
  /** Whole (persist) or one shard's partial (aggregate). */
  readonly whole: boolean;
}

export function itemToSensorRollup(raw: unknown): StoredSensorRollup {
  const parsed = sensorRollupItem.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptRollupError(
      `sensor rollup item does not fit the table design: ${z.prettifyError(parsed.error)}`,
    );
  }
  const { stationId, sensor, sensorId, windowtime, avgValue, smoothAvgValue, sum, count } =
    parsed.data;
  const { minValue, maxValue } = parsed.data;
  return {
    rollup: {
      stationId,
      sensor,
      sensorId,
      windowTime: windowtime,
      avgValue,
      smoothAvgValue,
      sum,
      count,
      ...(minValue === undefined || maxValue === undefined ? {} : { minValue, maxValue }),
    },
    whole: parsed.data.shardId === undefined,
  };
}
