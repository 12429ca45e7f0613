/** Simulated weather stations: one reading per sensor per second, with weather that behaves like weather. */
import { stationCatalog, type Station } from '../../domain/catalog';
import type { SensorType } from '../../domain/vocabulary';
import type { SensorReading } from './formats';
import { localTime } from './localTime';
import { clamp, gaussian, hashUnit, integerBelow, ornsteinUhlenbeck, uniform } from './random';
import type { RandomSource } from '../random';
import { simulationClock } from './simulationClock';

// Bound once per module: under jest's sandbox every lookup of the Math global is slow, and the
// simulation makes millions of these calls when a test runs through a day.
const { PI, abs, cos, exp, max, round, sign, sin } = Math;

/** Where each sensor type's values stay; readings are clamped to these, as a real sensor saturates. */
export const SENSOR_VALUE_RANGES: Record<SensorType, { min: number; max: number; unit: string }> = {
  vib: { min: 0, max: 3, unit: 'mm/s' },
  temp: { min: -30, max: 45, unit: '°C' },
  hum: { min: 30, max: 95, unit: '%' },
  wind: { min: 0, max: 20, unit: 'm/s' },
  pres: { min: 980, max: 1040, unit: 'hPa' },
};

/** Weight of the newest value in value_smoothed: a time constant of about ten readings. */
export const SMOOTHING_FACTOR = 0.1;

/** The part of a catalog station the simulation needs. */
export type SimulatedStation = Pick<Station, 'id' | 'city' | 'timeZone' | 'sensors'>;

interface Climate {
  /** Annual mean temperature, °C. */
  readonly meanTemp: number;
  /** Half the difference between the warmest and the coldest month, °C. */
  readonly seasonalSwing: number;
  /** Half the difference between afternoon high and pre-dawn low, °C. */
  readonly dailySwing: number;
  /** Relative humidity at the day's mean temperature, %. */
  readonly meanHumidity: number;
  /** Mean wind speed, m/s. */
  readonly meanWind: number;
  /** Mean sea-level pressure, hPa. */
  readonly meanPressure: number;
}

/** Rough climatology of the catalog's cities; all in the northern hemisphere. */
const CLIMATES: Record<string, Climate> = {
  Seattle: {
    meanTemp: 11.5,
    seasonalSwing: 7,
    dailySwing: 4,
    meanHumidity: 76,
    meanWind: 3.5,
    meanPressure: 1016,
  },
  Portland: {
    meanTemp: 12.5,
    seasonalSwing: 8.5,
    dailySwing: 5.5,
    meanHumidity: 71,
    meanWind: 3,
    meanPressure: 1016,
  },
  London: {
    meanTemp: 11.5,
    seasonalSwing: 7,
    dailySwing: 4,
    meanHumidity: 75,
    meanWind: 4.5,
    meanPressure: 1013,
  },
  Berlin: {
    meanTemp: 10,
    seasonalSwing: 9.5,
    dailySwing: 4.5,
    meanHumidity: 72,
    meanWind: 3.5,
    meanPressure: 1014,
  },
  Munich: {
    meanTemp: 9,
    seasonalSwing: 9.5,
    dailySwing: 5,
    meanHumidity: 73,
    meanWind: 2.5,
    meanPressure: 1016,
  },
};
/** A temperate default, so a station added to the catalog gets readings before it gets a climate here. */
const TEMPERATE: Climate = {
  meanTemp: 11,
  seasonalSwing: 8,
  dailySwing: 4.5,
  meanHumidity: 72,
  meanWind: 3.5,
  meanPressure: 1014,
};

/** Relative humidity falls as the air warms at constant moisture: about this many % per °C here. */
const HUMIDITY_PER_DEGREE = 2.5;
const SEND_JITTER_MS = 20;
const SECONDS_PER_HOUR = 3600;

export interface StationSimulationOptions {
  /** Uniform [0, 1) source; the same source state replays the same readings. */
  random: RandomSource;
  /** Default: every station of the shipped catalog. */
  stations?: readonly SimulatedStation[];
}

export interface StationSimulation {
  /**
   * One reading per sensor of every station for this epoch second, ordered by timestamp. Seconds
   * must not go backwards; skipped seconds are simulated, asking again returns the same readings.
   */
  sensorReadingsAt(second: number): SensorReading[];
}

