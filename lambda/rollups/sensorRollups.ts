/** Sensor rollups in DynamoDB: the weather-station talk's (seed 001) per-sensor 60-second windows, read per station and type. */
import { newestItems, type RepositoryOptions } from './rollupReads';
import { itemToSensorRollup } from './sensorRollupItems';
import { combineSensorWindow, mergeSensorPartials, type SensorWindow } from './sensorRollupMerge';
import { isUnexpired, SENSOR_ROLLUPS_TABLE, stationSensorKey } from './tables';
import type { SensorType } from '../../domain/vocabulary';

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
  const now = options.now ?? Date.now;
  const keys = SENSOR_ROLLUPS_TABLE;

  return {
    async latestSensorWindow(stationId, sensor, expectedSensors) {
      // Newest first; enough items for every sensor of the latest window, with room for more
      // sensors than the catalog knows of.
      const Items = await newestItems(
        options,
        keys,
        stationSensorKey(stationId, sensor),
        Math.max(2 * expectedSensors, 20),
        'Query latest sensor window',
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
