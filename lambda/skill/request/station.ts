/** Which station the user means: entity resolution first, then the catalog's names and synonyms. */
import type { HandlerInput } from 'ask-sdk-core';
import type { Station, StationCatalog } from '../../../domain/catalog';
import { Slot } from '../../../domain/names';
import { SENSOR_TYPES, isSensorType, type SensorType } from '../../../domain/vocabulary';
import type { Voice } from '../voice';
import { readSlot } from './slots';

export type StationChoice =
  | { readonly station: Station; readonly name: string }
  | { readonly station?: undefined; readonly question: string };

/** The station the request's station slot names, or the question that asks for one. */
export function chooseStation(
  input: HandlerInput,
  voice: Voice,
  catalog: StationCatalog,
): StationChoice {
  const { t, locale } = voice;
  const slot = readSlot(input, Slot.Station);
  const list = voice.list(catalog.stations.map((s) => s.names[locale].name));
  if (slot.status === 'empty') return { question: t('stations.missing', { list }) };
  const station =
    (slot.status === 'match' ? catalog.byId(slot.id) : undefined) ??
    catalog.byName(locale, slot.spoken);
  if (!station) return { question: t('stations.unknown', { spoken: slot.spoken, list }) };
  return { station, name: station.names[locale].name };
}

/** A sensor type's words in answers: the station's name, the type's name, "the …" and its unit. */
// A type, not an interface: the words are handed to i18next as its interpolation values.
export type SensorWords = {
  readonly station: string;
  readonly name: string;
  readonly the: string;
  readonly unit: string;
};

export type SensorAtStation =
  | {
      readonly sensor: SensorType;
      readonly station: Station;
      readonly words: SensorWords;
      /** The station's sensors of that type (at least one). */
      readonly sensorsOfType: Station['sensors'];
    }
  /** The sensor type or the station is missing or unknown: what to ask. */
  | { readonly question: string }
  /** The station measures no such thing: the sentence that says what it does measure. */
  | { readonly notMeasured: string };

/** The sensor type and station a question is about, or what to say when they are unclear or not measured there. */
export function chooseSensorAtStation(
  input: HandlerInput,
  voice: Voice,
  catalog: StationCatalog,
): SensorAtStation {
  const { t } = voice;
  const names = (types: readonly SensorType[]) =>
    voice.list(types.map((type) => voice.said('sensorTypes', type)));
  const sensorSlot = readSlot(input, Slot.Sensor);
  if (sensorSlot.status !== 'match' || !isSensorType(sensorSlot.id)) {
    const list = names(SENSOR_TYPES);
    return {
      question:
        sensorSlot.status === 'empty'
          ? t('sensors.missingSensor', { list })
          : t('sensors.unknownSensor', { spoken: sensorSlot.spoken, list }),
    };
  }
  const sensor = sensorSlot.id;
  const choice = chooseStation(input, voice, catalog);
  if (!choice.station) return { question: choice.question };
  const { station, name } = choice;
  const words = {
    station: name,
    name: voice.said('sensorTypes', sensor),
    the: t(`sensors.type.${sensor}.the`),
    unit: t(`sensors.type.${sensor}.unit`),
  };
  const sensorsOfType = catalog.sensorsOfType(station, sensor);
  if (sensorsOfType.length === 0) {
    const measured = [...new Set(station.sensors.map((s) => s.type))];
    return { notMeasured: t('sensors.notMeasured', { ...words, list: names(measured) }) };
  }
  return { sensor, station, words, sensorsOfType };
}
