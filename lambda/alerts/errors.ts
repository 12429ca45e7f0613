/** The errors of alerts: an alert that cannot be set, a user at the limit, items that do not fit, notifications that could not be sent. */
import { PulseError } from '../../domain/errors';

/** An alert that cannot be set as asked; the message names every problem. */
export class InvalidAlertError extends PulseError {
  override readonly name = 'InvalidAlertError';

  constructor(readonly problems: readonly string[]) {
    super(`the alert cannot be set: ${problems.join('; ')}`);
  }
}

/** The user has as many alerts as one may have. */
export class AlertLimitError extends PulseError {
  override readonly name = 'AlertLimitError';

  constructor(readonly limit: number) {
    super(`a user may have at most ${limit} alerts`);
  }
}

/** A stored alert that does not fit the table design: a writer bug, never the user's doing. */
export class CorruptAlertError extends PulseError {
  override readonly name = 'CorruptAlertError';
}

/** A message on the alerts topic that is not an alert notification. */
export class InvalidNotificationError extends PulseError {
  override readonly name = 'InvalidNotificationError';
}

/** Notifications cannot be sent: the skill's messaging credentials are not configured. */
export class NotificationsNotConfiguredError extends PulseError {
  override readonly name = 'NotificationsNotConfiguredError';
}

/** Login with Amazon or the Proactive Events API refused or failed; `status` is the HTTP status, 0 without an answer. */
export class AlexaApiError extends PulseError {
  override readonly name = 'AlexaApiError';

  constructor(
    readonly api: 'lwa' | 'proactive-events',
    readonly status: number,
    message: string,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}
