/** Small predicates for canHandle: which request or intent this is. */
import { getIntentName, getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { IntentName } from '../../../domain/names';

export function isIntent(input: HandlerInput, ...names: readonly IntentName[]): boolean {
  return (
    getRequestType(input.requestEnvelope) === 'IntentRequest' &&
    (names as readonly string[]).includes(getIntentName(input.requestEnvelope))
  );
}

export function isRequestType(input: HandlerInput, type: string): boolean {
  return getRequestType(input.requestEnvelope) === type;
}
