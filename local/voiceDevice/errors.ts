/** The simulated Echo's errors: options it cannot be built from, a session that is not open or is in another locale, words it cannot take. */
import { PulseError } from '../../domain/errors';

/** The Echo cannot be built from the options given; lists every problem. */
export class InvalidEchoOptionsError extends PulseError {
  override readonly name = 'InvalidEchoOptionsError';

  constructor(readonly issues: readonly string[]) {
    super(`Invalid simulated Echo options: ${issues.join('; ')}`);
  }
}

/** No session with this id is open (it ended, or never began). */
export class SessionNotOpenError extends PulseError {
  override readonly name = 'SessionNotOpenError';

  constructor(readonly sessionId: unknown) {
    super(`No session ${JSON.stringify(sessionId)} is open: it ended or never began`);
  }
}

/** A session goes on in the locale it began in. */
export class SessionLocaleMismatchError extends PulseError {
  override readonly name = 'SessionLocaleMismatchError';

  constructor(
    readonly sessionId: string,
    readonly sessionLocale: string,
    readonly locale: string,
  ) {
    super(`Session ${sessionId} is in ${sessionLocale}; it cannot go on in ${locale}`);
  }
}

/** What the user said cannot be heard: empty, too long, or a session id that is no id. */
export class InvalidSpeechError extends PulseError {
  override readonly name = 'InvalidSpeechError';
}

/** The Echo does not speak this locale. */
export class EchoLocaleError extends PulseError {
  override readonly name = 'EchoLocaleError';

  constructor(
    readonly locale: unknown,
    readonly locales: readonly string[],
  ) {
    super(`The simulated Echo speaks ${locales.join(', ')}, not ${JSON.stringify(locale)}`);
  }
}