/** Weather shared by every sensor of a station: two thermometers at one station see the same air. */
interface StationWeather {
  readonly station: SimulatedStation;
  readonly climate: Climate;
  /** How much warmer than the climate today's air mass is, °C. */
  temperatureAnomaly: number;
  /** How much moister than the climate the air is, beyond what temperature explains, %. */
  humidityAnomaly: number;
  /** Sustained wind before gusts and turbulence, m/s. */
  windBase: number;
  /** Sea-level pressure before the daily tide, hPa. */
  pressure: number;
  gust: { remainingSeconds: number; durationSeconds: number; strength: number };
  /** Something heavy passing (a truck on the bridge, a ship berthing), felt by every vibration sensor. */
  shake: { remainingSeconds: number; strength: number };
  /** Local clock at the station for the current second. */
  hourOfDay: number;
  /** The season's mean temperature for today, °C. */
  seasonalMean: number;
  /** The true air temperature this second, before each thermometer's error. */
  airTemperature: number;
}

interface SensorState {
  readonly weather: StationWeather;
  readonly sensorId: string;
  readonly type: SensorType;
  readonly sendPhaseMs: number;
  /** Calibration: each instrument is a little off from the truth. */
  readonly offset: number;
  /** Vibration only: the background level where it is mounted, and how much of a shake reaches it. */
  readonly vibrationLevel: number;
  readonly coupling: number;
  value: number;
  smoothed: number;
  direction: -1 | 0 | 1;
  hasValue: boolean;
}

export function createStationSimulation(options: StationSimulationOptions): StationSimulation {
  const { random } = options;
  const stations = options.stations ?? stationCatalog.stations;
  const jitterSalt = integerBelow(random, 2 ** 32);

  const weathers: StationWeather[] = stations.map((station) => {
    // Fail on a bad zone now rather than on the first tick.
    localTime(0, station.timeZone);
    const climate = CLIMATES[station.city] ?? TEMPERATE;
    return {
      station,
      climate,
      temperatureAnomaly: gaussian(random) * 2,
      humidityAnomaly: gaussian(random) * 5,
      windBase: climate.meanWind * uniform(random, 0.6, 1.4),
      pressure: climate.meanPressure + gaussian(random) * 6,
      gust: { remainingSeconds: 0, durationSeconds: 0, strength: 0 },
      shake: { remainingSeconds: 0, strength: 0 },
      hourOfDay: 0,
      seasonalMean: climate.meanTemp,
      airTemperature: climate.meanTemp,
    };
  });
  const sensors: SensorState[] = weathers.flatMap((weather) =>
    weather.station.sensors.map((sensor) => ({
      weather,
      sensorId: sensor.id,
      type: sensor.type,
      sendPhaseMs: integerBelow(random, 1000),
      offset: gaussian(random) * calibrationSpread(sensor.type),
      vibrationLevel: uniform(random, 0.2, 0.7),
      coupling: uniform(random, 0.6, 1),
      value: 0,
      smoothed: 0,
      direction: 0,
      hasValue: false,
    })),
  );

  function step(second: number, dtSeconds: number): void {
    for (const weather of weathers) advanceWeather(random, weather, dtSeconds, second);
    for (const sensor of sensors) {
      const value = round2(
        clamp(
          measure(random, sensor),
          SENSOR_VALUE_RANGES[sensor.type].min,
          SENSOR_VALUE_RANGES[sensor.type].max,
        ),
      );
      if (sensor.hasValue) {
        // Over a gap of n seconds the average has decayed as if n readings had passed.
        const weight = 1 - (1 - SMOOTHING_FACTOR) ** dtSeconds;
        sensor.smoothed += weight * (value - sensor.smoothed);
        sensor.direction = sign(value - sensor.value) as -1 | 0 | 1;
      } else {
        sensor.smoothed = value;
        sensor.direction = 0;
        sensor.hasValue = true;
      }
      sensor.value = value;
    }
  }

  function readingsOf(second: number): SensorReading[] {
    return sensors
      .map((sensor, index) => {
        const jitter = (hashUnit(jitterSalt, index, second) - 0.5) * 2 * SEND_JITTER_MS;
        return {
          sensor_id: sensor.sensorId,
          station_id: sensor.weather.station.id,
          sensor: sensor.type,
          timestamp: second * 1000 + clamp(round(sensor.sendPhaseMs + jitter), 0, 999),
          value: sensor.value,
          value_smoothed: round2(sensor.smoothed),
          direction: sensor.direction,
        };
      })
      .sort((a, b) => a.timestamp - b.timestamp);
  }

  return {
    sensorReadingsAt: simulationClock({
      what: 'stations',
      start: (second) => step(second, 1),
      step,
      recordsOf: readingsOf,
    }),
  };
}

function calibrationSpread(type: SensorType): number {
  switch (type) {
    case 'temp':
      return 0.3;
    case 'hum':
      return 1.5;
    case 'pres':
      return 0.4;
    case 'wind':
      return 0.1;
    case 'vib':
      return 0;
  }
}

