/** Custom slot types per locale: value ids from the domain vocabularies and the station catalog, names as people say them. */
import { stationCatalog, type StationCatalog } from '../domain/catalog';
import type { Locale } from '../domain/locales';
import { SlotType, type SlotTypeName } from '../domain/names';
import { SPOKEN_NAMES, type SpokenNames } from '../domain/spokenNames';
import {
  ALERT_DIRECTIONS,
  ALERT_SUBJECT_KINDS,
  LIGHT_STATES,
  OPERATING_SYSTEM_IDS,
  PERIODS,
  QUADRANTS,
  SENSOR_TYPES,
  STATISTICS,
} from '../domain/vocabulary';

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

/** Values in the vocabulary's own id order, so the model changes only when the vocabulary does. */
function valuesOf<Id extends string>(ids: readonly Id[], spoken: SpokenNames<Id>): SlotTypeValue[] {
  return ids.map((id) => ({
    id,
    name: { value: spoken[id].name, synonyms: [...spoken[id].synonyms] },
  }));
}

export function buildSlotTypes(
  locale: Locale,
  catalog: StationCatalog = stationCatalog,
): CustomSlotType[] {
  const spoken = SPOKEN_NAMES[locale];
  return [
    { name: SlotType.Os, values: valuesOf(OPERATING_SYSTEM_IDS, spoken.operatingSystems) },
    { name: SlotType.Quadrant, values: valuesOf(QUADRANTS, spoken.quadrants) },
    { name: SlotType.Sensor, values: valuesOf(SENSOR_TYPES, spoken.sensorTypes) },
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
    { name: SlotType.LightState, values: valuesOf(LIGHT_STATES, spoken.lightStates) },
    { name: SlotType.Statistic, values: valuesOf(STATISTICS, spoken.statistics) },
    { name: SlotType.Period, values: valuesOf(PERIODS, spoken.periods) },
    {
      name: SlotType.AlertSubject,
      values: valuesOf(ALERT_SUBJECT_KINDS, spoken.alertSubjects),
    },
    {
      name: SlotType.AlertDirection,
      values: valuesOf(ALERT_DIRECTIONS, spoken.alertDirections),
    },
  ];
}
