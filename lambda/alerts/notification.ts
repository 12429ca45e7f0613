/** The alert notification on the alerts topic: made from a firing alert, read back by its subscribers (notify, e-mail, ops). */
import { isLocale } from '../../domain/locales';
import { isAlertDirection, isSensorType } from '../../domain/vocabulary';
import { InvalidNotificationError } from './errors';
import type { Alert, AlertNotification, AlertSubject } from './types';

/**
 * A notification's name, the same for every delivery of one firing: its Proactive Events
 * referenceId, which Amazon takes as alphanumerics and '~' (1–100), unique per user. The alert's
 * number and creation time tell a new alert from a deleted one that had its number.
 */
export function referenceIdOf(alert: Pick<Alert, 'alertId' | 'createdAt'>, firing: number): string {
  return `pulse~${alert.alertId}~${alert.createdAt.toString(36)}~${firing}`;
}

/** The notification of the alert's latest firing; undefined when it has not fired. */
export function notificationOf(alert: Alert): AlertNotification | undefined {
  const firing = alert.lastFiring;
  if (!firing) return undefined;
  return {
    type: 'AlertFired',
    version: 1,
    userId: alert.userId,
    alertId: alert.alertId,
    firing: firing.number,
    referenceId: referenceIdOf(alert, firing.number),
    locale: alert.locale,
    subject: alert.subject,
    direction: alert.direction,
    threshold: alert.threshold,
    value: firing.value,
    windowTime: firing.windowTime,
    firedAt: firing.at,
  };
}

/** One line for an e-mail subject or an ops log (SNS takes up to 100 characters). */
export function summaryOf(notification: AlertNotification): string {
  const what =
    notification.subject.kind === 'players'
      ? 'players online'
      : `${notification.subject.sensor} at ${notification.subject.stationId}`;
  return `Pulse alert: ${what} ${notification.value} is ${notification.direction} ${notification.threshold}`.slice(
    0,
    100,
  );
}

const REFERENCE_ID = /^[A-Za-z0-9~]{1,100}$/;

/** Reads a message of the alerts topic; anything else is an InvalidNotificationError naming why. */
export function parseNotification(message: string): AlertNotification {
  let json: unknown;
  try {
    json = JSON.parse(message);
  } catch {
    throw new InvalidNotificationError(`not JSON: ${JSON.stringify(message.slice(0, 80))}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new InvalidNotificationError('not a JSON object');
  const n = json as Record<string, unknown>;
  const problems: string[] = [];
  const finite = (name: string) => {
    if (typeof n[name] !== 'number' || !Number.isFinite(n[name]))
      problems.push(`${name} is not a number`);
  };
  if (n.type !== 'AlertFired' || n.version !== 1)
    problems.push('not an AlertFired notification, version 1');
  for (const name of ['userId', 'alertId'])
    if (typeof n[name] !== 'string' || n[name] === '') problems.push(`${name} is missing`);
  if (typeof n.referenceId !== 'string' || !REFERENCE_ID.test(n.referenceId))
    problems.push('referenceId is not 1-100 alphanumerics and ~');
  if (!isLocale(n.locale))
    problems.push(`locale ${JSON.stringify(n.locale)} is not one Pulse speaks`);
  if (!isAlertDirection(n.direction)) problems.push('direction is not above or below');
  for (const name of ['firing', 'threshold', 'value', 'windowTime', 'firedAt']) finite(name);
  const subject = n.subject as Partial<Record<string, unknown>> | undefined;
  let parsedSubject: AlertSubject | undefined;
  if (subject?.kind === 'players') parsedSubject = { kind: 'players' };
  else if (
    subject?.kind === 'sensor' &&
    typeof subject.stationId === 'string' &&
    subject.stationId !== '' &&
    isSensorType(subject.sensor)
  )
    parsedSubject = { kind: 'sensor', stationId: subject.stationId, sensor: subject.sensor };
  else problems.push('subject is neither the players nor a sensor type at a station');
  if (problems.length > 0 || !parsedSubject)
    throw new InvalidNotificationError(`not an alert notification: ${problems.join('; ')}`);
  return { ...(n as unknown as AlertNotification), subject: parsedSubject };
}
