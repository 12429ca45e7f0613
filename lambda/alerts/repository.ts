/**
 * The alerts of Alexa users in DynamoDB: set one (within a per-user limit), list a user's, delete
 * one, a station's or all, list every alert on a subject, and change an alert's state only on the
 * version it was judged on. Every call gives up at its deadline.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { StationCatalog } from '../../domain/catalog';
import { isLocale } from '../../domain/locales';
import { isAlertDirection, isSensorType } from '../../domain/vocabulary';
import { withDeadline } from '../aws/deadline';
import { everyPage } from '../aws/queryPages';
import { AlertLimitError, InvalidAlertError } from './errors';
import { defaultRearmMargin } from './hysteresis';
import { alertToItem, itemToAlert } from './items';
import { readSubscription, subscriptionKey } from './subscriptions';
import { ALERTS_TABLE, SUBSCRIPTION_ITEM_ID, subjectKey } from './table';
import type { Alert, AlertSubject, NewAlert, NotificationSubscription } from './types';

export interface AlertRepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Each call's deadline. */
  readonly timeoutMs: number;
  /** Alerts one user may have (PULSE_ALERTS_PER_USER, 10). */
  readonly maxPerUser?: number;
  /** When given, an alert must name one of its stations and a sensor type the station has. */
  readonly catalog?: StationCatalog;
  readonly now?: () => number;
}

/** A change of state, judged on the reading of one window. */
export type StateChange =
  | { readonly to: 'firing'; readonly value: number; readonly windowTime: number }
  | { readonly to: 'armed'; readonly windowTime: number };

export interface AlertRepository {
  /**
   * Stores a new alert armed, or finds the same one (subject, direction and threshold) the user
   * already has. Throws InvalidAlertError for an alert that cannot be set, AlertLimitError at the
   * limit.
   */
  create(alert: NewAlert): Promise<{ readonly alert: Alert; readonly created: boolean }>;
  /** The user's alerts, oldest first (read consistently: an alert just set is there). */
  listForUser(userId: string): Promise<Alert[]>;
  get(userId: string, alertId: string): Promise<Alert | undefined>;
  /** Deletes one alert; the alert deleted, or undefined when there was none. */
  delete(userId: string, alertId: string): Promise<Alert | undefined>;
  /** Deletes the user's alerts on any sensor of the station; the alerts deleted. */
  deleteForStation(userId: string, stationId: string): Promise<Alert[]>;
  /** Deletes every alert of the user; the alerts deleted. */
  deleteAll(userId: string): Promise<Alert[]>;
  /** Every alert on the subject, whoever set it, from the index (eventually consistent). */
  listBySubject(subject: AlertSubject): Promise<Alert[]>;
  /** Changes the state if the alert is still at `alert.version`; undefined when it was not (read it again). */
  transition(alert: Alert, change: StateChange): Promise<Alert | undefined>;
  /**
   * Takes the firing's pending notification to publish it, unless another evaluation holds it
   * (until its `notifyingUntil`); the alert as taken, or undefined.
   */
  claimPendingNotification(alert: Alert, firing: number): Promise<Alert | undefined>;
  /** Lets go of a pending notification that could not be published: the next evaluation takes it. */
  releasePendingNotification(alert: Alert, firing: number): Promise<void>;
  /** Marks the firing's notification as published (no-op if another evaluation did so first). */
  clearPendingNotification(alert: Alert, firing: number): Promise<void>;
  /** The user's notification subscription, or undefined when the user has none (or turned it off). */
  subscription(userId: string): Promise<NotificationSubscription | undefined>;
  /**
   * Keeps the events the user subscribed to, as an AlexaSkillEvent.ProactiveSubscriptionChanged
   * request gives them; none clears the subscription. The alerts are kept either way.
   */
  setSubscription(userId: string, events: readonly string[]): Promise<void>;
}

/** How long an evaluation holds a pending notification to publish it: longer than any evaluation's budget. */
export const NOTIFY_LEASE_MS = 30_000;

/** What a way in (the skill, the MCP server) does with a user's alerts: everything but evaluation's state changes. */
export type UserAlerts = Pick<
  AlertRepository,
  | 'create'
  | 'listForUser'
  | 'get'
  | 'delete'
  | 'deleteForStation'
  | 'deleteAll'
  | 'subscription'
  | 'setSubscription'
>;

export const DEFAULT_ALERTS_PER_USER = 10;
/** A user ID Alexa sends is a few hundred characters; DynamoDB keys take 2 KB. */
const MAX_USER_ID_LENGTH = 1024;
/** Attempts at a free slot when another request of the same user takes it first. */
const CREATE_ATTEMPTS = 3;

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error instanceof Error && error.name === 'ConditionalCheckFailedException');

function sameRule(alert: Alert, wanted: NewAlert): boolean {
  return (
    subjectKey(alert.subject) === subjectKey(wanted.subject) &&
    alert.direction === wanted.direction &&
    alert.threshold === wanted.threshold
  );
}

