/** Which request this is: small predicates for canHandle, and what the device's player reports. */
import { getIntentName, getRequestType, type HandlerInput } from 'ask-sdk-core';
import type { interfaces } from 'ask-sdk-model';
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

/**
 * Requests from the device's player: its buttons (PlaybackController) and its reports
 * (AudioPlayer). Alexa accepts only AudioPlayer directives in reply, no speech, card or reprompt.
 */
export function takesNoSpeech(input: HandlerInput): boolean {
  const type = getRequestType(input.requestEnvelope);
  return type.startsWith('PlaybackController.') || type.startsWith('AudioPlayer.');
}

/** Where the device's player stands (the post it holds and how far in), from the request's context. */
export function playerState(
  input: HandlerInput,
): interfaces.audioplayer.AudioPlayerState | undefined {
  return input.requestEnvelope.context?.AudioPlayer;
}
