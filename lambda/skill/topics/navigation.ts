/** The built-in intents every skill answers: help, stop, cancel, fallback, navigate home. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent } from '../../../domain/names';
import { answer } from '../answer';
import { conversationOf } from '../conversation';
import { isIntent } from './requests';

export const HelpHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.Help),
  handle(input) {
    const conversation = conversationOf(input);
    const { t } = conversation;
    const speech = conversation.speech().sentence(t('help.speech')).toSsml();
    const reprompt = conversation.speech().sentence(t('help.reprompt')).toSsml();
    return input.responseBuilder
      .speak(speech)
      .reprompt(reprompt)
      .withShouldEndSession(false)
      .getResponse();
  },
};

export const StopHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.Stop, Intent.Cancel),
  handle(input) {
    const conversation = conversationOf(input);
    const speech = conversation.speech().sentence(conversation.t('goodbye')).toSsml();
    return input.responseBuilder.speak(speech).withShouldEndSession(true).getResponse();
  },
};

/** Home on a screen device: leave quietly, as the user asked to go elsewhere. */
export const NavigateHomeHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.NavigateHome),
  handle: (input) => input.responseBuilder.withShouldEndSession(true).getResponse(),
};

export const FallbackHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.Fallback),
  handle(input) {
    const conversation = conversationOf(input);
    return answer(input, conversation, {
      sentences: [],
      question: conversation.t('fallback.speech'),
    });
  },
};
