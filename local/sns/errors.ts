/** The local SNS's errors: those it answers callers with (in SNS's own codes), and its own. */
import { PulseError } from '../../domain/errors';

/**
 * The error codes this emulator answers with. The SDK maps the code in the XML body to its
 * exception class (`NotFound` → NotFoundException, `InvalidParameter` → InvalidParameterException,
 * `ParameterValueInvalid` → InvalidParameterValueException, `InternalError` → InternalErrorException);
 * codes it does not model, such as `InvalidAction`, surface as a plain SNSServiceException.
 */
export type SnsErrorCode =
  | 'InvalidParameter'
  | 'ParameterValueInvalid'
  | 'NotFound'
  | 'InternalError'
  | 'InvalidAction'
  | 'MissingAction';

/** An error SNS reports to the caller in an ErrorResponse document. */
export class SnsError extends PulseError {
  override readonly name = 'SnsError';

  constructor(
    readonly code: SnsErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const invalidParameter = (detail: string): SnsError =>
  new SnsError('InvalidParameter', `Invalid parameter: ${detail}`);

/** What a crash leaves of the attempt that was running: a failed attempt, as a Lambda host failure is. */
export class InterruptedAttemptError extends PulseError {
  override readonly name = 'InterruptedAttemptError';
}

/** A file of the emulator's state (topics, a journaled delivery) that cannot be read: starting without it would lose what it held. */
export class SnsStateFileError extends PulseError {
  override readonly name = 'SnsStateFileError';
}
