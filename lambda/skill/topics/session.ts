/** Requests that take no speech: the session ended, or Alexa reports a bad response of ours. */
import { getRequest, type RequestHandler } from 'ask-sdk-core';
import type { SessionEndedRequest } from 'ask-sdk-model';
import { answer } from '../answer';
import { logger } from '../logger';
import { isRequestType } from '../request/requests';
import type { SkillDependencies } from '../services';

export function sessionHandlers({ voiceOf }: Pick<SkillDependencies, 'voiceOf'>): RequestHandler[] {
  const SessionEnded: RequestHandler = {
    canHandle: (input) => isRequestType(input, 'SessionEndedRequest'),
    handle(input) {
      const request = getRequest<SessionEndedRequest>(input.requestEnvelope);
      if (request.reason === 'ERROR') {
        logger.error('session ended with an error', {
          reason: request.reason,
          error: request.error,
        });
      } else {
        logger.info('session ended', { reason: request.reason });
      }
      return answer(input, voiceOf(input), {});
    },
  };

  /** Alexa tells us a response of ours was invalid; it accepts no speech in reply, only a log. */
  const ExceptionEncountered: RequestHandler = {
    canHandle: (input) => isRequestType(input, 'System.ExceptionEncountered'),
    handle(input) {
      const request: unknown = input.requestEnvelope.request;
      logger.error('Alexa reported an exception in our response', {
        request: request as Record<string, unknown>,
      });
      return answer(input, voiceOf(input), {});
    },
  };

  return [SessionEnded, ExceptionEncountered];
}
