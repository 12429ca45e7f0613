/**
 * The checks the Proactive Events API makes of a request body (CreateProactiveEventRequest), as
 * Amazon's reference describes them: ISO 8601 `timestamp` and `expiryTime`, the expiry from five
 * minutes to 24 hours after the timestamp and not past; a `referenceId` of 1 to 100 characters;
 * an event of one of Amazon's schemas (no free text), which the skill declares in its manifest,
 * with the payload its schema requires (AMAZON.MessageAlert.Activated checked field by field);
 * localized attributes for every `localizedattribute:` the payload names; and a Unicast audience
 * naming a user, or a Multicast one with an empty payload.
 */
import { ProactiveEventsError } from './errors';

/** Amazon's proactive event schemas (its "Schemas for Proactive Events" catalog). */
export const AMAZON_EVENT_SCHEMAS = [
  'AMAZON.WeatherAlert.Activated',
  'AMAZON.SportsEvent.Updated',
  'AMAZON.MessageAlert.Activated',
  'AMAZON.OrderStatus.Updated',
  'AMAZON.Occasion.Updated',
  'AMAZON.TrashCollectionAlert.Activated',
  'AMAZON.MediaContent.Available',
  'AMAZON.SocialGameInvite.Available',
] as const;

const MIN_EXPIRY_MS = 5 * 60_000;
const MAX_EXPIRY_MS = 24 * 3_600_000;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/**
 * Amazon's reference allows alphanumerics and '~'; its own examples use hyphens too
 * ("unique-id-of-this-event-instance-abc123fg"), which are taken as well.
 */
const REFERENCE_ID = /^[A-Za-z0-9~-]{1,100}$/;
const LOCALE = /^[a-z]{2}-[A-Z]{2}$/;
const LOCALIZED_ATTRIBUTE = /^localizedattribute:(.+)$/;

