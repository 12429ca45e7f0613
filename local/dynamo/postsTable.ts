/** The posts table of the local stack, created when missing, and rebuilt without losing a post when an older Pulse made it. */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type DynamoDBClient,
  type KeySchemaElement,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { POSTS_TABLE, RENDER_QUEUE } from '../../lambda/posts/table';
import type { CreateTableInput } from './rollupTables';

function postsTable(name: string): CreateTableInput {
  const { partitionKey, feedIndex, pendingIndex } = POSTS_TABLE;
  const keys = (index: typeof feedIndex | typeof pendingIndex): KeySchemaElement[] => [
    { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
    { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
  ];
  return {
    TableName: name,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: feedIndex.partitionKey.name, AttributeType: feedIndex.partitionKey.type },
      { AttributeName: feedIndex.sortKey.name, AttributeType: feedIndex.sortKey.type },
      {
        AttributeName: pendingIndex.partitionKey.name,
        AttributeType: pendingIndex.partitionKey.type,
      },
      { AttributeName: pendingIndex.sortKey.name, AttributeType: pendingIndex.sortKey.type },
    ],
    KeySchema: [{ AttributeName: partitionKey.name, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: feedIndex.name,
        KeySchema: keys(feedIndex),
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: pendingIndex.name,
        KeySchema: keys(pendingIndex),
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  };
}

async function indexNames(client: DynamoDBClient, name: string): Promise<string[] | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    return (Table?.GlobalSecondaryIndexes ?? []).flatMap((index) =>
      index.IndexName ? [index.IndexName] : [],
    );
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Every item of `from` put into `to`; PROCESSING posts join the sweeper's index on the way. */
async function copyPosts(client: DynamoDBClient, from: string, to: string): Promise<void> {
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: from, ExclusiveStartKey: startKey }),
    );
    const items = (page.Items ?? []).map((item) =>
      item.status?.S === 'PROCESSING'
        ? { ...item, [POSTS_TABLE.pendingIndex.partitionKey.name]: { S: RENDER_QUEUE } }
        : item,
    );
    for (let i = 0; i < items.length; i += 25) {
      let requests: Record<string, WriteRequest[]> | undefined = {
        [to]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
      };
      while (requests && Object.keys(requests).length > 0) {
        const written: { UnprocessedItems?: Record<string, WriteRequest[]> } = await client.send(
          new BatchWriteItemCommand({ RequestItems: requests }),
        );
        requests = written.UnprocessedItems;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/**
 * Creates the posts table when missing. A table made by an older Pulse, without the sweeper's
 * index (dynalite cannot add one to a table), is rebuilt through a copy: `<name>-rebuild` holds
 * the posts meanwhile, so a crash during the rebuild loses none (the next start finishes it).
 */
export async function ensurePostsTable(client: DynamoDBClient, name: string): Promise<void> {
  const copy = `${name}-rebuild`;
  const design = postsTable(name);
  const wanted = design.GlobalSecondaryIndexes!.map((index) => index.IndexName!);
  const indexes = await indexNames(client, name);
  const copyIndexes = await indexNames(client, copy);
  if (indexes !== undefined && wanted.every((index) => indexes.includes(index))) {
    if (copyIndexes !== undefined) {
      // A rebuild stopped after the new table was made: finish filling it.
      await copyPosts(client, copy, name);
      await client.send(new DeleteTableCommand({ TableName: copy }));
    }
    return;
  }
  if (indexes !== undefined) {
    console.warn(`${name} predates the sweeper's index: rebuilding it, posts kept`);
    if (copyIndexes === undefined)
      await client.send(
        new CreateTableCommand({ BillingMode: 'PAY_PER_REQUEST', ...postsTable(copy) }),
      );
    await copyPosts(client, name, copy);
    await client.send(new DeleteTableCommand({ TableName: name }));
  }
  await client.send(new CreateTableCommand({ BillingMode: 'PAY_PER_REQUEST', ...design }));
  if (copyIndexes !== undefined || indexes !== undefined) {
    await copyPosts(client, copy, name);
    await client.send(new DeleteTableCommand({ TableName: copy }));
  }
}