function advanceWeather(
  random: RandomSource,
  weather: StationWeather,
  dtSeconds: number,
  second: number,
): void {
  const { climate } = weather;
  // Air masses come and go over hours; fronts move pressure over days.
  weather.temperatureAnomaly = ornsteinUhlenbeck(
    random,
    weather.temperatureAnomaly,
    { mean: 0, stdDev: 2.5, timeConstantSeconds: 6 * SECONDS_PER_HOUR },
    dtSeconds,
  );
  weather.humidityAnomaly = ornsteinUhlenbeck(
    random,
    weather.humidityAnomaly,
    { mean: 0, stdDev: 6, timeConstantSeconds: 4 * SECONDS_PER_HOUR },
    dtSeconds,
  );
  weather.pressure = ornsteinUhlenbeck(
    random,
    weather.pressure,
    { mean: climate.meanPressure, stdDev: 8, timeConstantSeconds: 4 * 24 * SECONDS_PER_HOUR },
    dtSeconds,
  );
  const { hourOfDay, dayOfYear } = localTime(second, weather.station.timeZone);
  weather.hourOfDay = hourOfDay;
  // Coldest in mid-January, warmest in mid-July.
  weather.seasonalMean =
    climate.meanTemp - climate.seasonalSwing * cos((2 * PI * (dayOfYear - 15)) / 365);
  // Coolest before dawn, warmest mid-afternoon.
  const daily = -climate.dailySwing * cos((2 * PI * (hourOfDay - 3)) / 24);
  weather.airTemperature = weather.seasonalMean + daily + weather.temperatureAnomaly;

  // Wind picks up in the afternoon, when the ground has warmed the air and mixing is strongest.
  const afternoonBoost = 1 + 0.3 * cos((2 * PI * (hourOfDay - 15)) / 24);
  weather.windBase = max(
    0.3,
    ornsteinUhlenbeck(
      random,
      weather.windBase,
      {
        mean: climate.meanWind * afternoonBoost,
        stdDev: climate.meanWind * 0.45,
        timeConstantSeconds: 2 * SECONDS_PER_HOUR,
      },
      dtSeconds,
    ),
  );

  weather.gust.remainingSeconds = max(0, weather.gust.remainingSeconds - dtSeconds);
  // Stronger wind is gustier: about one gust every two minutes at 5 m/s.
  if (
    weather.gust.remainingSeconds === 0 &&
    random() < 1 - exp((-dtSeconds * weather.windBase) / 600)
  ) {
    const durationSeconds = 3 + integerBelow(random, 10);
    weather.gust = {
      remainingSeconds: durationSeconds,
      durationSeconds,
      strength: weather.windBase * uniform(random, 0.4, 1.2),
    };
  }

  weather.shake.remainingSeconds = max(0, weather.shake.remainingSeconds - dtSeconds);
  // A truck on the bridge, a ship berthing: a few seconds of shaking every few minutes.
  if (weather.shake.remainingSeconds === 0 && random() < 1 - exp(-dtSeconds / 240)) {
    weather.shake = {
      remainingSeconds: 1 + integerBelow(random, 4),
      strength: uniform(random, 1, 2.2),
    };
  }
}

function measure(random: RandomSource, sensor: SensorState): number {
  const { weather } = sensor;
  const { climate, hourOfDay, seasonalMean, airTemperature } = weather;

  switch (sensor.type) {
    case 'temp':
      return airTemperature + sensor.offset + 0.05 * gaussian(random);
    case 'hum':
      return (
        climate.meanHumidity -
        HUMIDITY_PER_DEGREE * (airTemperature - seasonalMean) +
        weather.humidityAnomaly +
        sensor.offset +
        0.3 * gaussian(random)
      );
    case 'wind': {
      const { gust } = weather;
      // A gust swells and fades rather than switching on and off.
      const gustShape =
        gust.remainingSeconds > 0
          ? sin((PI * (gust.durationSeconds - gust.remainingSeconds + 0.5)) / gust.durationSeconds)
          : 0;
      const turbulence = 0.15 * weather.windBase * gaussian(random);
      return weather.windBase + gust.strength * gustShape + turbulence + sensor.offset;
    }
    case 'pres': {
      // The atmospheric tide: two small highs a day, near 10 and 22 local time.
      const tide = 0.6 * cos((2 * PI * (hourOfDay - 10)) / 12);
      return weather.pressure + tide + sensor.offset + 0.05 * gaussian(random);
    }
    case 'vib': {
      // Traffic and machinery are busier by day.
      const activity = 0.6 + 0.6 * max(0, sin((2 * PI * (hourOfDay - 6)) / 24));
      const background = sensor.vibrationLevel * activity * abs(1 + 0.3 * gaussian(random));
      const shake =
        weather.shake.remainingSeconds > 0 ? weather.shake.strength * sensor.coupling : 0;
      return background + shake;
    }
  }
}

function round2(value: number): number {
  return round(value * 100) / 100;
}
