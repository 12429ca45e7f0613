import { combineSensorWindow } from '../../lambda/rollups/sensorRollupMerge';
import type { SensorRollup } from '../../lambda/rollups/sensorRollups';
import { isUnexpired, USER_ROLLUPS_TABLE, windowSensorKey } from '../../lambda/rollups/tables';
import { playerTrend } from '../../lambda/rollups/playerTrend';
import { playerRollup } from '../support/stack';

const sensor = (sensorId: string, avgValue: number, count: number): SensorRollup => ({
  stationId: 's',
  sensor: 'vib',
  sensorId,
  windowTime: 1_000,
  avgValue,
  smoothAvgValue: avgValue / 2,
  sum: avgValue * count,
  count,
});

describe('combining a station window', () => {
  it("weights each sensor's average by its message count", () => {
    const window = combineSensorWindow([sensor('a', 1.0, 60), sensor('b', 2.0, 20)]);
    expect(window).toMatchObject({ sensorCount: 2, messageCount: 80, windowTime: 1_000 });
    expect(window?.average).toBeCloseTo(1.25, 10);
    expect(window?.smoothedAverage).toBeCloseTo(0.625, 10);
  });

  it('has nothing to combine without rollups', () => {
    expect(combineSensorWindow([])).toBeUndefined();
  });
});

describe('player trend', () => {
  it('computes change, low, high and average, oldest first', () => {
    const trend = playerTrend([
      playerRollup(1, 100),
      playerRollup(2, 80),
      playerRollup(3, 150),
      playerRollup(4, 110),
    ]);
    expect(trend).toEqual({
      first: 100,
      last: 110,
      min: 80,
      max: 150,
      average: 110,
      changePercent: 10,
    });
  });

  it('has no percentage when it started from zero, and no trend from one rollup', () => {
    expect(playerTrend([playerRollup(1, 0), playerRollup(2, 5)])?.changePercent).toBeUndefined();
    expect(playerTrend([playerRollup(1, 5)])).toBeUndefined();
  });
});

describe('table keys and TTL', () => {
  it('orders sensor windows by time in the sort key', () => {
    expect(windowSensorKey(999, 'x') < windowSensorKey(1_000, 'a')).toBe(true);
    expect(windowSensorKey(1_478_672_940_000, 'dc2b')).toBe('1478672940000#dc2b');
  });

  it('drops items whose TTL has passed, since DynamoDB deletes them lazily', () => {
    const now = 1_700_000_000_000;
    expect(isUnexpired({ expiresAt: now / 1000 - 1 }, USER_ROLLUPS_TABLE, now)).toBe(false);
    expect(isUnexpired({ expiresAt: now / 1000 + 60 }, USER_ROLLUPS_TABLE, now)).toBe(true);
    expect(isUnexpired({}, USER_ROLLUPS_TABLE, now)).toBe(true);
  });
});
