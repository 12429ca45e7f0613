/** The errors of the local event source mapping: checkpoints, drains, records, and invocations that failed. */
import { PulseError } from '../../../domain/errors';

/** A checkpoint file that cannot be read, or that belongs to another stream: starting over would replay or skip it. */
export class CheckpointFileError extends PulseError {
  override readonly name = 'CheckpointFileError';
}

/** A drain that did not finish: the time ran out, or the mapping was stopped. */
export class DrainError extends PulseError {
  override readonly name = 'DrainError';
}

/** GetRecords handed back a record without one of the fields every Kinesis record has. */
export class IncompleteRecordError extends PulseError {
  override readonly name = 'IncompleteRecordError';
}

/**
 * Why Lambda counts an invocation as failed although the handler returned: a batch item failure,
 * or a response that breaks the contract (no state for a window, an unknown item identifier).
 */
export class InvocationError extends PulseError {
  override readonly name = 'InvocationError';
}
