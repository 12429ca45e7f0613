/** The errors of rollups: input that can never be stored, stored items that do not fit, writes that did not happen. */
import { PulseError } from '../../domain/errors';

/** A rollup record that can never be stored, whatever happens next: it is set aside, not retried. */
export class PoisonRecordError extends PulseError {
  override readonly name = 'PoisonRecordError';
}

/** A raw event that no schema accepts. */
export class InvalidEventError extends PulseError {
  override readonly name = 'InvalidEventError';
}

/** A tumbling-window event aggregate cannot have been sent: a state not its own, or no shard to write for. */
export class WindowEventError extends PulseError {
  override readonly name = 'WindowEventError';
}

/** A stored item that does not fit the design: a writer bug, never the user's doing. */
export class CorruptRollupError extends PulseError {
  override readonly name = 'CorruptRollupError';
}

/** Retries ran out while DynamoDB kept refusing for a passing cause: try the record again later. */
export class WriteFailedError extends PulseError {
  override readonly name = 'WriteFailedError';
}

/** DynamoDB refuses this item itself (ValidationException): no retry can ever store it. */
export class ItemRejectedError extends PulseError {
  override readonly name = 'ItemRejectedError';
}

/** A statistics period that cannot be asked: not a time, ending before it starts, or longer than rollups are kept. */
export class InvalidPeriodError extends PulseError {
  override readonly name = 'InvalidPeriodError';

  constructor(
    readonly reason: 'not-a-time' | 'reversed' | 'too-long',
    message: string,
  ) {
    super(message);
  }
}

/** A station the catalog does not know: its time zone, and so its "today" and its hours, are unknown. */
export class UnknownStationError extends PulseError {
  override readonly name = 'UnknownStationError';
}
