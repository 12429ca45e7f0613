/** The errors of the local stack's shared parts: the Lambda context it hands out, and the stack itself. */
import { PulseError } from '../domain/errors';

/** A Lambda context method the local stack does not offer (the callback-style `done`, `fail`, `succeed`). */
export class UnsupportedLocallyError extends PulseError {
  override readonly name = 'UnsupportedLocallyError';
}

/** The render dead-letter reader left letters unhandled: the local SNS offers them again. */
export class DeadLettersPendingError extends PulseError {
  override readonly name = 'DeadLettersPendingError';
}
