/** Which station the user means: entity resolution first, then the catalog's names and synonyms. */
import type { HandlerInput } from 'ask-sdk-core';
import { Slot } from '../../../domain/names';
import type { Station } from '../../../domain/catalog';
import type { Conversation } from '../conversation';
import { readSlot } from '../slots';

export type StationChoice =
  | { readonly station: Station; readonly name: string }
  | { readonly station?: undefined; readonly question: string };

export function stationNames(conversation: Conversation): string {
  const { catalog } = conversation.services;
  return conversation.list(catalog.stations.map((s) => s.names[conversation.locale].name));
}

export function chooseStation(input: HandlerInput, conversation: Conversation): StationChoice {
  const { catalog } = conversation.services;
  const slot = readSlot(input, Slot.Station);
  const list = stationNames(conversation);
  if (slot.status === 'empty') return { question: conversation.t('stations.missing', { list }) };
  const station =
    (slot.status === 'match' ? catalog.byId(slot.id) : undefined) ??
    catalog.byName(conversation.locale, slot.spoken);
  if (!station) {
    return { question: conversation.t('stations.unknown', { spoken: slot.spoken, list }) };
  }
  return { station, name: station.names[conversation.locale].name };
}
