/** What Pulse said last in a session, kept in the session attributes so that "repeat that" can say it again. */
import type { HandlerInput, ResponseInterceptor } from 'ask-sdk-core';

const KEY = 'lastAnswer';

export interface LastAnswer {
  readonly ssml: string;
  readonly reprompt?: string;
}

/** Remembers an answer that keeps the session open; a one-shot answer has no session to keep it in. */
export const RememberLastAnswer: ResponseInterceptor = {
  process(input, response) {
    const speech = response?.outputSpeech;
    if (!input.requestEnvelope.session || response?.shouldEndSession !== false) return;
    if (speech?.type !== 'SSML') return;
    const reprompt = response.reprompt?.outputSpeech;
    const remembered: LastAnswer = {
      ssml: speech.ssml,
      ...(reprompt?.type === 'SSML' ? { reprompt: reprompt.ssml } : {}),
    };
    input.attributesManager.setSessionAttributes({
      ...input.attributesManager.getSessionAttributes(),
      [KEY]: remembered,
    });
  },
};

/** The answer remembered in this session, if it is one Pulse stored (attributes come back from Alexa). */
export function lastAnswer(input: HandlerInput): LastAnswer | undefined {
  if (!input.requestEnvelope.session) return undefined;
  const stored: unknown = input.attributesManager.getSessionAttributes()[KEY];
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { ssml, reprompt } = stored as Record<string, unknown>;
  if (typeof ssml !== 'string' || !ssml.startsWith('<speak>')) return undefined;
  return { ssml, ...(typeof reprompt === 'string' ? { reprompt } : {}) };
}
