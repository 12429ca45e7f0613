/** Sensor rollups in DynamoDB: the weather-station talk's (seed 001) per-sensor 60-second windows, read per station and type. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { withDeadline } from '../aws/deadline';
import { isUnexpired, SENSOR_ROLLUPS_TABLE, stationSensorKey, windowSensorKey } from './tables';
import type { RepositoryOptions } from './playerRollups';
import { SENSOR_TYPES, type SensorType } from './vocabulary';
import { CorruptRollupError } from './errors';

export interface SensorRollup {
  readonly stationId: string;
  readonly sensor: SensorType;
  readonly sensorId: string;
  /** Epoch milliseconds of the window, as the talk's SQL stamps it (ROWTIME). */
  readonly windowTime: number;
  readonly avgValue: number;
  readonly smoothAvgValue: number;
  readonly sum: number;
  readonly count: number;
}

const sensorRollupItem = z.object({
  stationSensor: z.string(),
  windowSensor: z.string(),
  /** One shard's partial of the window (aggregate); absent on a whole window (persist). */
  shardId: z.string().min(1).optional(),
  stationId: z.string(),
  sensor: z.enum(SENSOR_TYPES),
  sensorId: z.string(),
  windowtime: z.number().int(),
  avgValue: z.number(),
  smoothAvgValue: z.number(),
  sum: z.number(),
  count: z.number().int().positive(),
  expiresAt: z.number().int().optional(),
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
    expiresAt,
  };
}

export interface StoredSensorRollup {
  readonly rollup: SensorRollup;
  /** Whole (persist) or one shard's partial (aggregate). */
  readonly whole: boolean;
}

function itemToSensorRollup(raw: unknown): StoredSensorRollup {
  const parsed = sensorRollupItem.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptRollupError(
      `sensor rollup item does not fit the table design: ${z.prettifyError(parsed.error)}`,
    );
  }
  const { stationId, sensor, sensorId, windowtime, avgValue, smoothAvgValue, sum, count } =
    parsed.data;
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
    },
    whole: parsed.data.shardId === undefined,
  };
}

/**
 * One rollup per sensor of one window: a whole window as it is, a sensor's partials from several
 * shards (only across a reshard) added up, since counts and sums add.
 */
export function mergeSensorPartials(stored: readonly StoredSensorRollup[]): SensorRollup[] {
  const bySensor = new Map<string, StoredSensorRollup[]>();
  for (const item of stored) {
    const list = bySensor.get(item.rollup.sensorId) ?? [];
    list.push(item);
    bySensor.set(item.rollup.sensorId, list);
  }
  return [...bySensor.values()].map((items) => {
    const whole = items.find((item) => item.whole);
    if (whole) return whole.rollup;
    const first = items[0]!.rollup;
    let count = 0;
    let sum = 0;
    let smoothSum = 0;
    for (const { rollup } of items) {
      count += rollup.count;
      sum += rollup.sum;
      smoothSum += rollup.smoothAvgValue * rollup.count;
    }
    return { ...first, count, sum, avgValue: sum / count, smoothAvgValue: smoothSum / count };
  });
}

/** One station's sensors of one type over one window, combined. */
export interface SensorWindow {
  readonly stationId: string;
  readonly sensor: SensorType;
  readonly windowTime: number;
  readonly sensorCount: number;
  readonly messageCount: number;
  /** Mean of the sensors' averages, each weighted by its message count. */
  readonly average: number;
  readonly smoothedAverage: number;
}

export function combineSensorWindow(rollups: readonly SensorRollup[]): SensorWindow | undefined {
  const first = rollups[0];
  if (!first) return undefined;
  let messages = 0;
  let weighted = 0;
  let weightedSmooth = 0;
  for (const rollup of rollups) {
    messages += rollup.count;
    weighted += rollup.avgValue * rollup.count;
    weightedSmooth += rollup.smoothAvgValue * rollup.count;
  }
  return {
    stationId: first.stationId,
    sensor: first.sensor,
    windowTime: first.windowTime,
    sensorCount: rollups.length,
    messageCount: messages,
    average: weighted / messages,
    smoothedAverage: weightedSmooth / messages,
  };
}

/** Sensor windows are 60 s (the weather-station talk's SQL), as aggregate's tumbling windows on the sensor stream. */
const SENSOR_WINDOW_MS = 60_000;

export interface SensorRollupReader {
  /** Every sensor of the type at the station in the latest window that has any, combined. */
  latestSensorWindow(
    stationId: string,
    sensor: SensorType,
    expectedSensors: number,
  ): Promise<SensorWindow | undefined>;
}

export function sensorRollupRepository(options: RepositoryOptions): SensorRollupReader {
  const { client, tableName, timeoutMs } = options;
  const now = options.now ?? Date.now;
  const keys = SENSOR_ROLLUPS_TABLE;

  return {
    async latestSensorWindow(stationId, sensor, expectedSensors) {
      // Newest first; enough items for every sensor of the latest window, with room for more
      // sensors than the catalog knows of.
      const { Items = [] } = await withDeadline(
        'dynamodb',
        'Query latest sensor window',
        timeoutMs,
        (abortSignal) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': keys.partitionKey.name },
              ExpressionAttributeValues: { ':pk': stationSensorKey(stationId, sensor) },
              ScanIndexForward: false,
              Limit: Math.max(2 * expectedSensors, 20),
            }),
            { abortSignal },
          ),
      );
      const nowMs = now();
      const live = Items.filter((item) => isUnexpired(item, keys, nowMs)).map(itemToSensorRollup);
      const windows = [...new Set(live.map((item) => item.rollup.windowTime))].map((time) =>
        mergeSensorPartials(live.filter((item) => item.rollup.windowTime === time)),
      );
      // With several shards the sensors of a station may be written a moment apart: a newest
      // window with fewer sensors than the one just before it, which had them all, is still
      // being written, and that one is read instead.
      const [newest, previous] = windows;
      const settled =
        newest &&
        previous &&
        newest.length < expectedSensors &&
        previous.length >= expectedSensors &&
        newest[0]!.windowTime - previous[0]!.windowTime <= SENSOR_WINDOW_MS
          ? previous
          : newest;
      return combineSensorWindow(settled ?? []);
    },
  };
}
