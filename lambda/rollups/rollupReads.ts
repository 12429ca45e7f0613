/** What the rollup readers share: their options, and the newest items of a partition read under a deadline. */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withDeadline } from '../aws/deadline';
import { everyPage } from '../aws/queryPages';
import type { TableDesign } from './tables';

export interface RepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly timeoutMs: number;
  readonly now?: () => number;
  /** How long a silent shard holds the newest windows back; see playerRollupMerge.ts. */
  readonly shardIdleMs?: number;
}

/** Only some attributes of each item: a ProjectionExpression and the names its placeholders stand for. */
export interface Projection {
  readonly expression: string;
  readonly names: Readonly<Record<string, string>>;
}

/** A projection of `attributes`, each named by a placeholder (`#p0`, `#p1`, …) as reserved words must be. */
export function projectionOf(attributes: readonly string[]): Projection {
  return {
    expression: attributes.map((_, i) => `#p${i}`).join(', '),
    names: Object.fromEntries(attributes.map((name, i) => [`#p${i}`, name])),
  };
}

/**
 * Up to `limit` items of one partition, newest first (by sort key), as one Query under the
 * deadline; with `projection`, only its attributes of each.
 */
export async function newestItems(
  { client, tableName, timeoutMs }: RepositoryOptions,
  design: TableDesign,
  partition: string,
  limit: number,
  operation: string,
  projection?: Projection,
): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await withDeadline('dynamodb', operation, timeoutMs, (abortSignal) =>
    client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': design.partitionKey.name, ...projection?.names },
        ...(projection ? { ProjectionExpression: projection.expression } : {}),
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
      }),
      { abortSignal },
    ),
  );
  return Items;
}

/**
 * Every item of one partition whose sort key lies between `from` and `to` (both included), oldest
 * first, read page by page within one deadline for them all.
 */
export async function itemsBetween(
  { client, tableName, timeoutMs }: RepositoryOptions,
  design: TableDesign,
  partition: string,
  [from, to]: readonly [string, string],
  operation: string,
): Promise<Record<string, unknown>[]> {
  return withDeadline('dynamodb', operation, timeoutMs, async (abortSignal) => {
    return everyPage(
      client,
      (startKey) =>
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: {
            '#pk': design.partitionKey.name,
            '#sk': design.sortKey.name,
          },
          ExpressionAttributeValues: { ':pk': partition, ':from': from, ':to': to },
          ExclusiveStartKey: startKey,
        }),
      abortSignal,
    );
  });
}
