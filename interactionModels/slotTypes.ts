/** Custom slot types per locale: value ids come from the domain vocabularies and the station catalog, names are spoken text. */
import { stationCatalog, type StationCatalog } from '../lambda/devices/catalog';
import {
  OPERATING_SYSTEM_IDS,
  QUADRANTS,
  SENSOR_TYPES,
  type OperatingSystem,
  type Quadrant,
  type SensorType,
} from '../lambda/rollups/vocabulary';
import type { Locale } from './locales';
import { LIGHT_STATES, SlotType, type LightState, type SlotTypeName } from './names';

/** A custom type is every slot type except the built-in AMAZON.* ones. */
export type CustomSlotTypeName = Exclude<SlotTypeName, `AMAZON.${string}`>;

export interface SlotTypeValue {
  id: string;
  name: { value: string; synonyms: string[] };
}

export interface CustomSlotType {
  name: CustomSlotTypeName;
  values: SlotTypeValue[];
}

interface SpokenValue {
  readonly name: string;
  readonly synonyms: readonly string[];
}

type SpokenVocabulary<Id extends string> = Readonly<Record<Id, SpokenValue>>;

const englishOperatingSystems: SpokenVocabulary<OperatingSystem> = {
  android: {
    name: 'Android',
    synonyms: ['android phones', 'android phone', 'android devices', 'google android'],
  },
  ios: { name: 'iOS', synonyms: ['iphone', 'iphones', 'ipad', 'apple', 'apple devices'] },
  windowsPhone: {
    name: 'Windows Phone',
    synonyms: ['windows phones', 'windows mobile', 'windows', 'microsoft phones'],
  },
  other: {
    name: 'other systems',
    synonyms: ['other', 'other devices', 'other platforms', 'other phones', 'something else'],
  },
};

const germanOperatingSystems: SpokenVocabulary<OperatingSystem> = {
  android: {
    name: 'Android',
    synonyms: ['Android Handys', 'Android Geräte', 'Android Smartphones'],
  },
  ios: { name: 'iOS', synonyms: ['iPhone', 'iPhones', 'iPad', 'Apple', 'Apple Geräte'] },
  windowsPhone: {
    name: 'Windows Phone',
    synonyms: ['Windows Handys', 'Windows Mobile', 'Windows'],
  },
  other: {
    name: 'andere Systeme',
    synonyms: ['andere', 'andere Geräte', 'andere Betriebssysteme', 'sonstige', 'sonstige Systeme'],
  },
};

/** NATO alphabet in English; in German also the German spelling alphabet (Anton, Berta, Cäsar, Dora). */
const englishQuadrants: SpokenVocabulary<Quadrant> = {
  A: { name: 'A', synonyms: ['alpha', 'quadrant a', 'quadrant alpha'] },
  B: { name: 'B', synonyms: ['bravo', 'quadrant b', 'quadrant bravo'] },
  C: { name: 'C', synonyms: ['charlie', 'quadrant c', 'quadrant charlie'] },
  D: { name: 'D', synonyms: ['delta', 'quadrant d', 'quadrant delta'] },
};

const germanQuadrants: SpokenVocabulary<Quadrant> = {
  A: { name: 'A', synonyms: ['Alpha', 'Anton', 'Quadrant A', 'Quadrant Alpha'] },
  B: { name: 'B', synonyms: ['Bravo', 'Berta', 'Quadrant B', 'Quadrant Bravo'] },
  C: { name: 'C', synonyms: ['Charlie', 'Cäsar', 'Quadrant C', 'Quadrant Charlie'] },
  D: { name: 'D', synonyms: ['Delta', 'Dora', 'Quadrant D', 'Quadrant Delta'] },
};

const englishSensors: SpokenVocabulary<SensorType> = {
  vib: { name: 'vibration', synonyms: ['vibrations', 'vibration level', 'shaking'] },
  temp: { name: 'temperature', synonyms: ['temp', 'air temperature'] },
  hum: { name: 'humidity', synonyms: ['air humidity', 'relative humidity', 'moisture'] },
  wind: { name: 'wind speed', synonyms: ['wind', 'wind strength'] },
  pres: {
    name: 'air pressure',
    synonyms: ['pressure', 'barometric pressure', 'atmospheric pressure'],
  },
};

const germanSensors: SpokenVocabulary<SensorType> = {
  vib: {
    name: 'Vibration',
    synonyms: ['Vibrationen', 'Erschütterung', 'Erschütterungen', 'Schwingungen'],
  },
  temp: { name: 'Temperatur', synonyms: ['Lufttemperatur', 'Außentemperatur'] },
  hum: { name: 'Luftfeuchtigkeit', synonyms: ['Feuchtigkeit', 'Luftfeuchte'] },
  wind: { name: 'Wind', synonyms: ['Windgeschwindigkeit', 'Windstärke'] },
  pres: { name: 'Luftdruck', synonyms: ['Druck', 'Barometerstand'] },
};

/** German light states include the separable verbs, so "das Licht in Berlin einschalten" fills the slot. */
const englishLightStates: SpokenVocabulary<LightState> = {
  on: { name: 'on', synonyms: ['switched on', 'turned on'] },
  off: { name: 'off', synonyms: ['switched off', 'turned off'] },
};

const germanLightStates: SpokenVocabulary<LightState> = {
  on: { name: 'an', synonyms: ['ein', 'einschalten', 'anschalten', 'anmachen'] },
  off: { name: 'aus', synonyms: ['ausschalten', 'ausmachen'] },
};

interface LocaleVocabularies {
  readonly os: SpokenVocabulary<OperatingSystem>;
  readonly quadrant: SpokenVocabulary<Quadrant>;
  readonly sensor: SpokenVocabulary<SensorType>;
  readonly lightState: SpokenVocabulary<LightState>;
}

const english: LocaleVocabularies = {
  os: englishOperatingSystems,
  quadrant: englishQuadrants,
  sensor: englishSensors,
  lightState: englishLightStates,
};

const VOCABULARIES: Readonly<Record<Locale, LocaleVocabularies>> = {
  'en-US': english,
  'en-GB': english,
  'de-DE': {
    os: germanOperatingSystems,
    quadrant: germanQuadrants,
    sensor: germanSensors,
    lightState: germanLightStates,
  },
};

/** Values in the vocabulary's own id order, so the model changes only when the vocabulary does. */
function valuesOf<Id extends string>(
  ids: readonly Id[],
  spoken: SpokenVocabulary<Id>,
): SlotTypeValue[] {
  return ids.map((id) => ({
    id,
    name: { value: spoken[id].name, synonyms: [...spoken[id].synonyms] },
  }));
}

export function buildSlotTypes(
  locale: Locale,
  catalog: StationCatalog = stationCatalog,
): CustomSlotType[] {
  const spoken = VOCABULARIES[locale];
  return [
    { name: SlotType.Os, values: valuesOf(OPERATING_SYSTEM_IDS, spoken.os) },
    { name: SlotType.Quadrant, values: valuesOf(QUADRANTS, spoken.quadrant) },
    { name: SlotType.Sensor, values: valuesOf(SENSOR_TYPES, spoken.sensor) },
    {
      name: SlotType.Station,
      values: catalog.stations.map((station) => ({
        id: station.id,
        name: {
          value: station.names[locale].name,
          synonyms: [...station.names[locale].synonyms],
        },
      })),
    },
    { name: SlotType.LightState, values: valuesOf(LIGHT_STATES, spoken.lightState) },
  ];
}
