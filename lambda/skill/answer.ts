/** The one way a handler answers: what Pulse says, shows and asks the device to do, turned into Alexa's response. */
import type { HandlerInput } from 'ask-sdk-core';
import type { Intent as AlexaIntent, Response, canfulfill } from 'ask-sdk-model';
import type { SlotName } from '../../domain/names';
import type { MessageKey } from './i18n';
import type { LastAnswer } from './request/lastAnswer';
import { takesNoSpeech } from './request/requests';
import type { Voice } from './voice';

/** What the device should do beside speaking: play or stop audio, or let the dialog go on. */
export type Directive =
  | {
      readonly type: 'AudioPlayer.Play';
      readonly url: string;
      /** The post's id: the token AudioPlayer reports back. */
      readonly token: string;
      readonly offsetMs: number;
      readonly title: string;
    }
  | { readonly type: 'AudioPlayer.Stop' }
  /** Ask again for one slot; the answer comes back to the same intent. */
  | { readonly type: 'Dialog.ElicitSlot'; readonly slot: SlotName; readonly intent: AlexaIntent }
  /** Ask the user to confirm the intent as it stands. */
  | { readonly type: 'Dialog.ConfirmIntent'; readonly intent: AlexaIntent }
  /**
   * Voice permission consent: Alexa asks the user for the permission and sends the skill a
   * Connections.Response (name AskFor) with the outcome and this token.
   */
  | { readonly type: 'AskForPermission'; readonly permission: string; readonly token: string };

export interface Answer {
  /** What Pulse says, sentence by sentence, in the request's voice. */
  readonly sentences?: readonly string[];
  /** Audio played after the sentences, inside the speech (SSML <audio>, at most 240 s). */
  readonly audio?: string;
  /** A question back to the user: said after the sentences and again as the reprompt; the session stays open. */
  readonly question?: string;
  /** What Alexa says if the user says nothing, when that is not the question; the session stays open. */
  readonly reprompt?: string;
  /** A card titled by this key that repeats the sentences, or shows the text given. */
  readonly card?: MessageKey | { readonly title: MessageKey; readonly text: string };
  /** A permissions card in the Alexa app asking for these permissions (instead of any other card). */
  readonly permissionsCard?: readonly string[];
  readonly directives?: readonly Directive[];
  /** Ends the session even in a conversation: a goodbye, or audio the device plays next. */
  readonly endSession?: true;
  /** An answer Pulse gave before, said again exactly as it was. */
  readonly again?: LastAnswer;
  /** The verdict on a CanFulfillIntentRequest. */
  readonly canFulfill?: canfulfill.CanFulfillIntent;
}

function speak(
  voice: Voice,
  sentences: readonly string[],
  audio?: string,
  question?: string,
): string {
  const speech = voice.speech();
  for (const sentence of sentences) speech.sentence(sentence);
  if (audio !== undefined) speech.audio(audio);
  if (question !== undefined) speech.sentence(question);
  return speech.toSsml();
}

function addDirective(input: HandlerInput, directive: Directive): void {
  const builder = input.responseBuilder;
  switch (directive.type) {
    case 'AudioPlayer.Play':
      builder.addAudioPlayerPlayDirective(
        'REPLACE_ALL',
        directive.url,
        directive.token,
        directive.offsetMs,
        undefined,
        { title: directive.title },
      );
      return;
    case 'AudioPlayer.Stop':
      builder.addAudioPlayerStopDirective();
      return;
    case 'Dialog.ElicitSlot':
      builder.addElicitSlotDirective(directive.slot, directive.intent);
      return;
    case 'Dialog.ConfirmIntent':
      builder.addConfirmIntentDirective(directive.intent);
      return;
    case 'AskForPermission':
      builder.addDirective({
        type: 'Connections.SendRequest',
        name: 'AskFor',
        payload: {
          '@type': 'AskForPermissionsConsentRequest',
          '@version': '2',
          permissionScopes: [{ permissionScope: directive.permission, consentLevel: 'ACCOUNT' }],
        },
        token: directive.token,
      });
      return;
  }
}

function cardOf(voice: Voice, answer: Answer): { title: string; text: string } | undefined {
  const { card } = answer;
  if (card === undefined) return undefined;
  if (typeof card === 'string')
    return { title: voice.t(card), text: (answer.sentences ?? []).join(' ') };
  return { title: voice.t(card.title), text: card.text };
}

/**
 * Alexa's response to the answer. One-shot questions ("ask live pulse how many…") end the session
 * after the answer; in a session the user opened, Pulse answers and asks what else they want to
 * know. Requests from the device's player (its buttons, its reports) take directives only: what
 * the answer would say is left out.
 */
export function answer(input: HandlerInput, voice: Voice, reply: Answer): Response {
  const builder = input.responseBuilder;
  for (const directive of reply.directives ?? []) addDirective(input, directive);
  if (reply.canFulfill) builder.withCanFulfillIntent(reply.canFulfill);
  if (takesNoSpeech(input)) {
    if (reply.endSession) builder.withShouldEndSession(true);
    return builder.getResponse();
  }
  if (reply.again) {
    builder.speak(reply.again.ssml);
    if (reply.again.reprompt) builder.reprompt(reply.again.reprompt);
    builder.withShouldEndSession(reply.again.reprompt === undefined);
    return builder.getResponse();
  }

  const sentences = reply.sentences ?? [];
  const says = sentences.length > 0 || reply.audio !== undefined;
  const inSession = input.requestEnvelope.session?.new === false;
  const question =
    reply.question ??
    (says && inSession && !reply.endSession && !reply.reprompt ? voice.t('reprompt') : undefined);
  const reprompt = reply.reprompt ?? question;

  if (says || question) {
    builder.speak(speak(voice, sentences, reply.audio, question));
  }
  const card = cardOf(voice, reply);
  if (reply.permissionsCard) builder.withAskForPermissionsConsentCard([...reply.permissionsCard]);
  else if (card) builder.withSimpleCard(card.title, card.text);
  if (reprompt && !reply.endSession) {
    builder.reprompt(speak(voice, [reprompt]));
    builder.withShouldEndSession(false);
  } else if (says || reply.endSession) {
    builder.withShouldEndSession(true);
  }
  return builder.getResponse();
}
