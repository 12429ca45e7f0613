/** Player rollups in DynamoDB: the item shape of seed 000, and the queries the skill asks. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { withDeadline } from '../aws/deadline';
import { isUnexpired, USER_ROLLUP_DATA_TYPE, USER_ROLLUPS_TABLE } from './tables';
import type { OperatingSystem, Quadrant } from './vocabulary';

export interface UserRollup {
  /** Epoch milliseconds of the one-second window. */
  readonly windowTime: number;
  readonly userCount: number;
  readonly byOs: Readonly<Record<OperatingSystem, number>>;
  readonly byQuadrant: Readonly<Record<Quadrant, number>>;
}

const count = z.number().int().nonnegative();

/** The stored item: seed 000's attribute names, plus the OS counts and a TTL. */
const userRollupItem = z.object({
  dataType: z.literal(USER_ROLLUP_DATA_TYPE),
  windowtime: z.number().int(),
  userCount: count,
  androidCount: count.default(0),
  iosCount: count.default(0),
  windowsPhoneCount: count.default(0),
  otherOsCount: count.default(0),
  quadrantA: count.default(0),
  quadrantB: count.default(0),
  quadrantC: count.default(0),
  quadrantD: count.default(0),
  expiresAt: z.number().int().optional(),
});

export type UserRollupItem = z.input<typeof userRollupItem>;

export function userRollupToItem(rollup: UserRollup, expiresAt: number): UserRollupItem {
  return {
    dataType: USER_ROLLUP_DATA_TYPE,
    windowtime: rollup.windowTime,
    userCount: rollup.userCount,
    androidCount: rollup.byOs.android,
    iosCount: rollup.byOs.ios,
    windowsPhoneCount: rollup.byOs.windowsPhone,
    otherOsCount: rollup.byOs.other,
    quadrantA: rollup.byQuadrant.A,
    quadrantB: rollup.byQuadrant.B,
    quadrantC: rollup.byQuadrant.C,
    quadrantD: rollup.byQuadrant.D,
    expiresAt,
  };
}

/** A stored item that does not fit the design: a writer bug, never the user's doing. */
export class CorruptRollupError extends Error {
  override readonly name = 'CorruptRollupError';
}

function itemToUserRollup(raw: unknown): UserRollup {
  const parsed = userRollupItem.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptRollupError(
      `user rollup item does not fit the table design: ${z.prettifyError(parsed.error)}`,
    );
  }
  const item = parsed.data;
  return {
    windowTime: item.windowtime,
    userCount: item.userCount,
    byOs: {
      android: item.androidCount,
      ios: item.iosCount,
      windowsPhone: item.windowsPhoneCount,
      other: item.otherOsCount,
    },
    byQuadrant: { A: item.quadrantA, B: item.quadrantB, C: item.quadrantC, D: item.quadrantD },
  };
}

export interface UserRollupReader {
  latestUserRollup(): Promise<UserRollup | undefined>;
  /** Rollups from `fromMs` (inclusive) on, oldest first. */
  userRollupsSince(fromMs: number): Promise<UserRollup[]>;
}

export interface RepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly timeoutMs: number;
  readonly now?: () => number;
}

/** Most rollups one trend query will read: an hour of one-second windows, with room. */
const MAX_TREND_ITEMS = 4000;

export function userRollupRepository(options: RepositoryOptions): UserRollupReader {
  const { client, tableName, timeoutMs } = options;
  const now = options.now ?? Date.now;
  const keys = USER_ROLLUPS_TABLE;

  return {
    async latestUserRollup() {
      const { Items = [] } = await withDeadline(
        'dynamodb',
        'Query latest user rollup',
        timeoutMs,
        (abortSignal) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: '#pk = :pk',
              ExpressionAttributeNames: { '#pk': keys.partitionKey.name },
              ExpressionAttributeValues: { ':pk': USER_ROLLUP_DATA_TYPE },
              ScanIndexForward: false,
              Limit: 1,
            }),
            { abortSignal },
          ),
      );
      const latest = Items[0];
      return latest && isUnexpired(latest, USER_ROLLUPS_TABLE, now())
        ? itemToUserRollup(latest)
        : undefined;
    },

    async userRollupsSince(fromMs) {
      // One deadline for the whole paginated read: the skill must answer, not page forever.
      const items = await withDeadline(
        'dynamodb',
        'Query user rollups since',
        timeoutMs,
        async (abortSignal) => {
          const found: Record<string, unknown>[] = [];
          let startKey: Record<string, unknown> | undefined;
          do {
            const page = await client.send(
              new QueryCommand({
                TableName: tableName,
                KeyConditionExpression: '#pk = :pk AND #sk >= :from',
                ExpressionAttributeNames: {
                  '#pk': keys.partitionKey.name,
                  '#sk': keys.sortKey.name,
                },
                ExpressionAttributeValues: { ':pk': USER_ROLLUP_DATA_TYPE, ':from': fromMs },
                ScanIndexForward: true,
                ExclusiveStartKey: startKey,
              }),
              { abortSignal },
            );
            found.push(...(page.Items ?? []));
            startKey = page.LastEvaluatedKey;
          } while (startKey && found.length < MAX_TREND_ITEMS);
          return found;
        },
      );
      const nowMs = now();
      return items
        .filter((item) => isUnexpired(item, USER_ROLLUPS_TABLE, nowMs))
        .map(itemToUserRollup);
    },
  };
}
