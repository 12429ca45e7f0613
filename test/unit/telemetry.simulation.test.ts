/** The telemetry simulation: seeded players and weather stations, and the exact record formats they produce. */
import { stationCatalog } from '../../domain/catalog';
import {
  OPERATING_SYSTEMS,
  QUADRANTS,
  SENSOR_TYPES,
  type SensorType,
} from '../../domain/vocabulary';
import {
  createPlayerSimulation,
  createStationSimulation,
  mulberry32,
  playerEventSchema,
  SENSOR_VALUE_RANGES,
  sensorReadingSchema,
  type PlayerEvent,
  type SensorReading,
} from '../../local/telemetry';
import { localTime } from '../../local/telemetry/localTime';

const PLAYER_KEYS = ['recordTime', 'cognitoId', 'os', 'quadrant'];
const READING_KEYS = [
  'sensor_id',
  'station_id',
  'sensor',
  'timestamp',
  'value',
  'value_smoothed',
  'direction',
];

/** The epoch second at which the wall clock in `timeZone` shows `hour`:00 on the given day. */
function secondAtLocalHour(timeZone: string, isoDate: string, hour: number): number {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(year, month - 1, day, hour) / 1000;
  const shown = localTime(guess, timeZone).hourOfDay;
  const offsetHours = ((((shown - hour) % 24) + 36) % 24) - 12;
  return guess - offsetHours * 3600;
}

function playerSeconds(
  simulation: { playerEventsAt(second: number): PlayerEvent[] },
  from: number,
  count: number,
): PlayerEvent[][] {
  return Array.from({ length: count }, (_, i) => simulation.playerEventsAt(from + i));
}

const share = (part: number, whole: number): number => part / whole;

