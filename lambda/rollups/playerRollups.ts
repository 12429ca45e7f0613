/** Player rollups in DynamoDB: the windows the skill, the trend and the simulator read, shards' partials merged. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { withDeadline } from '../aws/deadline';
import { everyPage } from '../aws/queryPages';
import {
  isUnexpired,
  PLAYER_ROLLUP_DATA_TYPE,
  USER_ROLLUPS_TABLE,
  windowShardFrom,
} from './tables';
import {
  COUNTS_PROJECTION,
  PARTIAL_ITEM_MS,
  parsePlayerCountsItem,
  parsePlayerRollupItem,
} from './playerRollupItems';
import { DEFAULT_SHARD_IDLE_MS, mergePlayerRollups, mergeWindows } from './playerRollupMerge';
import type { OperatingSystem, Quadrant } from '../../domain/vocabulary';
import { newestItems, projectionOf, type RepositoryOptions } from './rollupReads';

export interface PlayerRollup {
  /** Epoch milliseconds of the one-second window. */
  readonly windowTime: number;
  readonly userCount: number;
  readonly byOs: Readonly<Record<OperatingSystem, number>>;
  readonly byQuadrant: Readonly<Record<Quadrant, number>>;
}

/** The players of one whole window, without their breakdown. */
export type PlayerCount = Pick<PlayerRollup, 'windowTime' | 'userCount'>;

export interface PlayerRollupReader {
  /** The newest whole window. */
  latestPlayerRollup(): Promise<PlayerRollup | undefined>;
  /** The newest whole window's players, read lean: what a launch greets with. */
  latestPlayerCount(): Promise<PlayerCount | undefined>;
  /** Whole windows from `fromMs` (inclusive) on, oldest first. */
  playerRollupsSince(fromMs: number): Promise<PlayerRollup[]>;
  /** The players of each whole window from `fromMs` on, oldest first: what a trend needs, read lean. */
  playerCountsSince(fromMs: number): Promise<PlayerCount[]>;
  /**
   * The players of each whole window from `fromMs` to `untilMs` (both included), oldest first,
   * read lean and whole: every page within the one deadline, however many windows (statistics).
   */
  playerCountsBetween(fromMs: number, untilMs: number): Promise<PlayerCount[]>;
}

/** One page of the newest items: two minutes of up to 16 shards, or 32 whole windows. */
const NEWEST_ITEMS = 32;

/**
 * Most items one read takes: an hour is 60 items per shard (one per shard and minute), or 3600
 * whole windows from the SQL apps; this leaves room for 64 shards.
 */
const MAX_ITEMS = 4000;

export function playerRollupRepository(options: RepositoryOptions): PlayerRollupReader {
  const { client, tableName, timeoutMs } = options;
  const now = options.now ?? Date.now;
  const idleMs = options.shardIdleMs ?? DEFAULT_SHARD_IDLE_MS;
  const keys = USER_ROLLUPS_TABLE;
  const names = { '#pk': keys.partitionKey.name, '#sk': keys.sortKey.name };

  const projection = projectionOf(COUNTS_PROJECTION);

  /**
   * Every item from the minute holding `fromMs` on, within one deadline for all pages; with
   * `countsOnly`, only the attributes a count of players needs.
   */
  function itemsFrom(fromMs: number, operation: string, countsOnly = false) {
    return withDeadline('dynamodb', operation, timeoutMs, async (abortSignal) => {
      return everyPage(
        client,
        (startKey) =>
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk AND #sk >= :from',
            ExpressionAttributeNames: countsOnly ? { ...names, ...projection.names } : names,
            ...(countsOnly ? { ProjectionExpression: projection.expression } : {}),
            ExpressionAttributeValues: {
              ':pk': PLAYER_ROLLUP_DATA_TYPE,
              // A shard's item is keyed by its minute, which may start before `fromMs`.
              ':from': windowShardFrom(Math.floor(fromMs / PARTIAL_ITEM_MS) * PARTIAL_ITEM_MS),
            },
            ExclusiveStartKey: startKey,
          }),
        abortSignal,
        MAX_ITEMS,
      );
    });
  }

  /** Every item of the minutes from the one holding `fromMs` to `untilMs`, counts only, within one deadline. */
  function countItemsBetween(fromMs: number, untilMs: number, operation: string) {
    return withDeadline('dynamodb', operation, timeoutMs, async (abortSignal) => {
      return everyPage(
        client,
        (startKey) =>
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { ...names, ...projection.names },
            ProjectionExpression: projection.expression,
            ExpressionAttributeValues: {
              ':pk': PLAYER_ROLLUP_DATA_TYPE,
              ':from': windowShardFrom(Math.floor(fromMs / PARTIAL_ITEM_MS) * PARTIAL_ITEM_MS),
              ':to': `${windowShardFrom(untilMs)}~`,
            },
            ExclusiveStartKey: startKey,
          }),
        abortSignal,
      );
    });
  }

  function counts(items: readonly Record<string, unknown>[]) {
    const nowMs = now();
    const live = items
      .filter((item) => isUnexpired(item, keys, nowMs))
      .map((item) => parsePlayerCountsItem(item));
    return mergeWindows(live, idleMs).windows.map(([windowTime, counts]) => ({
      windowTime,
      userCount: counts[0] ?? 0,
    }));
  }

  function merged(items: readonly Record<string, unknown>[], fromMs: number): PlayerRollup[] {
    const nowMs = now();
    const live = items
      .filter((item) => isUnexpired(item, keys, nowMs))
      .map((item) => parsePlayerRollupItem(item));
    return mergePlayerRollups(live, idleMs).rollups.filter((r) => r.windowTime >= fromMs);
  }

  /**
   * The items the newest whole window is merged from: whole windows, or each shard's latest
   * minutes (and the minute before, where a slower shard may still be); with `countsOnly`, only
   * the attributes a count of players needs.
   */
  async function newestWindowItems(operation: string, countsOnly: boolean) {
    const Items = await newestItems(
      options,
      keys,
      PLAYER_ROLLUP_DATA_TYPE,
      NEWEST_ITEMS,
      operation,
      countsOnly ? projection : undefined,
    );
    const minutes = new Set(
      Items.flatMap((item) => (typeof item.shardId === 'string' ? [Number(item.windowtime)] : [])),
    );
    const [minute] = minutes;
    if (Items.length < NEWEST_ITEMS || minutes.size !== 1 || minute === undefined) return Items;
    // More shards than one page holds: read their newest minute and the one before in full.
    return itemsFrom(minute - PARTIAL_ITEM_MS, operation, countsOnly);
  }

  return {
    async latestPlayerRollup() {
      return merged(await newestWindowItems('Query latest user rollup', false), 0).at(-1);
    },

    async latestPlayerCount() {
      return counts(await newestWindowItems('Query latest user count', true)).at(-1);
    },

    async playerRollupsSince(fromMs) {
      return merged(await itemsFrom(fromMs, 'Query user rollups since'), fromMs);
    },

    async playerCountsSince(fromMs) {
      const items = await itemsFrom(fromMs, 'Query user counts since', true);
      return counts(items).filter(({ windowTime }) => windowTime >= fromMs);
    },

    async playerCountsBetween(fromMs, untilMs) {
      if (!(fromMs <= untilMs)) return [];
      const items = await countItemsBetween(fromMs, untilMs, 'Query user counts between');
      return counts(items).filter(
        ({ windowTime }) => windowTime >= fromMs && windowTime <= untilMs,
      );
    },
  };
}
