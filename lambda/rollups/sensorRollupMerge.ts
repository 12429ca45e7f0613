/** Combining sensor rollups: a sensor's partials from several shards into one, and a station's sensors of a type into one window. */
import type { StoredSensorRollup } from './sensorRollupItems';
import type { SensorRollup } from './sensorRollups';
import type { SensorType } from '../../domain/vocabulary';

/**
 * One rollup per sensor of one window: a whole window as it is, a sensor's partials from several
 * shards (only across a reshard) added up, since counts and sums add, and the lowest of their
 * minima and the highest of their maxima (known only when every partial knows its own).
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
    if (items.length === 1) return items[0]!.rollup;
    const { stationId, sensor, sensorId, windowTime } = items[0]!.rollup;
    let count = 0;
    let sum = 0;
    let smoothSum = 0;
    let minValue: number | undefined = Number.POSITIVE_INFINITY;
    let maxValue: number | undefined = Number.NEGATIVE_INFINITY;
    for (const { rollup } of items) {
      count += rollup.count;
      sum += rollup.sum;
      smoothSum += rollup.smoothAvgValue * rollup.count;
      if (
        minValue === undefined ||
        maxValue === undefined ||
        rollup.minValue === undefined ||
        rollup.maxValue === undefined
      ) {
        minValue = maxValue = undefined;
      } else {
        minValue = Math.min(minValue, rollup.minValue);
        maxValue = Math.max(maxValue, rollup.maxValue);
      }
    }
    return {
      stationId,
      sensor,
      sensorId,
      windowTime,
      count,
      sum,
      avgValue: sum / count,
      smoothAvgValue: smoothSum / count,
      ...(minValue === undefined || maxValue === undefined ? {} : { minValue, maxValue }),
    };
  });
}

/** The most extreme value a window's sensors saw, and which sensor saw it. */
export interface SensorExtreme {
  readonly value: number;
  readonly sensorId: string;
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
  /** The highest value any sensor saw in the window (its average where it kept no maximum). */
  readonly highest: SensorExtreme;
  /** The lowest value any sensor saw in the window (its average where it kept no minimum). */
  readonly lowest: SensorExtreme;
  /**
   * True when a sensor of the window kept no minimum and maximum (the SQL apps' records, which
   * persist stores, carry none): its window average stood in, so the extremes may be milder
   * than the readings were.
   */
  readonly extremesFromAverages: boolean;
}

export function combineSensorWindow(rollups: readonly SensorRollup[]): SensorWindow | undefined {
  const first = rollups[0];
  if (!first) return undefined;
  let messages = 0;
  let weighted = 0;
  let weightedSmooth = 0;
  let highest: SensorExtreme = { value: Number.NEGATIVE_INFINITY, sensorId: first.sensorId };
  let lowest: SensorExtreme = { value: Number.POSITIVE_INFINITY, sensorId: first.sensorId };
  let fromAverages = false;
  for (const rollup of rollups) {
    messages += rollup.count;
    weighted += rollup.avgValue * rollup.count;
    weightedSmooth += rollup.smoothAvgValue * rollup.count;
    const known = rollup.minValue !== undefined && rollup.maxValue !== undefined;
    if (!known) fromAverages = true;
    const high = rollup.maxValue ?? rollup.avgValue;
    const low = rollup.minValue ?? rollup.avgValue;
    if (high > highest.value) highest = { value: high, sensorId: rollup.sensorId };
    if (low < lowest.value) lowest = { value: low, sensorId: rollup.sensorId };
  }
  return {
    stationId: first.stationId,
    sensor: first.sensor,
    windowTime: first.windowTime,
    sensorCount: rollups.length,
    messageCount: messages,
    average: weighted / messages,
    smoothedAverage: weightedSmooth / messages,
    highest,
    lowest,
    extremesFromAverages: fromAverages,
  };
}