/** Every problem with a new alert, in words a log or an MCP client can show. */
export function problemsOf(alert: NewAlert, catalog?: StationCatalog): string[] {
  const problems: string[] = [];
  const { userId, subject, direction, threshold, rearmMargin, locale } = alert;
  if (typeof userId !== 'string' || userId.trim() === '' || userId.length > MAX_USER_ID_LENGTH)
    problems.push('userId must be the Alexa user ID');
  if (!isAlertDirection(direction))
    problems.push(`direction must be "above" or "below", not ${JSON.stringify(direction)}`);
  if (typeof threshold !== 'number' || !Number.isFinite(threshold))
    problems.push(`threshold must be a number, not ${JSON.stringify(threshold)}`);
  if (
    rearmMargin !== undefined &&
    (typeof rearmMargin !== 'number' || !Number.isFinite(rearmMargin) || rearmMargin < 0)
  )
    problems.push(`rearmMargin must be a number of 0 or more, not ${JSON.stringify(rearmMargin)}`);
  if (!isLocale(locale)) problems.push(`locale ${JSON.stringify(locale)} is not one Pulse speaks`);
  if (subject?.kind === 'players') {
    if (typeof threshold === 'number' && threshold < 0)
      problems.push('a number of players is never below 0');
  } else if (subject?.kind === 'sensor') {
    const { stationId, sensor } = subject;
    if (!isSensorType(sensor))
      problems.push(`sensor ${JSON.stringify(sensor)} is not a sensor type`);
    if (typeof stationId !== 'string' || stationId === '') problems.push('stationId is missing');
    else if (catalog) {
      const station = catalog.byId(stationId);
      if (!station) problems.push(`no station ${JSON.stringify(stationId)} in the catalog`);
      else if (isSensorType(sensor) && catalog.sensorsOfType(station, sensor).length === 0)
        problems.push(`station ${stationId} has no ${sensor} sensor`);
    }
  } else {
    problems.push('subject must be a sensor type at a station, or the players');
  }
  return problems;
}

