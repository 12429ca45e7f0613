/**
 * A user's notification subscription, kept in the alerts table beside the user's alerts (sort key
 * SUBSCRIPTION_ITEM_ID): the skill writes it when Alexa reports a change
 * (AlexaSkillEvent.ProactiveSubscriptionChanged), notify reads it before it sends a user anything.
 * Only the read is here, so that notify bundles no other call on the table.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withDeadline } from '../aws/deadline';
import { CorruptAlertError } from './errors';
import { ALERTS_TABLE, SUBSCRIPTION_ITEM_ID } from './table';
import type { NotificationSubscription } from './types';

/** The key of a user's subscription item. */
export function subscriptionKey(userId: string): Record<string, string> {
  return {
    [ALERTS_TABLE.partitionKey.name]: userId,
    [ALERTS_TABLE.sortKey.name]: SUBSCRIPTION_ITEM_ID,
  };
}

/** A subscription item read back; an item of another shape is a CorruptAlertError naming it. */
export function itemToSubscription(item: Record<string, unknown>): NotificationSubscription {
  const { userId, events, updatedAt } = item;
  if (
    typeof userId !== 'string' ||
    !Array.isArray(events) ||
    !events.every((event) => typeof event === 'string') ||
    typeof updatedAt !== 'number'
  )
    throw new CorruptAlertError(
      `subscription item does not fit the table design: ${JSON.stringify(item).slice(0, 200)}`,
    );
  return { userId, events: events as string[], updatedAt };
}

/** Reads a user's subscription (consistently: one just written is there), or undefined when there is none. */
export async function readSubscription(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  timeoutMs: number,
): Promise<NotificationSubscription | undefined> {
  const { Item } = await withDeadline(
    'dynamodb',
    'GetItem subscription',
    timeoutMs,
    (abortSignal) =>
      client.send(
        new GetCommand({
          TableName: tableName,
          Key: subscriptionKey(userId),
          ConsistentRead: true,
        }),
        { abortSignal },
      ),
  );
  return Item ? itemToSubscription(Item) : undefined;
}

/** Whether the user takes this event: Alexa delivers to a user only the events they subscribed to. */
export function isSubscribedTo(
  subscription: NotificationSubscription | undefined,
  eventName: string,
): boolean {
  return subscription?.events.includes(eventName) ?? false;
}
