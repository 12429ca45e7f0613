/** The error the voice model's generator throws. */
import { PulseError } from '../domain/errors';

/** A locale's voice text that would build a model ASK refuses; lists every problem the linter found. */
export class InteractionModelError extends PulseError {
  override readonly name = 'InteractionModelError';

  constructor(
    readonly locale: string,
    readonly problems: readonly string[],
  ) {
    super(`interaction model ${locale} is invalid:\n  ${problems.join('\n  ')}`);
  }
}

/** A sample template that does not parse: a choice never closed, a bracket that closes nothing. */
export class TemplateError extends PulseError {
  override readonly name = 'TemplateError';

  constructor(
    readonly template: string,
    problem: string,
  ) {
    super(`sample template "${template}": ${problem}`);
  }
}
