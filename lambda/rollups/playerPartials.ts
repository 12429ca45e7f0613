/**
 * Writing one shard's partial player rollup of one window into that shard's minute item.
 *
 * Only the shard's own invocations write its items, one at a time, so the read-modify-write is
 * uncontended; a version condition still refuses a lost update. Writing a window again (a retried
 * final invoke, a replay after a crash) puts the same counts in the same place: idempotent.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PLAYER_ROLLUP_DATA_TYPE, windowShardKey } from './tables';
import {
  PARTIAL_ITEM_MS,
  parseShardMinute,
  shardMinuteToItem,
  type ShardMinute,
} from './playerRollupItems';
import type { PlayerRollup } from './playerRollups';
import { WriteFailedError } from './errors';
import { countsOf } from './playerRollupColumns';

export interface PartialWrite {
  readonly table: string;
  /** The shard ID, or `<shard ID>~<first sequence number>` for a part of a window ended early. */
  readonly source: string;
  readonly rollup: PlayerRollup;
  /** TTL, epoch seconds; the item keeps the latest of its windows'. */
  readonly expiresAt: number;
}

export interface PlayerPartialWriter {
  write(partial: PartialWrite): Promise<void>;
}

/** Conflicting writers would be a bug (one invocation per shard at a time); a few tries settle a race. */
const MAX_ATTEMPTS = 5;

const sameCounts = (a: readonly number[] | undefined, b: readonly number[]) =>
  a !== undefined && a.length === b.length && a.every((value, i) => value === b[i]);

export function playerPartialWriter(client: DynamoDBDocumentClient): PlayerPartialWriter {
  return {
    async write({ table, source, rollup, expiresAt }) {
      const minute = Math.floor(rollup.windowTime / PARTIAL_ITEM_MS) * PARTIAL_ITEM_MS;
      const Key = {
        dataType: PLAYER_ROLLUP_DATA_TYPE,
        windowShard: windowShardKey(minute, source),
      };
      const counts = countsOf(rollup);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const { Item } = await client.send(
          new GetCommand({ TableName: table, Key, ConsistentRead: true }),
        );
        const current = Item ? parseShardMinute(Item) : undefined;
        if (
          current &&
          sameCounts(current.windows.get(rollup.windowTime), counts) &&
          (current.expiresAt ?? 0) >= expiresAt
        )
          return;
        const next: ShardMinute = {
          shardId: source,
          minute,
          version: (current?.version ?? 0) + 1,
          expiresAt: Math.max(current?.expiresAt ?? 0, expiresAt),
          windows: new Map([...(current?.windows ?? []), [rollup.windowTime, counts]]),
        };
        try {
          await client.send(
            new PutCommand({
              TableName: table,
              Item: shardMinuteToItem(next),
              ConditionExpression: current
                ? '#version = :version'
                : 'attribute_not_exists(#version)',
              ExpressionAttributeNames: { '#version': 'version' },
              ...(current ? { ExpressionAttributeValues: { ':version': current.version } } : {}),
            }),
          );
          return;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      throw new WriteFailedError(
        `partial rollup of ${source} at ${new Date(rollup.windowTime).toISOString()}: the item kept changing`,
      );
    },
  };
}
