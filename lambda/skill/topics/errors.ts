/** The last word when a handler fails: a short honest sentence for the user, the cause for the log. */
import type { ErrorHandler } from 'ask-sdk-core';
import { Speech } from '../../../ssml';
import { DependencyError } from '../../aws/errors';
import { nearestLocale, requestedLocale } from '../conversation';
import { translatorFor } from '../i18n';
import { logger } from '../logger';

export const SkillErrorHandler: ErrorHandler = {
  canHandle: () => true,
  handle(input, error) {
    const request = input.requestEnvelope.request;
    logger.error('request failed', {
      requestType: request.type,
      intent: request.type === 'IntentRequest' ? request.intent.name : undefined,
      error,
    });
    // No voice wrapper here: the error may be a bad voice setting, and this sentence must play.
    const locale = nearestLocale(requestedLocale(input));
    const t = translatorFor(locale);
    const sentence =
      error instanceof DependencyError ? t(`errors.${error.dependency}`) : t('errors.generic');
    const speech = new Speech({ locale, voice: null }).sentence(sentence).toSsml();
    return input.responseBuilder.speak(speech).withShouldEndSession(true).getResponse();
  },
};
