/** The skill's own errors. */
import { PulseError } from '../../domain/errors';

/** A request envelope that is not what Alexa sends; names every problem found. */
export class MalformedRequestError extends PulseError {
  override readonly name = 'MalformedRequestError';

  constructor(readonly issues: readonly string[]) {
    super(`malformed Alexa request envelope: ${issues.join('; ')}`);
  }
}

/** A message key a locale has no words for: a gap in the i18n tables, never the user's doing. */
export class MissingTextError extends PulseError {
  override readonly name = 'MissingTextError';

  constructor(
    readonly locale: string,
    readonly key: string,
  ) {
    super(`no ${locale} text for "${key}"`);
  }
}