export interface CheckedEvent {
  readonly referenceId: string;
  readonly eventName: string;
  /** The Unicast user, or undefined for a Multicast event. */
  readonly user: string | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function invalid(message: string): never {
  throw new ProactiveEventsError(400, 'INVALID_REQUEST', message);
}

function time(body: Json, name: string): number {
  const value = body[name];
  if (value === undefined) invalid(`${name} is required`);
  if (typeof value !== 'string' || !ISO_8601.test(value) || Number.isNaN(Date.parse(value)))
    invalid(`${name} must be an ISO 8601 date and time, not ${JSON.stringify(value)}`);
  return Date.parse(value);
}

function oneOf(value: unknown, allowed: readonly string[], path: string, required = true): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || !allowed.includes(value))
    invalid(`${path} must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
}

/** AMAZON.MessageAlert.Activated: state.status (freshness), messageGroup.creator.name, count (urgency). */
function checkMessageAlert(payload: Json): void {
  const { state, messageGroup } = payload;
  if (!isObject(state)) invalid('event.payload.state is required');
  oneOf(state.status, ['UNREAD', 'FLAGGED'], 'event.payload.state.status');
  oneOf(state.freshness, ['NEW', 'OVERDUE'], 'event.payload.state.freshness', false);
  if (!isObject(messageGroup)) invalid('event.payload.messageGroup is required');
  const { creator, count, urgency } = messageGroup;
  if (!isObject(creator) || typeof creator.name !== 'string' || creator.name.trim() === '')
    invalid('event.payload.messageGroup.creator.name is required');
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
    invalid(
      `event.payload.messageGroup.count must be a whole number of 1 or more, not ${JSON.stringify(count)}`,
    );
  oneOf(urgency, ['URGENT'], 'event.payload.messageGroup.urgency', false);
}

/** Every `localizedattribute:<name>` the payload refers to. */
function localizedNames(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const match = LOCALIZED_ATTRIBUTE.exec(value);
    if (match) found.add(match[1]!);
  } else if (Array.isArray(value)) {
    for (const item of value) localizedNames(item, found);
  } else if (isObject(value)) {
    for (const item of Object.values(value)) localizedNames(item, found);
  }
  return found;
}

/**
 * Checks a request body; returns what the service keys it by, or throws ProactiveEventsError
 * (400, or 403 for a schema the skill does not publish). `now` is when it was received.
 */
export function checkEvent(
  body: unknown,
  publications: readonly string[],
  now: number,
): CheckedEvent {
  if (!isObject(body)) invalid('the request body must be a JSON object');
  const timestamp = time(body, 'timestamp');
  const expiry = time(body, 'expiryTime');
  if (expiry - timestamp < MIN_EXPIRY_MS)
    invalid('expiryTime must be at least 5 minutes after timestamp');
  if (expiry - timestamp > MAX_EXPIRY_MS)
    invalid('expiryTime must be at most 24 hours after timestamp');
  if (expiry <= now) invalid('expiryTime has passed');
  const { referenceId, event, localizedAttributes, relevantAudience } = body;
  if (referenceId === undefined) invalid('referenceId is required');
  if (typeof referenceId !== 'string' || !REFERENCE_ID.test(referenceId))
    invalid(
      `referenceId must be 1 to 100 alphanumeric characters (and ~), not ${JSON.stringify(referenceId)}`,
    );

  if (!isObject(event)) invalid('event is required');
  const { name, payload } = event;
  if (typeof name !== 'string' || !(AMAZON_EVENT_SCHEMAS as readonly string[]).includes(name))
    invalid(
      `event.name must be one of Amazon's schemas (${AMAZON_EVENT_SCHEMAS.join(', ')}), not ${JSON.stringify(name)}`,
    );
  if (!publications.includes(name))
    throw new ProactiveEventsError(
      403,
      'FORBIDDEN',
      `the skill does not publish ${name}: add it to events.publications in its manifest`,
    );
  if (!isObject(payload)) invalid('event.payload is required');
  if (name === 'AMAZON.MessageAlert.Activated') checkMessageAlert(payload);

  if (localizedAttributes !== undefined) {
    if (!Array.isArray(localizedAttributes))
      invalid('localizedAttributes must be an array of one object per locale');
    const locales = new Set<string>();
    for (const entry of localizedAttributes as unknown[]) {
      if (!isObject(entry) || typeof entry.locale !== 'string' || !LOCALE.test(entry.locale))
        invalid('each entry of localizedAttributes needs a locale such as "en-US"');
      if (locales.has(entry.locale)) invalid(`localizedAttributes names ${entry.locale} twice`);
      locales.add(entry.locale);
    }
    const needed = localizedNames(payload);
    if (needed.size > 0 && localizedAttributes.length === 0)
      invalid(`localizedAttributes must define ${[...needed].join(', ')}`);
    for (const entry of localizedAttributes as Json[])
      for (const attribute of needed)
        if (typeof entry[attribute] !== 'string')
          invalid(`localizedAttributes for ${String(entry.locale)} must define ${attribute}`);
  } else if (localizedNames(payload).size > 0) {
    invalid('the payload refers to localized attributes, but localizedAttributes is missing');
  }

  if (!isObject(relevantAudience)) invalid('relevantAudience is required');
  const audience = relevantAudience;
  if (audience.type === 'Unicast') {
    const user = isObject(audience.payload) ? audience.payload.user : undefined;
    if (typeof user !== 'string' || user.trim() === '')
      invalid('relevantAudience.payload.user is required for a Unicast event');
    return { referenceId, eventName: name, user };
  }
  if (audience.type === 'Multicast') {
    if (!isObject(audience.payload) || Object.keys(audience.payload).length > 0)
      invalid('relevantAudience.payload must be an empty object for a Multicast event');
    return { referenceId, eventName: name, user: undefined };
  }
  return invalid(
    `relevantAudience.type must be Unicast or Multicast, not ${JSON.stringify(audience.type)}`,
  );
}
