/** Sensor rollups in DynamoDB: the weather-station talk's (seed 001) per-sensor 60-second windows, read per station and type. */
import { itemsBetween, newestItems, type RepositoryOptions } from './rollupReads';
import { itemToSensorRollup, type StoredSensorRollup } from './sensorRollupItems';
import { combineSensorWindow, mergeSensorPartials, type SensorWindow } from './sensorRollupMerge';
import { isUnexpired, SENSOR_ROLLUPS_TABLE, stationSensorKey, windowSensorRange } from './tables';
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
  /**
   * The lowest and highest value of the window, which aggregate keeps; absent on a window from
   * the SQL apps' records (persist), whose format carries none, and on a window whose state an
   * older Pulse began.
   */
  readonly minValue?: number;
  readonly maxValue?: number;
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
  /**
   * Every window of the station's sensors of the type from `fromMs` to `untilMs` (both included,
   * by window time), each combined across its sensors and their shards' partials, oldest first.
   */
  sensorWindowsBetween(
    stationId: string,
    sensor: SensorType,
    fromMs: number,
    untilMs: number,
  ): Promise<SensorWindow[]>;
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

    async sensorWindowsBetween(stationId, sensor, fromMs, untilMs) {
      if (!(fromMs <= untilMs)) return [];
      const items = await itemsBetween(
        options,
        keys,
        stationSensorKey(stationId, sensor),
        windowSensorRange(fromMs, untilMs),
        'Query sensor windows between',
      );
      const nowMs = now();
      const byWindow = new Map<number, StoredSensorRollup[]>();
      for (const item of items) {
        if (!isUnexpired(item, keys, nowMs)) continue;
        const stored = itemToSensorRollup(item);
        const list = byWindow.get(stored.rollup.windowTime);
        if (list) list.push(stored);
        else byWindow.set(stored.rollup.windowTime, [stored]);
      }
      return [...byWindow.keys()]
        .sort((a, b) => a - b)
        .flatMap((time) => combineSensorWindow(mergeSensorPartials(byWindow.get(time)!)) ?? []);
    },
  };
}
