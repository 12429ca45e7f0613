/** The errors of the local NLU: a model it cannot train from, a locale it has no language for, words it cannot take. */
import { PulseError } from '../../domain/errors';

/** Base of every error the NLU throws on purpose, so a caller can tell them apart from bugs. */
export class NluError extends PulseError {
  override readonly name: string = 'NluError';
}

/** The interaction model document is not one the NLU can train from; lists every problem. */
export class InvalidModelError extends NluError {
  override readonly name = 'InvalidModelError';

  constructor(readonly issues: readonly string[]) {
    super(`Invalid interaction model: ${issues.join('; ')}`);
  }
}

/** The locale is not one the NLU has language data for. */
export class UnsupportedLocaleError extends NluError {
  override readonly name = 'UnsupportedLocaleError';

  constructor(
    readonly locale: unknown,
    readonly supported: readonly string[],
  ) {
    super(`Unsupported locale ${JSON.stringify(locale)}: expected one of ${supported.join(', ')}`);
  }
}

/** The utterance cannot be understood at all (not a string, or nothing left after cleaning). */
export class InvalidUtteranceError extends NluError {
  override readonly name = 'InvalidUtteranceError';
}

/** Slot elicitation names an intent or slot the model does not have. */
export class UnknownSlotError extends NluError {
  override readonly name = 'UnknownSlotError';
}
