/** The last word when a handler fails: a short honest sentence for the user, the cause for the log. */
import type { ErrorHandler } from 'ask-sdk-core';
import { DependencyError } from '../aws/errors';
import { answer } from './answer';
import { logger } from './logger';
import { plainVoiceOf } from './voice';

export const SkillErrorHandler: ErrorHandler = {
  canHandle: () => true,
  handle(input, error) {
    const request = input.requestEnvelope.request;
    logger.error('request failed', {
      requestType: request.type,
      intent: request.type === 'IntentRequest' ? request.intent.name : undefined,
      error,
    });
    // Not the configured voice: the error may be a bad voice setting, and this sentence must play.
    const voice = plainVoiceOf(input);
    // The skill's own dependencies have their own sentence; the others (SNS, Secrets Manager) it never calls.
    const sentence =
      error instanceof DependencyError &&
      (error.dependency === 'dynamodb' || error.dependency === 'iot-data')
        ? voice.t(`errors.${error.dependency}`)
        : voice.t('errors.generic');
    return answer(input, voice, { sentences: [sentence], endSession: true });
  },
};
