/** Seed 001's IoT rule evaluated on station messages: what it puts on the stream is what `aggregate` reads. */
import {
  ISO_8601_PATTERN,
  SENSOR_RULE_SQL,
  SENSOR_RULE_SQL_VERSION,
} from '../../infrastructure/sensorRule';
import { parseRawEvent, sensorReadingSchema } from '../../lambda/rollups/aggregation';
import { applyRule, parseRule, type SqlValue } from '../support/iotSql';

const rule = parseRule(SENSOR_RULE_SQL);
/** Seed 001's example station and sensor, on the topic its rule reads. */
const TOPIC = 'weather/WA/Seattle/vzqHb8vgh0/vib/bQ7KcaMEas';

function reshape(payload: Record<string, SqlValue>, topic = TOPIC) {
  return applyRule(rule, topic, payload);
}

function timestampOf(sensorTimestamp: SqlValue): SqlValue {
  return reshape({ sensor_timestamp: sensorTimestamp, sensor_value: 1, sensor_value_smoothed: 1 })
    ?.timestamp;
}

it("turns seed 001's example message into the seed's transformed payload, which aggregate accepts", () => {
  const out = reshape({
    sensor_timestamp: 1472611226005,
    sensor_value: 0.610802791886758,
    sensor_value_smoothed: 0.9843152123890655,
    direction: -1,
  });
  expect(out).toEqual({
    sensor_id: 'bQ7KcaMEas',
    station_id: 'vzqHb8vgh0',
    sensor: 'vib',
    timestamp: 1472611226005,
    value: 0.610802791886758,
    value_smoothed: 0.9843152123890655,
    direction: -1,
  });
  expect(parseRawEvent(JSON.stringify(out))).toEqual({ kind: 'sensor', reading: out });
});

it('names its fields exactly as the reading aggregate reads, from the topic levels the seed gives', () => {
  expect(rule.fields.map((field) => field.name).sort()).toEqual(
    Object.keys(sensorReadingSchema.entries).sort(),
  );
  expect(rule.topicFilter).toBe('weather/+/+/+/+/+');
  expect(SENSOR_RULE_SQL_VERSION).toBe('2016-03-23');
});

it.each([
  ['epoch milliseconds', 1472611226005, 1472611226005],
  ['epoch seconds', 1472611226, 1472611226000],
  ['epoch seconds with milliseconds', 1472611226.005, 1472611226005],
  ['a numeric string', '1472611226005', 1472611226005],
  ['ISO 8601 in UTC with milliseconds', '2016-08-31T02:40:26.005Z', 1472611226005],
  ['ISO 8601 in UTC, whole seconds', '2016-08-31T02:40:26Z', 1472611226000],
  ['ISO 8601 with microseconds', '2016-08-31T02:40:26.005123Z', 1472611226005],
  ['ISO 8601 with an offset', '2016-08-31T04:40:26.005+02:00', 1472611226005],
  ['ISO 8601 with a compact offset', '2016-08-30T21:40:26.005-0500', 1472611226005],
  ['ISO 8601 without a zone (UTC)', '2016-08-31T02:40:26.005', 1472611226005],
])('reads sensor_timestamp as %s into epoch milliseconds', (_, given, expected) => {
  expect(timestampOf(given)).toBe(expected);
});

it.each([
  ['a word', 'yesterday'],
  ['an impossible date', '2016-02-30T02:40:26Z'],
  ['a date without a time', '2016-08-31'],
  ['nothing at all', undefined],
])(
  'leaves an unreadable sensor_timestamp (%s) out, so aggregate sets the reading aside with a clear error',
  (_, given) => {
    const out = reshape({ sensor_timestamp: given, sensor_value: 0.5, sensor_value_smoothed: 0.5 });
    expect(out).not.toHaveProperty('timestamp');
    expect(() => parseRawEvent(JSON.stringify(out))).toThrow(/sensor reading: .*timestamp/s);
  },
);

it('casts values sent as strings to numbers, and leaves a missing direction out', () => {
  const out = reshape({
    sensor_timestamp: '2016-08-31T02:40:26.005Z',
    sensor_value: '21.5',
    sensor_value_smoothed: '21.25',
  });
  expect(out).toEqual({
    sensor_id: 'bQ7KcaMEas',
    station_id: 'vzqHb8vgh0',
    sensor: 'vib',
    timestamp: 1472611226005,
    value: 21.5,
    value_smoothed: 21.25,
  });
  expect(parseRawEvent(JSON.stringify(out)).kind).toBe('sensor');
});

it('does not fire on topics outside weather/<state>/<city>/<station>/<sensor type>/<sensor>', () => {
  const payload = { sensor_timestamp: 1, sensor_value: 1, sensor_value_smoothed: 1 };
  expect(reshape(payload, 'weather/WA/Seattle/vzqHb8vgh0/vib')).toBeUndefined();
  expect(reshape(payload, 'weather/WA/Seattle/vzqHb8vgh0/vib/bQ7KcaMEas/extra')).toBeUndefined();
  expect(reshape(payload, 'players/WA/Seattle/vzqHb8vgh0/vib/bQ7KcaMEas')).toBeUndefined();
});

it('the ISO pattern is one time_to_epoch takes in double quotes, its literal T in single quotes', () => {
  expect(SENSOR_RULE_SQL).toContain(`time_to_epoch(sensor_timestamp, "${ISO_8601_PATTERN}")`);
  expect(ISO_8601_PATTERN).not.toContain('"');
});

it('the evaluator refuses SQL it does not implement, so the rule cannot outgrow this test', () => {
  expect(() => parseRule("SELECT upper(sensor) AS s FROM 'weather/#'")).toThrow(
    /function upper not supported/,
  );
  expect(() => parseRule("SELECT cast(x AS Bool) AS b FROM 'a'")).toThrow(/cast to bool/);
  expect(() => parseRule("SELECT x AS y FROM 'a' WHERE x < 1")).toThrow(/after FROM/);
});
