/** Turning sentences into Alexa's response: SSML in the locale's voice, a card, and the session rule. */
import type { HandlerInput } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import type { Conversation } from './conversation';
import type { MessageKey } from './i18n';

export interface Answer {
  readonly sentences: readonly string[];
  /** Card title key; the card repeats what was said. */
  readonly card?: MessageKey;
  /** A question back to the user: the session stays open and this is the reprompt. */
  readonly question?: string;
}

function speak(conversation: Conversation, sentences: readonly string[]): string {
  const speech = conversation.speech();
  for (const sentence of sentences) speech.sentence(sentence);
  return speech.toSsml();
}

/**
 * One-shot questions ("ask live pulse how many…") end the session after the answer; in a session
 * the user opened, Pulse answers and asks what else they want to know.
 */
export function answer(input: HandlerInput, conversation: Conversation, answer: Answer): Response {
  const { t } = conversation;
  const builder = input.responseBuilder;
  const inSession = input.requestEnvelope.session?.new === false;
  const followUp = answer.question ?? (inSession ? t('reprompt') : undefined);
  const sentences = followUp ? [...answer.sentences, followUp] : answer.sentences;

  builder.speak(speak(conversation, sentences));
  if (answer.card) builder.withSimpleCard(t(answer.card), [...answer.sentences].join(' '));
  if (followUp) {
    builder.reprompt(speak(conversation, [followUp]));
    builder.withShouldEndSession(false);
  } else {
    builder.withShouldEndSession(true);
  }
  return builder.getResponse();
}
