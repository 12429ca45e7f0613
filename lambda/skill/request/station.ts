/** Which station the user means: entity resolution first, then the catalog's names and synonyms. */
import type { HandlerInput } from 'ask-sdk-core';
import type { Station, StationCatalog } from '../../../domain/catalog';
import { Slot } from '../../../domain/names';
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
