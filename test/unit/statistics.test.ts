import * as v from 'valibot';
/** Statistics and what is usual, as pure calculations: extremes per window, folds over a period, percentiles, hours of day across DST. */
import {
  accumulate,
  emptyWindowState,
  finishWindow,
  windowStateSchema,
} from '../../lambda/rollups/aggregation';
import type { StoredSensorRollup } from '../../lambda/rollups/sensorRollupItems';
import {
  combineSensorWindow,
  mergeSensorPartials,
  type SensorWindow,
} from '../../lambda/rollups/sensorRollupMerge';
import type { SensorRollup } from '../../lambda/rollups/sensorRollups';
import { playerStatisticsOf, sensorStatisticsOf } from '../../lambda/rollups/statistics';
import { percentile, usualRangeOf, usualVerdict } from '../../lambda/rollups/usual';
import {
  instantOf,
  localHourOnDayBefore,
  startOfLocalDay,
  wallClockAt,
} from '../../lambda/rollups/zonedTime';

const rollup = (
  sensorId: string,
  values: { avg: number; count?: number; min?: number; max?: number },
  windowTime = 60_000,
): SensorRollup => {
  const count = values.count ?? 60;
  return {
    stationId: 'bR4lnMt7Xa',
    sensor: 'temp',
    sensorId,
    windowTime,
    avgValue: values.avg,
    smoothAvgValue: values.avg,
    sum: values.avg * count,
    count,
    ...(values.min === undefined ? {} : { minValue: values.min }),
    ...(values.max === undefined ? {} : { maxValue: values.max }),
  };
};

describe('a window keeps its lowest and highest reading', () => {
  const window = { startMs: 0, endMs: 60_000 };
  const reading = (timestamp: number, value: number) => ({
    kind: 'sensor' as const,
    reading: {
      sensor_id: 's1',
      station_id: 'st',
      sensor: 'temp' as const,
      timestamp,
      value,
      value_smoothed: value,
    },
  });

  it('over every batch of the window, a redelivered reading counted once', () => {
    const state = emptyWindowState();
    accumulate(state, [reading(1000, 12.5), reading(2000, 31.5)], window, Infinity);
    const passed = v.parse(windowStateSchema, JSON.parse(JSON.stringify(state)));
    accumulate(passed, [reading(3000, 18.25), reading(2000, 31.5)], window, Infinity);
    const [sensor] = finishWindow(passed, window).sensors;
    expect(sensor).toMatchObject({ count: 3, minValue: 12.5, maxValue: 31.5 });
    expect(sensor!.avgValue).toBeCloseTo((12.5 + 31.5 + 18.25) / 3, 10);
  });

  it('not for a window whose state an older Pulse began: its extremes stay unknown', () => {
    const older = v.parse(windowStateSchema, {
      players: {},
      sensors: { s1: ['st', 'temp', 2, 30, 30, '1,2'] },
      late: 0,
      duplicates: 0,
      invalid: 0,
    });
    accumulate(older, [reading(5000, 40)], window, Infinity);
    const [sensor] = finishWindow(older, window).sensors;
    expect(sensor).toMatchObject({ count: 3, sum: 70 });
    expect(sensor).not.toHaveProperty('minValue');
    expect(sensor).not.toHaveProperty('maxValue');
  });
});

describe("a sensor's partials from several shards", () => {
  const partial = (values: Parameters<typeof rollup>[1]): StoredSensorRollup => ({
    rollup: rollup('s1', values),
    whole: false,
  });

  it('take the lowest minimum and the highest maximum', () => {
    const [merged] = mergeSensorPartials([
      partial({ avg: 20, count: 30, min: 15, max: 25 }),
      partial({ avg: 10, count: 10, min: 8, max: 12 }),
    ]);
    expect(merged).toMatchObject({ count: 40, minValue: 8, maxValue: 25 });
    expect(merged!.avgValue).toBeCloseTo(17.5, 10);
  });

  it('know no extremes when one partial kept none', () => {
    const [merged] = mergeSensorPartials([
      partial({ avg: 20, min: 15, max: 25 }),
      partial({ avg: 10 }),
    ]);
    expect(merged).not.toHaveProperty('minValue');
  });
});

describe("a station window's extremes", () => {
  it("are its sensors' maxima and minima, and which sensor saw them", () => {
    const window = combineSensorWindow([
      rollup('a', { avg: 20, min: 14, max: 26 }),
      rollup('b', { avg: 21, min: 16, max: 29 }),
    ])!;
    expect(window.highest).toEqual({ value: 29, sensorId: 'b' });
    expect(window.lowest).toEqual({ value: 14, sensorId: 'a' });
    expect(window.extremesFromAverages).toBe(false);
  });

  it('fall back on the averages, and say so, for rollups that carry none (persist)', () => {
    const window = combineSensorWindow([
      rollup('a', { avg: 12.5 }),
      rollup('b', { avg: 31.5, min: 30, max: 33 }),
    ])!;
    expect(window.highest).toEqual({ value: 33, sensorId: 'b' });
    expect(window.lowest).toEqual({ value: 12.5, sensorId: 'a' });
    expect(window.extremesFromAverages).toBe(true);
  });
});

