/** The errors of the command-line tools: a command used wrongly, and a skill that did not answer. */
import { PulseError } from '../../domain/errors';

/** The command was given what it cannot use: a missing value, an unknown locale, a file that is not a replay. */
export class UsageError extends PulseError {
  override readonly name = 'UsageError';
}

/** The skill endpoint answered with an HTTP error instead of a response envelope. */
export class SkillEndpointError extends PulseError {
  override readonly name = 'SkillEndpointError';
}
