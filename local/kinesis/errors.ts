/** The errors of the local Kinesis streams. */
import { PulseError } from '../../domain/errors';

/** A stream did not become ACTIVE in time (or went away while waited on). */
export class StreamNotActiveError extends PulseError {
  override readonly name = 'StreamNotActiveError';
}
