import { parseRollupRecord, parseSqlTimestamp } from '../../lambda/rollups/records';
import { PoisonRecordError } from '../../lambda/rollups/errors';

const ARRIVAL = Date.UTC(2026, 10, 21, 12, 0, 7, 450);

describe('SQL timestamps', () => {
  it.each([
    ['2017-02-07 22:19:03.000', Date.UTC(2017, 1, 7, 22, 19, 3)],
    ['2016-11-09 06:29:00.0', Date.UTC(2016, 10, 9, 6, 29)],
    ['2016-11-09T06:29:00Z', Date.UTC(2016, 10, 9, 6, 29)],
    ['2016-11-09T08:29:00+02:00', Date.UTC(2016, 10, 9, 6, 29)],
    [1478672940000, 1478672940000],
  ])('reads %j as UTC', (text, epoch) => {
    expect(parseSqlTimestamp(text)).toBe(epoch);
  });

  it.each(['yesterday', '2016-02-30 00:00:00', '2016-11-09', '', -5])('refuses %j', (text) => {
    expect(parseSqlTimestamp(text)).toBeUndefined();
  });
});

describe('user rollup records', () => {
  it('reads the upper-case record of DESIGN.md', () => {
    const record = {
      UNIQUE_USER_COUNT: 96,
      ANDROID_COUNT: 50,
      IOS_COUNT: 46,
      WINDOWS_PHONE_COUNT: 0,
      OTHER_OS_COUNT: 0,
      QUADRANT_A_COUNT: 80,
      QUADRANT_B_COUNT: 10,
      QUADRANT_C_COUNT: 3,
      QUADRANT_D_COUNT: 3,
      WINDOW_TIME: '2017-02-07 22:19:03.000',
    };
    expect(parseRollupRecord(JSON.stringify(record), ARRIVAL)).toEqual({
      kind: 'user',
      rollup: {
        windowTime: Date.UTC(2017, 1, 7, 22, 19, 3),
        userCount: 96,
        byOs: { android: 50, ios: 46, windowsPhone: 0, other: 0 },
        byQuadrant: { A: 80, B: 10, C: 3, D: 3 },
      },
    });
  });

  it("reads the seed's lower-case record, stray spaces in keys and all, with ROWTIME or no window", () => {
    const record = {
      unique_user_count: 96,
      android_count: 50,
      ios_count: 46,
      quadrant_a_count: 80,
      'quadrant_b_count ': 10,
      'quadrant_c_count ': 3,
      'quadrant_d_count ': 3,
    };
    const withoutWindow = parseRollupRecord(JSON.stringify(record), ARRIVAL);
    expect(withoutWindow.kind === 'user' && withoutWindow.rollup).toMatchObject({
      windowTime: Date.UTC(2026, 10, 21, 12, 0, 7),
      byQuadrant: { A: 80, B: 10, C: 3, D: 3 },
      byOs: { windowsPhone: 0, other: 0 },
    });
    const withRowtime = parseRollupRecord(
      JSON.stringify({ ...record, ROWTIME: '2017-02-07 22:19:04.000' }),
      ARRIVAL,
    );
    expect(withRowtime.kind === 'user' && withRowtime.rollup.windowTime).toBe(
      Date.UTC(2017, 1, 7, 22, 19, 4),
    );
  });
});

describe('sensor rollup records', () => {
  it('reads the record of DESIGN.md', () => {
    const record = {
      sensor_id: 'dc2b8383eb79fe49',
      sensor: 'vib',
      station_id: 'qwbKAMlbZW',
      sensor_avg_value: 1.07,
      sensor_smooth_avg_value: 1.01,
      '60sec_sum_of_sensor_value': 64.3,
      '60sec_number_of_msg': 60,
      record_timestamp: '2016-11-09 06:29:00.0',
    };
    expect(parseRollupRecord(JSON.stringify(record), ARRIVAL)).toEqual({
      kind: 'sensor',
      rollup: {
        stationId: 'qwbKAMlbZW',
        sensor: 'vib',
        sensorId: 'dc2b8383eb79fe49',
        windowTime: Date.UTC(2016, 10, 9, 6, 29),
        avgValue: 1.07,
        smoothAvgValue: 1.01,
        sum: 64.3,
        count: 60,
      },
    });
  });
});

describe('records that can never be stored', () => {
  it.each([
    ['bad JSON', '{"UNIQUE_USER_COUNT": '],
    ['an array', '[1, 2]'],
    ['neither format', '{"hello": "world"}'],
    ['a negative count', '{"UNIQUE_USER_COUNT": -1}'],
    ['a count that is a string', '{"UNIQUE_USER_COUNT": "96"}'],
    ['an unreadable window', '{"UNIQUE_USER_COUNT": 1, "WINDOW_TIME": "soon"}'],
    [
      'a sensor rollup without its count',
      '{"sensor_id": "a", "sensor": "vib", "station_id": "s", "sensor_avg_value": 1, "sensor_smooth_avg_value": 1, "60sec_sum_of_sensor_value": 1}',
    ],
    [
      'an unknown sensor type',
      '{"sensor_id": "a", "sensor": "rain", "station_id": "s", "sensor_avg_value": 1, "sensor_smooth_avg_value": 1, "60sec_sum_of_sensor_value": 1, "60sec_number_of_msg": 1}',
    ],
  ])('refuses %s as poison, saying why', (_, data) => {
    expect(() => parseRollupRecord(data, ARRIVAL)).toThrow(PoisonRecordError);
  });
});
