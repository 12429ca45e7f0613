/** Requests that take no speech: the session ended, or Alexa reports a bad response of ours. */
import type { RequestHandler } from 'ask-sdk-core';
import type { SessionEndedRequest } from 'ask-sdk-model';
import { logger } from '../logger';
import { isRequestType } from './requests';

export const SessionEndedHandler: RequestHandler = {
  canHandle: (input) => isRequestType(input, 'SessionEndedRequest'),
  handle(input) {
    const request = input.requestEnvelope.request as SessionEndedRequest;
    if (request.reason === 'ERROR') {
      logger.error('session ended with an error', { reason: request.reason, error: request.error });
    } else {
      logger.info('session ended', { reason: request.reason });
    }
    return input.responseBuilder.getResponse();
  },
};

/** Alexa tells us a response of ours was invalid; it accepts no speech in reply, only a log. */
export const ExceptionEncounteredHandler: RequestHandler = {
  canHandle: (input) => isRequestType(input, 'System.ExceptionEncountered'),
  handle(input) {
    const request: unknown = input.requestEnvelope.request;
    logger.error('Alexa reported an exception in our response', {
      request: request as Record<string, unknown>,
    });
    return input.responseBuilder.getResponse();
  },
};