export function alertRepository(options: AlertRepositoryOptions): AlertRepository {
  const { client, tableName, timeoutMs, catalog } = options;
  const maxPerUser = options.maxPerUser ?? DEFAULT_ALERTS_PER_USER;
  const now = options.now ?? Date.now;
  const { partitionKey, sortKey, subjectIndex } = ALERTS_TABLE;

  const call = <T>(operation: string, run: (abortSignal: AbortSignal) => Promise<T>) =>
    withDeadline('dynamodb', operation, timeoutMs, run, isConditionFailure);

  async function listForUser(userId: string): Promise<Alert[]> {
    const items = await call('Query alerts of a user', async (abortSignal) => {
      return everyPage(
        client,
        (startKey) =>
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': partitionKey.name },
            ExpressionAttributeValues: { ':pk': userId },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        abortSignal,
      );
    });
    return items
      .filter((item) => item[sortKey.name] !== SUBSCRIPTION_ITEM_ID)
      .map(itemToAlert)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  async function deleteOne(userId: string, alertId: string): Promise<Alert | undefined> {
    const { Attributes } = await call('DeleteItem alert', (abortSignal) =>
      client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: { [partitionKey.name]: userId, [sortKey.name]: alertId },
          ReturnValues: 'ALL_OLD',
        }),
        { abortSignal },
      ),
    );
    return Attributes ? itemToAlert(Attributes) : undefined;
  }

  /** An update of a pending notification, made only while it is still that firing's. */
  async function settle(alert: Alert, firing: number, update: string, operation: string) {
    try {
      await call(operation, (abortSignal) =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [partitionKey.name]: alert.userId, [sortKey.name]: alert.alertId },
            UpdateExpression: update,
            ConditionExpression: 'pendingNotification = :firing',
            ExpressionAttributeValues: { ':firing': firing },
          }),
          { abortSignal },
        ),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async function deleteAllOf(alerts: readonly Alert[]): Promise<Alert[]> {
    const deleted = await Promise.all(alerts.map((a) => deleteOne(a.userId, a.alertId)));
    return deleted.filter((alert): alert is Alert => alert !== undefined);
  }

  return {
    async create(wanted) {
      const problems = problemsOf(wanted, catalog);
      if (problems.length > 0) throw new InvalidAlertError(problems);
      for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
        const existing = await listForUser(wanted.userId);
        const same = existing.find((alert) => sameRule(alert, wanted));
        if (same) return { alert: same, created: false };
        if (existing.length >= maxPerUser) throw new AlertLimitError(maxPerUser);
        // The lowest free number: numbers are the slots of the limit, so that two requests at
        // once cannot both take the last one (the put is conditional on the slot being free).
        const taken = new Set(existing.map((alert) => alert.alertId));
        let slot = 1;
        while (taken.has(String(slot))) slot += 1;
        const at = now();
        const alert: Alert = {
          userId: wanted.userId,
          alertId: String(slot),
          subject:
            wanted.subject.kind === 'players'
              ? { kind: 'players' }
              : {
                  kind: 'sensor',
                  stationId: wanted.subject.stationId,
                  sensor: wanted.subject.sensor,
                },
          direction: wanted.direction,
          threshold: wanted.threshold,
          rearmMargin: wanted.rearmMargin ?? defaultRearmMargin(wanted.subject, wanted.threshold),
          locale: wanted.locale,
          createdAt: at,
          updatedAt: at,
          state: 'armed',
          version: 1,
          firings: 0,
        };
        try {
          await call('PutItem alert', (abortSignal) =>
            client.send(
              new PutCommand({
                TableName: tableName,
                Item: alertToItem(alert),
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': partitionKey.name },
              }),
              { abortSignal },
            ),
          );
          return { alert, created: true };
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      // Every free slot was taken by another request meanwhile: the user is at the limit.
      throw new AlertLimitError(maxPerUser);
    },

    listForUser,

    async get(userId, alertId) {
      const { Item } = await call('GetItem alert', (abortSignal) =>
        client.send(
          new GetCommand({
            TableName: tableName,
            Key: { [partitionKey.name]: userId, [sortKey.name]: alertId },
            ConsistentRead: true,
          }),
          { abortSignal },
        ),
      );
      return Item ? itemToAlert(Item) : undefined;
    },

    delete: deleteOne,

    async deleteForStation(userId, stationId) {
      const alerts = await listForUser(userId);
      return deleteAllOf(
        alerts.filter((a) => a.subject.kind === 'sensor' && a.subject.stationId === stationId),
      );
    },

    async deleteAll(userId) {
      return deleteAllOf(await listForUser(userId));
    },

    async listBySubject(subject) {
      const items = await call('Query alerts on a subject', async (abortSignal) => {
        return everyPage(
          client,
          (startKey) =>
            new QueryCommand({
              TableName: tableName,
              IndexName: subjectIndex.name,
              KeyConditionExpression: '#subject = :subject',
              ExpressionAttributeNames: { '#subject': subjectIndex.partitionKey.name },
              ExpressionAttributeValues: { ':subject': subjectKey(subject) },
              ExclusiveStartKey: startKey,
            }),
          abortSignal,
        );
      });
      return items.map(itemToAlert);
    },

    async transition(alert, change) {
      const at = now();
      const firing = change.to === 'firing' ? alert.firings + 1 : undefined;
      const firingFields =
        change.to === 'firing'
          ? ', firings = :firings, firedNumber = :firings, firedValue = :value, firedWindowTime = :window, firedAt = :at, pendingNotification = :firings, notifyingUntil = :lease'
          : '';
      try {
        const { Attributes } = await call(`UpdateItem alert to ${change.to}`, (abortSignal) =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { [partitionKey.name]: alert.userId, [sortKey.name]: alert.alertId },
              UpdateExpression: `SET #state = :state, #version = :next, updatedAt = :at, judgedWindowTime = :window${firingFields}`,
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#state': 'state', '#version': 'version' },
              ExpressionAttributeValues: {
                ':state': change.to,
                ':version': alert.version,
                ':next': alert.version + 1,
                ':at': at,
                ':window': change.windowTime,
                // The evaluation that fires it holds its notification.
                ...(change.to === 'firing' && {
                  ':firings': firing,
                  ':value': change.value,
                  ':lease': at + NOTIFY_LEASE_MS,
                }),
              },
              ReturnValues: 'ALL_NEW',
            }),
            { abortSignal },
          ),
        );
        return Attributes ? itemToAlert(Attributes) : undefined;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async claimPendingNotification(alert, firing) {
      const at = now();
      try {
        const { Attributes } = await call('UpdateItem alert notifying', (abortSignal) =>
          client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { [partitionKey.name]: alert.userId, [sortKey.name]: alert.alertId },
              UpdateExpression: 'SET notifyingUntil = :until',
              ConditionExpression:
                'pendingNotification = :firing AND (attribute_not_exists(notifyingUntil) OR notifyingUntil < :now)',
              ExpressionAttributeValues: {
                ':firing': firing,
                ':now': at,
                ':until': at + NOTIFY_LEASE_MS,
              },
              ReturnValues: 'ALL_NEW',
            }),
            { abortSignal },
          ),
        );
        return Attributes ? itemToAlert(Attributes) : undefined;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    async releasePendingNotification(alert, firing) {
      await settle(alert, firing, 'REMOVE notifyingUntil', 'UpdateItem alert not notified');
    },

    async clearPendingNotification(alert, firing) {
      await settle(
        alert,
        firing,
        'REMOVE pendingNotification, notifyingUntil',
        'UpdateItem alert notified',
      );
    },

    subscription: (userId) => readSubscription(client, tableName, userId, timeoutMs),

    async setSubscription(userId, events) {
      if (typeof userId !== 'string' || userId.trim() === '' || userId.length > MAX_USER_ID_LENGTH)
        throw new InvalidAlertError(['userId must be the Alexa user ID']);
      const key = subscriptionKey(userId);
      const names = [...new Set(events)].filter((event) => event.trim() !== '');
      if (names.length === 0) {
        await call('DeleteItem subscription', (abortSignal) =>
          client.send(new DeleteCommand({ TableName: tableName, Key: key }), { abortSignal }),
        );
        return;
      }
      await call('PutItem subscription', (abortSignal) =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key, events: names, updatedAt: now() },
          }),
          { abortSignal },
        ),
      );
    },
  };
}
