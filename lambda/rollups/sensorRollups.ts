/** Sensor rollups in DynamoDB: seed 001's per-sensor 60-second windows, read per station and type. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { withDeadline } from '../aws/deadline';
import { isUnexpired, SENSOR_ROLLUPS_TABLE, stationSensorKey, windowSensorKey } from './tables';
import { CorruptRollupError, type RepositoryOptions } from './userRollups';
import { SENSOR_TYPES, type SensorType } from './vocabulary';

export interface SensorRollup {
  readonly stationId: string;
  readonly sensor: SensorType;
  readonly sensorId: string;
  /** Epoch milliseconds of the window, as the seed's SQL stamps it (ROWTIME). */
  readonly windowTime: number;
  readonly avgValue: number;
  readonly smoothAvgValue: number;
  readonly sum: number;
  readonly count: number;
}

const sensorRollupItem = z.object({
  stationSensor: z.string(),
  windowSensor: z.string(),
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

export function sensorRollupToItem(rollup: SensorRollup, expiresAt: number): SensorRollupItem {
  return {
    stationSensor: stationSensorKey(rollup.stationId, rollup.sensor),
    windowSensor: windowSensorKey(rollup.windowTime, rollup.sensorId),
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

function itemToSensorRollup(raw: unknown): SensorRollup {
  const parsed = sensorRollupItem.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptRollupError(
      `sensor rollup item does not fit the table design: ${z.prettifyError(parsed.error)}`,
    );
  }
  const { stationId, sensor, sensorId, windowtime, avgValue, smoothAvgValue, sum, count } =
    parsed.data;
  return {
    stationId,
    sensor,
    sensorId,
    windowTime: windowtime,
    avgValue,
    smoothAvgValue,
    sum,
    count,
  };
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
      const latest = live[0]?.windowTime;
      return combineSensorWindow(live.filter((r) => r.windowTime === latest));
    },
  };
}
