/** The Alexa APIs emulator's errors: refusals as Login with Amazon and the Proactive Events API word them, and its own. */
import { PulseError } from '../../domain/errors';

/**
 * A Login with Amazon refusal, in OAuth 2.0's error response (RFC 6749, 5.2): 400 for a request
 * it cannot read, an unsupported grant or scope; 401 for a client it does not know.
 */
export class LwaError extends PulseError {
  override readonly name = 'LwaError';

  constructor(
    readonly status: 400 | 401,
    readonly error:
      | 'invalid_request'
      | 'invalid_client'
      | 'unsupported_grant_type'
      | 'invalid_scope'
      | 'unauthorized_client',
    message: string,
  ) {
    super(message);
  }
}

export type ProactiveEventsErrorCode =
  | 'INVALID_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'DUPLICATE_REFERENCE_ID'
  | 'TOO_MANY_REQUESTS'
  | 'NOTIFICATION_LIMIT_EXCEEDED'
  | 'INTERNAL_SERVER_ERROR';

/** A Proactive Events API refusal: its status, and a body of `{"code", "message"}`. */
export class ProactiveEventsError extends PulseError {
  override readonly name = 'ProactiveEventsError';

  constructor(
    readonly status: number,
    readonly code: ProactiveEventsErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The file of accepted notifications cannot be read: starting empty would lose what it held. */
export class NotificationsFileError extends PulseError {
  override readonly name = 'NotificationsFileError';
}
