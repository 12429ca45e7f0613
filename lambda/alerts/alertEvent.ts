/**
 * A firing alert as a Proactive Events request: Amazon's AMAZON.MessageAlert.Activated schema (no
 * free text: the user hears "you have a new urgent message from <creator>" when they ask for their
 * notifications), the creator's name saying the alert in the alert's locale, for the one user who
 * set it.
 */
import { stationCatalog, type StationCatalog } from '../../domain/catalog';
import { ALERT_EVENT_NAME } from '../../domain/notifications';
import type { Locale } from '../../domain/locales';
import { saidName } from '../../domain/spokenNames';
import { formatNumber } from '../../ssml/numbers';
import type { ProactiveEvent } from './proactiveEvents';
import type { AlertNotification } from './types';

export const MESSAGE_ALERT_EVENT = ALERT_EVENT_NAME;

const WORDS: Readonly<
  Record<
    Locale,
    {
      readonly skill: string;
      readonly above: string;
      readonly below: string;
      readonly players: string;
      readonly at: string;
    }
  >
> = {
  'en-US': {
    skill: 'Live Pulse',
    above: 'above',
    below: 'below',
    players: 'players online',
    at: 'at',
  },
  'en-GB': {
    skill: 'Live Pulse',
    above: 'above',
    below: 'below',
    players: 'players online',
    at: 'at',
  },
  'de-DE': {
    skill: 'Live Puls',
    above: 'über',
    below: 'unter',
    players: 'Spieler online',
    at: 'in',
  },
};

/**
 * What the alert says, as the message's creator: "Live Pulse: temperature at Berlin Central 21.5,
 * above 20", "Live Puls: 90 Spieler online, unter 100".
 */
export function alertMessage(
  notification: AlertNotification,
  catalog: StationCatalog = stationCatalog,
): string {
  const { locale, subject } = notification;
  const words = WORDS[locale];
  const number = (value: number) => formatNumber(locale, value, { maximumFractionDigits: 1 });
  const crossed = `${words[notification.direction]} ${number(notification.threshold)}`;
  if (subject.kind === 'players')
    return `${words.skill}: ${number(notification.value)} ${words.players}, ${crossed}`;
  const station = catalog.byId(subject.stationId)?.names[locale].name ?? subject.stationId;
  const sensor = saidName(locale, 'sensorTypes', subject.sensor);
  return `${words.skill}: ${sensor} ${words.at} ${station} ${number(notification.value)}, ${crossed}`;
}

/** The Proactive Events request for a firing alert, stamped `now` and valid for `expiryMinutes` (5 to 1440). */
export function alertEvent(
  notification: AlertNotification,
  now: number,
  expiryMinutes: number,
  catalog?: StationCatalog,
): ProactiveEvent {
  return {
    timestamp: new Date(now).toISOString(),
    referenceId: notification.referenceId,
    expiryTime: new Date(now + expiryMinutes * 60_000).toISOString(),
    event: {
      name: MESSAGE_ALERT_EVENT,
      payload: {
        state: { status: 'UNREAD', freshness: 'NEW' },
        messageGroup: {
          creator: { name: alertMessage(notification, catalog) },
          count: 1,
          urgency: 'URGENT',
        },
      },
    },
    // The schema's creator name is not one of its localizable attributes: the message is worded
    // in the locale the alert was set in.
    localizedAttributes: [],
    relevantAudience: { type: 'Unicast', payload: { user: notification.userId } },
  };
}
