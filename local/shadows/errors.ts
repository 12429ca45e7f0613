/** The Device Shadow emulator's errors: the rejections the service words (its HTTP status as the code), and its own. */
import { PulseError } from '../../domain/errors';

export type ShadowErrorCode = 400 | 404 | 405 | 409 | 413 | 415 | 429 | 500 | 503;

/** A rejection as the Device Shadow service words it; the HTTP layer turns `code` into the status. */
export class ShadowError extends PulseError {
  override readonly name = 'ShadowError';

  constructor(
    readonly code: ShadowErrorCode,
    message: string,
    readonly clientToken?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The shadows file cannot be read: starting empty would overwrite it on the first change and lose what it held. */
export class ShadowStateFileError extends PulseError {
  override readonly name = 'ShadowStateFileError';
}
