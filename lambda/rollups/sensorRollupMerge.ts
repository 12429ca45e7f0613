/** Combining sensor rollups: a sensor's partials from several shards into one, and a station's sensors of a type into one window. */
import type { StoredSensorRollup } from './sensorRollupItems';
import type { SensorRollup } from './sensorRollups';
import type { SensorType } from '../../domain/vocabulary';

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
