/** The errors of the command-line tools: a command used wrongly, and a simulator that did not answer with a turn. */
import { PulseError } from '../../domain/errors';

/** The command was given what it cannot use: a missing value, an unknown locale, a file that is not a replay. */
export class UsageError extends PulseError {
  override readonly name = 'UsageError';
}

/** The stack's simulator refused the words or answered with something that is not a turn. */
export class SimulatorError extends PulseError {
  override readonly name = 'SimulatorError';
}