describe('the player simulation', () => {
  const EVENING_NY = secondAtLocalHour('America/New_York', '2025-01-15', 20);

  it('replays the same events from the same seed, and other events from another', () => {
    const run = (seed: number) =>
      playerSeconds(createPlayerSimulation({ random: mulberry32(seed) }), EVENING_NY, 30);
    expect(run(42)).toEqual(run(42));
    expect(run(43)).not.toEqual(run(42));
  });

  it('sends one event per online player per second, stamped within that second', () => {
    const seconds = playerSeconds(
      createPlayerSimulation({ random: mulberry32(1), population: 500 }),
      EVENING_NY,
      120,
    );
    seconds.forEach((events, i) => {
      const ids = events.map((e) => e.cognitoId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(events.filter((e) => Math.floor(e.recordTime) !== EVENING_NY + i)).toEqual([]);
    });
    expect(seconds.every((events) => events.length > 0 && events.length <= 500)).toBe(true);
  });

  it('draws each player a stable cognitoId and OS from a plausible mix', () => {
    const simulation = createPlayerSimulation({ random: mulberry32(2), population: 2000 });
    const osOf = new Map<string, string>();
    const events = playerSeconds(simulation, EVENING_NY, 60).flat();
    const changedOs = events.filter((event) => {
      const known = osOf.get(event.cognitoId);
      osOf.set(event.cognitoId, event.os);
      return known !== undefined && known !== event.os;
    });
    expect(changedOs).toEqual([]);
    const count = (os: string) => events.filter((e) => e.os === os).length;
    expect(share(count(OPERATING_SYSTEMS.android), events.length)).toBeGreaterThan(0.5);
    expect(share(count(OPERATING_SYSTEMS.android), events.length)).toBeLessThan(0.6);
    expect(share(count(OPERATING_SYSTEMS.ios), events.length)).toBeGreaterThan(0.35);
    expect(share(count(OPERATING_SYSTEMS.ios), events.length)).toBeLessThan(0.45);
    for (const rare of [OPERATING_SYSTEMS.windowsPhone, OPERATING_SYSTEMS.other]) {
      expect(share(count(rare), events.length)).toBeGreaterThan(0.005);
      expect(share(count(rare), events.length)).toBeLessThan(0.06);
    }
  });

  it('spreads players over all four quadrants, and moves a few of them now and then', () => {
    const simulation = createPlayerSimulation({ random: mulberry32(3), population: 1000 });
    const seconds = playerSeconds(simulation, EVENING_NY, 600);
    const events = seconds.flat();
    for (const quadrant of QUADRANTS) {
      const inQuadrant = events.filter((e) => e.quadrant === quadrant).length;
      expect(share(inQuadrant, events.length)).toBeGreaterThan(0.2);
      expect(share(inQuadrant, events.length)).toBeLessThan(0.3);
    }
    let stayed = 0;
    let moved = 0;
    for (let i = 1; i < seconds.length; i++) {
      const before = new Map(seconds[i - 1]!.map((e) => [e.cognitoId, e.quadrant]));
      for (const event of seconds[i]!) {
        const was = before.get(event.cognitoId);
        if (was === event.quadrant) stayed++;
        else if (was !== undefined) moved++;
      }
    }
    expect(moved).toBeGreaterThan(0);
    // Occasional: well under one player in a hundred changes quadrant in a given second.
    expect(share(moved, moved + stayed)).toBeLessThan(0.01);
  });

  it('has more players online in the evening than at night', () => {
    const simulation = createPlayerSimulation({ random: mulberry32(4) });
    const average = (from: number) =>
      playerSeconds(simulation, from, 300).reduce((sum, events) => sum + events.length, 0) / 300;
    const night = average(secondAtLocalHour('America/New_York', '2025-01-15', 4));
    const evening = average(secondAtLocalHour('America/New_York', '2025-01-15', 20));
    const nextNight = average(secondAtLocalHour('America/New_York', '2025-01-16', 4));
    expect(evening).toBeGreaterThan(2 * night);
    expect(evening).toBeGreaterThan(2 * nextNight);
  });

  it('follows the daily rhythm of the configured time zone', () => {
    // 01:00 UTC: evening in New York, mid-morning in Tokyo's next day... and small hours in Berlin.
    const instant = Date.UTC(2025, 0, 15, 1) / 1000;
    const online = (timeZone: string) =>
      createPlayerSimulation({ random: mulberry32(5), timeZone }).playerEventsAt(instant).length;
    expect(online('America/New_York')).toBeGreaterThan(2 * online('Europe/Berlin'));
  });

  it('lets players leave and others join while the online count follows the rhythm', () => {
    const population = 400;
    const simulation = createPlayerSimulation({ random: mulberry32(6), population });
    const start = secondAtLocalHour('America/New_York', '2025-01-15', 12);
    const first = new Set(simulation.playerEventsAt(start).map((e) => e.cognitoId));
    const seen = new Set(first);
    const counts: number[] = [];
    for (let s = start + 1; s <= start + 3600; s++) {
      const events = simulation.playerEventsAt(s);
      counts.push(events.length);
      for (const e of events) seen.add(e.cognitoId);
    }
    const last = new Set(simulation.playerEventsAt(start + 3600).map((e) => e.cognitoId));
    expect([...first].some((id) => !last.has(id))).toBe(true);
    expect([...last].some((id) => !first.has(id))).toBe(true);
    expect(seen.size).toBeLessThanOrEqual(population);
    // Around noon about a third are online; the walk moves that by at most a fifth, churn by a little.
    for (const count of counts) {
      expect(count).toBeGreaterThan(population * 0.33 * 0.7);
      expect(count).toBeLessThan(population * 0.36 * 1.3);
    }
    const steps = counts.slice(1).map((count, i) => Math.abs(count - counts[i]!));
    expect(Math.max(...steps)).toBeLessThanOrEqual(5);
  });

  it('writes events in the documented format, with exactly its keys and types', () => {
    const events = playerSeconds(createPlayerSimulation({ random: mulberry32(7) }), EVENING_NY, 5);
    for (const event of events.flat()) {
      const parsed: unknown = JSON.parse(JSON.stringify(event));
      expect(playerEventSchema.parse(parsed)).toEqual(event);
      expect(Object.keys(event)).toEqual(PLAYER_KEYS);
      expect(event.cognitoId).toMatch(
        /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(Math.abs(event.recordTime * 1000 - Math.round(event.recordTime * 1000))).toBeLessThan(
        1e-3,
      );
    }
  });

  it('returns the same events for the same second and refuses to go back in time', () => {
    const simulation = createPlayerSimulation({ random: mulberry32(8) });
    const events = simulation.playerEventsAt(EVENING_NY);
    expect(simulation.playerEventsAt(EVENING_NY)).toEqual(events);
    expect(() => simulation.playerEventsAt(EVENING_NY - 1)).toThrow(RangeError);
  });

  it('refuses an unknown time zone when it is created', () => {
    expect(() =>
      createPlayerSimulation({ random: mulberry32(9), timeZone: 'Mars/Olympus_Mons' }),
    ).toThrow(RangeError);
  });
});

describe('the station simulation', () => {
  const catalogSensors = stationCatalog.stations.flatMap((station) =>
    station.sensors.map((sensor) => ({ ...sensor, stationId: station.id })),
  );
  const DAY_START = Date.UTC(2025, 6, 15) / 1000;
  const DAY_SECONDS = 86_400;

  /** One sensor's readings over the day, as columns: a day of reading objects is mostly garbage collection. */
  interface Series {
    readonly type: SensorType;
    readonly values: Float64Array;
    readonly smoothed: Float64Array;
    readonly directions: Int8Array;
  }
  const series = new Map<string, Series>();
  /** The first seconds' readings, whole, for the format checks. */
  const firstSeconds: SensorReading[][] = [];
  /** Seconds in which some sensor did not report exactly once, or a timestamp fell outside the second. */
  const irregularSeconds: number[] = [];

  beforeAll(() => {
    for (const sensor of catalogSensors) {
      series.set(sensor.id, {
        type: sensor.type,
        values: new Float64Array(DAY_SECONDS),
        smoothed: new Float64Array(DAY_SECONDS),
        directions: new Int8Array(DAY_SECONDS),
      });
    }
    const simulation = createStationSimulation({ random: mulberry32(11) });
    for (let i = 0; i < DAY_SECONDS; i++) {
      const second = DAY_START + i;
      const readings = simulation.sensorReadingsAt(second);
      if (i < 10) firstSeconds.push(readings);
      const ids = new Set(readings.map((r) => r.sensor_id));
      const stampedInSecond = readings.every((r) => Math.floor(r.timestamp / 1000) === second);
      if (ids.size !== catalogSensors.length || readings.length !== ids.size || !stampedInSecond) {
        irregularSeconds.push(second);
      }
      for (const reading of readings) {
        const columns = series.get(reading.sensor_id);
        if (columns === undefined) continue;
        columns.values[i] = reading.value;
        columns.smoothed[i] = reading.value_smoothed;
        columns.directions[i] = reading.direction;
      }
    }
  });

  const ofType = (type: SensorType) => catalogSensors.filter((s) => s.type === type);
  const seriesOf = (sensorId: string): Series => {
    const found = series.get(sensorId);
    if (found === undefined) throw new Error(`no series for ${sensorId}`);
    return found;
  };
  const valuesOf = (sensorId: string) => Array.from(seriesOf(sensorId).values);

  it('replays the same readings from the same seed', () => {
    const run = (seed: number) => {
      const simulation = createStationSimulation({ random: mulberry32(seed) });
      return Array.from({ length: 20 }, (_, i) => simulation.sensorReadingsAt(DAY_START + i));
    };
    expect(run(12)).toEqual(run(12));
    expect(run(13)).not.toEqual(run(12));
  });

  it('reads every sensor of every catalog station once per second, stamped within that second', () => {
    for (const readings of firstSeconds) {
      expect(readings.map((r) => [r.sensor_id, r.station_id, r.sensor]).sort()).toEqual(
        catalogSensors.map((s) => [s.id, s.stationId, s.type]).sort(),
      );
    }
    expect(irregularSeconds).toEqual([]);
  });

  it('keeps every value and smoothed value within its sensor type’s range all day', () => {
    const outOfRange: string[] = [];
    for (const [sensorId, { type, values, smoothed }] of series) {
      const { min, max } = SENSOR_VALUE_RANGES[type];
      for (let i = 0; i < DAY_SECONDS; i++) {
        const [value, average] = [values[i]!, smoothed[i]!];
        if (value < min || value > max || average < min || average > max) {
          outOfRange.push(`${sensorId} at ${i}s: ${value} (smoothed ${average})`);
        }
      }
    }
    expect(outOfRange).toEqual([]);
    expect(SENSOR_VALUE_RANGES).toMatchObject({
      vib: { min: 0, max: 3 },
      hum: { min: 30, max: 95 },
      wind: { min: 0, max: 20 },
      pres: { min: 980, max: 1040 },
    });
  });

  it('smooths each value with a moving average that lags behind it', () => {
    const overshooting: string[] = [];
    for (const [sensorId, { values, smoothed }] of series) {
      for (let i = 1; i < DAY_SECONDS; i++) {
        // Each smoothed value moves from the last one toward the new value, never past it.
        const low = Math.min(smoothed[i - 1]!, values[i]!) - 0.01;
        const high = Math.max(smoothed[i - 1]!, values[i]!) + 0.01;
        if (smoothed[i]! < low || smoothed[i]! > high) overshooting.push(`${sensorId} at ${i}s`);
      }
      const jumpiness = (xs: Float64Array) =>
        xs.slice(1).reduce((sum, x, i) => sum + Math.abs(x - xs[i]!), 0);
      expect(jumpiness(smoothed)).toBeLessThan(jumpiness(values) / 2);
    }
    expect(overshooting).toEqual([]);
  });

  it('follows a vibration spike only partway in the smoothed value', () => {
    let spikes = 0;
    for (const sensor of ofType('vib')) {
      const { values, smoothed } = seriesOf(sensor.id);
      for (let i = 1; i < DAY_SECONDS; i++) {
        if (values[i]! - values[i - 1]! > 0.8) {
          spikes++;
          // Only about a tenth of the way from where the average was toward the spike.
          const covered = smoothed[i]! - smoothed[i - 1]!;
          expect(covered).toBeLessThan(0.2 * (values[i]! - smoothed[i - 1]!) + 0.01);
        }
      }
    }
    expect(spikes).toBeGreaterThan(0);
  });

  it('gives the direction of the last change of value, none for the first reading', () => {
    const wrongDirection: string[] = [];
    for (const [sensorId, { values, directions }] of series) {
      expect(directions[0]).toBe(0);
      for (let i = 1; i < DAY_SECONDS; i++) {
        if (directions[i] !== Math.sign(values[i]! - values[i - 1]!)) {
          wrongDirection.push(`${sensorId} at ${i}s`);
        }
      }
    }
    expect(wrongDirection).toEqual([]);
  });

  it('makes afternoons warmer than the hours before dawn in each station’s own time zone', () => {
    for (const station of stationCatalog.stations) {
      const seeds = Array.from({ length: 10 }, (_, i) => 100 + i);
      const warming = seeds.map((seed) => {
        const simulation = createStationSimulation({
          random: mulberry32(seed),
          stations: [station],
        });
        const mean = (second: number) => {
          const temps = simulation.sensorReadingsAt(second).filter((r) => r.sensor === 'temp');
          return temps.reduce((sum, r) => sum + r.value, 0) / temps.length;
        };
        const beforeDawn = mean(secondAtLocalHour(station.timeZone, '2025-07-15', 4));
        return mean(secondAtLocalHour(station.timeZone, '2025-07-15', 15)) - beforeDawn;
      });
      expect(warming.reduce((a, b) => a + b, 0) / warming.length).toBeGreaterThan(4);
    }
  });

  it('keeps temperatures around plausible means for the season', () => {
    for (const sensor of ofType('temp')) {
      const temps = valuesOf(sensor.id);
      const mean = temps.reduce((a, b) => a + b, 0) / temps.length;
      // A July day in these northern cities.
      expect(mean).toBeGreaterThan(8);
      expect(mean).toBeLessThan(30);
    }
  });

  it('makes humidity fall as the temperature rises at the same station', () => {
    for (const station of stationCatalog.stations) {
      const temps = valuesOf(station.sensors.find((s) => s.type === 'temp')!.id);
      const humidities = valuesOf(station.sensors.find((s) => s.type === 'hum')!.id);
      expect(correlation(temps, humidities)).toBeLessThan(-0.3);
    }
  });

  it('blows wind in gusts well above its usual speed', () => {
    for (const sensor of ofType('wind')) {
      const winds = valuesOf(sensor.id);
      const median = [...winds].sort((a, b) => a - b)[Math.floor(winds.length / 2)]!;
      const gusty = winds.filter((w) => w > 2 * median).length;
      expect(gusty).toBeGreaterThan(0);
      expect(share(gusty, winds.length)).toBeLessThan(0.2);
    }
  });

  it('shows occasional vibration spikes over a calm background', () => {
    for (const sensor of ofType('vib')) {
      const spikes = valuesOf(sensor.id).filter((v) => v > 1.2).length;
      expect(spikes).toBeGreaterThan(0);
      expect(share(spikes, DAY_SECONDS)).toBeLessThan(0.05);
    }
  });

  it('lets pressure drift slowly', () => {
    for (const sensor of ofType('pres')) {
      const pressures = valuesOf(sensor.id);
      const steps = pressures.slice(1).map((p, i) => Math.abs(p - pressures[i]!));
      expect(Math.max(...steps)).toBeLessThan(0.5);
      expect(Math.max(...pressures) - Math.min(...pressures)).toBeGreaterThan(0.5);
    }
  });

  it('writes readings in the documented format, with exactly its keys and types', () => {
    for (const reading of firstSeconds.flat()) {
      const parsed: unknown = JSON.parse(JSON.stringify(reading));
      expect(sensorReadingSchema.parse(parsed)).toEqual(reading);
      expect(Object.keys(reading)).toEqual(READING_KEYS);
      expect(SENSOR_TYPES).toContain(reading.sensor);
      expect(Number.isInteger(reading.timestamp)).toBe(true);
      expect([-1, 0, 1]).toContain(reading.direction);
    }
  });

  it('refuses to go back in time', () => {
    const simulation = createStationSimulation({ random: mulberry32(14) });
    simulation.sensorReadingsAt(DAY_START);
    expect(() => simulation.sensorReadingsAt(DAY_START - 1)).toThrow(RangeError);
  });
});

describe('the record schemas', () => {
  const event = {
    recordTime: 1486505943.204,
    cognitoId: 'us-east-1:2f5d8a1c-3b4e-4c6d-8e9f-0a1b2c3d4e5f',
    os: 'Android',
    quadrant: 'A',
  };
  const reading = {
    sensor_id: 'bQ7KcaMEas',
    station_id: 'vzqHb8vgh0',
    sensor: 'vib',
    timestamp: 1472611226005,
    value: 0.61,
    value_smoothed: 0.98,
    direction: -1,
  };

  it('accept the documented examples', () => {
    expect(playerEventSchema.safeParse(event).success).toBe(true);
    expect(sensorReadingSchema.safeParse(reading).success).toBe(true);
  });

  it('refuse extra keys, wrong types and values outside the vocabularies', () => {
    expect(playerEventSchema.safeParse({ ...event, extra: 1 }).success).toBe(false);
    expect(playerEventSchema.safeParse({ ...event, recordTime: '1486505943.204' }).success).toBe(
      false,
    );
    expect(playerEventSchema.safeParse({ ...event, recordTime: 1486505943.2041 }).success).toBe(
      false,
    );
    expect(playerEventSchema.safeParse({ ...event, os: 'android' }).success).toBe(false);
    expect(playerEventSchema.safeParse({ ...event, quadrant: 'E' }).success).toBe(false);
    expect(playerEventSchema.safeParse({ ...event, cognitoId: 'eu-west-1:x' }).success).toBe(false);
    expect(sensorReadingSchema.safeParse({ ...reading, extra: 1 }).success).toBe(false);
    expect(sensorReadingSchema.safeParse({ ...reading, timestamp: 1472611226.005 }).success).toBe(
      false,
    );
    expect(sensorReadingSchema.safeParse({ ...reading, direction: 2 }).success).toBe(false);
    expect(sensorReadingSchema.safeParse({ ...reading, sensor: 'light' }).success).toBe(false);
  });
});

function correlation(xs: number[], ys: number[]): number {
  const mean = (vs: number[]) => vs.reduce((a, b) => a + b, 0) / vs.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i]!;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
