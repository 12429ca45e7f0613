/** Reading a slot the way Alexa fills it: a resolved id, a value it could not resolve, or nothing. */
import { getRequestType, getSlot, getSlotValue, type HandlerInput } from 'ask-sdk-core';
import type { Slot } from 'ask-sdk-model';
import type { SlotName } from '../../../domain/names';

export type SlotReading =
  | { readonly status: 'match'; readonly id: string; readonly spoken: string }
  | { readonly status: 'noMatch'; readonly spoken: string }
  | { readonly status: 'empty' };

/** Reads a custom-typed slot: entity resolution's first match, else what the user said. */
export function readSlot(input: HandlerInput, name: SlotName): SlotReading {
  return readSlotValue(
    getRequestType(input.requestEnvelope) === 'IntentRequest'
      ? getSlot(input.requestEnvelope, name)
      : null,
  );
}

/** The same reading of a slot object, for requests that carry slots without a HandlerInput helper. */
export function readSlotValue(slot: Slot | null | undefined): SlotReading {
  const spoken = slot?.value?.trim();
  if (!slot || !spoken) return { status: 'empty' };
  for (const authority of slot.resolutions?.resolutionsPerAuthority ?? []) {
    const match = authority.values?.[0]?.value;
    if (authority.status?.code === 'ER_SUCCESS_MATCH' && match?.id) {
      return { status: 'match', id: match.id, spoken };
    }
  }
  return { status: 'noMatch', spoken };
}

/** A built-in slot's raw value (AMAZON.DURATION gives ISO 8601), or undefined. */
export function rawSlotValue(input: HandlerInput, name: SlotName): string | undefined {
  if (getRequestType(input.requestEnvelope) !== 'IntentRequest') return undefined;
  const value = getSlotValue(input.requestEnvelope, name)?.trim();
  return value === undefined || value === '' ? undefined : value;
}