describe('statistics over a period', () => {
  const context = {
    stationId: 'bR4lnMt7Xa',
    sensor: 'temp' as const,
    since: 0,
    until: 3_600_000,
    timeZone: 'Europe/Berlin',
  };
  const windowAt = (time: number, avg: number, count = 60): SensorWindow =>
    combineSensorWindow([rollup('s1', { avg, count }, time)])!;

  it('of 12.5, 31.5 and 18.25: highest 31.5 when, lowest 12.5 when, average weighted by messages', () => {
    const stats = sensorStatisticsOf(
      [windowAt(600_000, 12.5, 60), windowAt(1_200_000, 31.5, 30), windowAt(1_800_000, 18.25, 60)],
      context,
    );
    expect(stats).toMatchObject({
      windows: 3,
      messageCount: 150,
      highest: { value: 31.5, windowTime: 1_200_000, sensorId: 's1' },
      lowest: { value: 12.5, windowTime: 600_000, sensorId: 's1' },
      latest: { value: 18.25, windowTime: 1_800_000 },
      extremesFromAverages: true,
    });
    expect(stats.average).toBeCloseTo((12.5 * 60 + 31.5 * 30 + 18.25 * 60) / 150, 10);
  });

  it('say nothing of a period without windows', () => {
    expect(sensorStatisticsOf([], context)).toEqual({
      ...context,
      windows: 0,
      messageCount: 0,
      extremesFromAverages: false,
    });
  });

  it('of players: the first second of the peak and of the low, and the mean', () => {
    const stats = playerStatisticsOf(
      [
        { windowTime: 1000, userCount: 90 },
        { windowTime: 2000, userCount: 120 },
        { windowTime: 3000, userCount: 80 },
        { windowTime: 4000, userCount: 120 },
        { windowTime: 5000, userCount: 80 },
      ],
      { since: 0, until: 5000 },
    );
    expect(stats).toEqual({
      since: 0,
      until: 5000,
      windows: 5,
      peak: { value: 120, windowTime: 2000 },
      low: { value: 80, windowTime: 3000 },
      average: 98,
      latest: { value: 80, windowTime: 5000 },
    });
  });
});

describe('what is usual', () => {
  it('takes percentiles between the nearest ranks', () => {
    const values = Array.from({ length: 11 }, (_, i) => i * 10);
    expect(percentile(values, 10)).toBe(10);
    expect(percentile(values, 90)).toBe(90);
    expect(percentile([1, 2], 50)).toBe(1.5);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it("is the 10th to 90th percentile of the hour's values on earlier days", () => {
    const days = [1, 2, 3].map((day) => Array.from({ length: 20 }, (_, i) => day * 100 + i));
    const range = usualRangeOf(days, { hour: 14, timeZone: 'Europe/Berlin' });
    expect(range).toMatchObject({ known: true, days: 3, samples: 60, hour: 14 });
    if (!range.known) throw new Error('unreachable');
    expect(range.low).toBeCloseTo(percentile(days.flat(), 10), 10);
    expect(range.high).toBeCloseTo(percentile(days.flat(), 90), 10);
    expect(usualVerdict(range.low - 1, range)).toBe('below');
    expect(usualVerdict(range.low, range)).toBe('within');
    expect(usualVerdict(range.high + 1, range)).toBe('above');
  });

  it('is unknown with too few earlier days or values', () => {
    const twoDays = [Array(50).fill(1), [], Array(50).fill(2)];
    expect(usualRangeOf(twoDays, { hour: 3, timeZone: 'UTC' })).toMatchObject({
      known: false,
      reason: 'not-enough-history',
      days: 2,
    });
    const sparse = [[1], [2], [3]];
    expect(usualRangeOf(sparse, { hour: 3, timeZone: 'UTC' })).toMatchObject({ known: false });
    expect(usualVerdict(5, usualRangeOf(sparse, { hour: 3, timeZone: 'UTC' }))).toBe('unknown');
  });
});

describe('hours of day in a station time zone', () => {
  it('reads the wall clock of Berlin in winter and in summer', () => {
    expect(wallClockAt(Date.UTC(2026, 0, 15, 12), 'Europe/Berlin').hour).toBe(13);
    expect(wallClockAt(Date.UTC(2026, 6, 15, 12), 'Europe/Berlin').hour).toBe(14);
  });

  it('starts today at local midnight', () => {
    // 00:30 UTC on 15 July is 02:30 in Berlin: the day began at 22:00 UTC the evening before.
    expect(startOfLocalDay(Date.UTC(2026, 6, 15, 0, 30), 'Europe/Berlin')).toBe(
      Date.UTC(2026, 6, 14, 22),
    );
    expect(startOfLocalDay(Date.UTC(2026, 6, 15, 6), 'America/Los_Angeles')).toBe(
      Date.UTC(2026, 6, 14, 7),
    );
  });

  it('finds the same hour on earlier days across the change to summer time', () => {
    // 30 March 2026, 14:00 in Berlin (summer time, UTC+2); two days before, 28 March, was winter.
    const at = Date.UTC(2026, 2, 30, 12, 20);
    expect(localHourOnDayBefore(at, 'Europe/Berlin', 14, 2)).toEqual([
      Date.UTC(2026, 2, 28, 13),
      Date.UTC(2026, 2, 28, 14),
    ]);
    // 02:00 did not happen in Berlin on 29 March 2026.
    expect(localHourOnDayBefore(at, 'Europe/Berlin', 2, 1)).toBeUndefined();
    expect(
      instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin'),
    ).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });
});
