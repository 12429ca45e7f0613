/** The sensor rollup item in DynamoDB: a whole window (persist) or one shard's partial of it (aggregate), with its conversions. */
import * as v from 'valibot';
import { finiteNumber, summary, wholeNumber } from '../../domain/schema';
import { CorruptRollupError } from './errors';
import type { SensorRollup } from './sensorRollups';
import { stationSensorKey, windowSensorKey } from './tables';
import { SENSOR_TYPES } from '../../domain/vocabulary';

const sensorRollupItem = v.object({
  stationSensor: v.string(),
  windowSensor: v.string(),
  /** One shard's partial of the window (aggregate); absent on a whole window (persist). */
  shardId: v.optional(v.pipe(v.string(), v.minLength(1))),
  stationId: v.string(),
  sensor: v.picklist(SENSOR_TYPES),
  sensorId: v.string(),
  windowtime: wholeNumber(),
  avgValue: finiteNumber(),
  smoothAvgValue: finiteNumber(),
  sum: finiteNumber(),
  count: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  minValue: v.optional(finiteNumber()),
  maxValue: v.optional(finiteNumber()),
  expiresAt: v.optional(wholeNumber()),
});

export type SensorRollupItem = v.InferOutput<typeof sensorRollupItem>;

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
  const parsed = v.safeParse(sensorRollupItem, raw);
  if (!parsed.success) {
    throw new CorruptRollupError(
      `sensor rollup item does not fit the table design: ${summary(parsed.issues)}`,
    );
  }
  const { stationId, sensor, sensorId, windowtime, avgValue, smoothAvgValue, sum, count } =
    parsed.output;
  const { minValue, maxValue } = parsed.output;
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
    whole: parsed.output.shardId === undefined,
  };
}
