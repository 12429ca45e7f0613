/**
 * The alert item in DynamoDB and its conversions, checked with plain guards: the skill imports
 * this, and its cold start pays for every schema library it loads.
 */
import { isLocale } from '../../domain/locales';
import { isAlertDirection, isSensorType } from '../../domain/vocabulary';
import { CorruptAlertError } from './errors';
import { subjectKey } from './table';
import type { Alert, AlertState, AlertSubject } from './types';

export type AlertItem = Record<string, string | number>;

const isState = (value: unknown): value is AlertState => value === 'armed' || value === 'firing';

export function alertToItem(alert: Alert): AlertItem {
  const { subject, lastFiring } = alert;
  return {
    userId: alert.userId,
    alertId: alert.alertId,
    subject: subjectKey(subject),
    kind: subject.kind,
    ...(subject.kind === 'sensor' && { stationId: subject.stationId, sensor: subject.sensor }),
    direction: alert.direction,
    threshold: alert.threshold,
    rearmMargin: alert.rearmMargin,
    locale: alert.locale,
    createdAt: alert.createdAt,
    updatedAt: alert.updatedAt,
    state: alert.state,
    version: alert.version,
    firings: alert.firings,
    ...(lastFiring && {
      firedNumber: lastFiring.number,
      firedValue: lastFiring.value,
      firedWindowTime: lastFiring.windowTime,
      firedAt: lastFiring.at,
    }),
    ...(alert.judgedWindowTime !== undefined && { judgedWindowTime: alert.judgedWindowTime }),
    ...(alert.pendingNotification !== undefined && {
      pendingNotification: alert.pendingNotification,
    }),
    ...(alert.notifyingUntil !== undefined && { notifyingUntil: alert.notifyingUntil }),
  };
}

/** Reads an item back; whatever does not fit the design is a CorruptAlertError naming it. */
export function itemToAlert(item: Record<string, unknown>): Alert {
  const problems: string[] = [];
  const text = (name: string): string => {
    const value = item[name];
    if (typeof value === 'string' && value.length > 0) return value;
    problems.push(`${name} is ${JSON.stringify(value)}, not a text`);
    return '';
  };
  const number = (name: string): number => {
    const value = item[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    problems.push(`${name} is ${JSON.stringify(value)}, not a number`);
    return 0;
  };
  const optionalNumber = (name: string): number | undefined =>
    item[name] === undefined ? undefined : number(name);

  let subject: AlertSubject = { kind: 'players' };
  if (item.kind === 'sensor') {
    const stationId = text('stationId');
    const sensor = item.sensor;
    if (!isSensorType(sensor)) problems.push(`sensor is ${JSON.stringify(sensor)}`);
    else subject = { kind: 'sensor', stationId, sensor };
  } else if (item.kind !== 'players') {
    problems.push(`kind is ${JSON.stringify(item.kind)}`);
  }
  const { direction, locale, state } = item;
  if (!isAlertDirection(direction)) problems.push(`direction is ${JSON.stringify(direction)}`);
  if (!isLocale(locale)) problems.push(`locale is ${JSON.stringify(locale)}`);
  if (!isState(state)) problems.push(`state is ${JSON.stringify(state)}`);
  const firedNumber = optionalNumber('firedNumber');
  const judgedWindowTime = optionalNumber('judgedWindowTime');
  const pendingNotification = optionalNumber('pendingNotification');
  const notifyingUntil = optionalNumber('notifyingUntil');
  const alert = {
    userId: text('userId'),
    alertId: text('alertId'),
    subject,
    direction,
    threshold: number('threshold'),
    rearmMargin: number('rearmMargin'),
    locale,
    createdAt: number('createdAt'),
    updatedAt: number('updatedAt'),
    state,
    version: number('version'),
    firings: number('firings'),
    ...(firedNumber !== undefined && {
      lastFiring: {
        number: firedNumber,
        value: number('firedValue'),
        windowTime: number('firedWindowTime'),
        at: number('firedAt'),
      },
    }),
    ...(judgedWindowTime !== undefined && { judgedWindowTime }),
    ...(pendingNotification !== undefined && { pendingNotification }),
    ...(notifyingUntil !== undefined && { notifyingUntil }),
  };
  if (problems.length > 0)
    throw new CorruptAlertError(`alert item does not fit the table design: ${problems.join('; ')}`);
  return alert as Alert;
}
