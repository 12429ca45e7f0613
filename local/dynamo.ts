/** Local DynamoDB: dynalite in process, and the tables created from their designs when missing. */
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
import type { Server } from 'node:http';
import { POSTS_TABLE, RENDER_QUEUE } from '../lambda/posts/table';
import { serveOnLoopback } from './loopback';
import {
  SENSOR_ROLLUPS_TABLE,
  USER_ROLLUPS_TABLE,
  type TableDesign,
} from '../lambda/rollups/tables';

// dynalite ships no types; this is the part of its API Pulse uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

export interface LocalDynamo {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts dynalite on 127.0.0.1; `path` persists tables across restarts, omitted keeps them in memory. */
export async function startDynamo(
  options: { port?: number; path?: string } = {},
): Promise<LocalDynamo> {
  const server = dynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  return serveOnLoopback(server, options.port);
}

type CreateTableInput = ConstructorParameters<typeof CreateTableCommand>[0];

const sameKeys = (a: KeySchemaElement[] = [], b: KeySchemaElement[] = []) =>
  JSON.stringify(a.map((k) => [k.AttributeName, k.KeyType])) ===
  JSON.stringify(b.map((k) => [k.AttributeName, k.KeyType]));

/**
 * Creates the table unless it exists; on demand, as in AWS. `recreate` allows replacing a table of
 * another key design, left by an older version in the data directory (only for short-lived data).
 */
async function ensureTable(
  client: DynamoDBClient,
  definition: CreateTableInput,
  recreate = false,
): Promise<void> {
  try {
    const { Table } = await client.send(
      new DescribeTableCommand({ TableName: definition.TableName }),
    );
    if (!recreate || sameKeys(Table?.KeySchema, definition.KeySchema)) return;
    console.warn(
      `${definition.TableName} has the key design of an older Pulse; its rollups are dropped and the table made anew`,
    );
    await client.send(new DeleteTableCommand({ TableName: definition.TableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand({ BillingMode: 'PAY_PER_REQUEST', ...definition }));
}

// dynalite does not know UpdateTimeToLive: readers filter expired items themselves.
function rollupTable(name: string, design: TableDesign): CreateTableInput {
  return {
    TableName: name,
    AttributeDefinitions: [
      { AttributeName: design.partitionKey.name, AttributeType: design.partitionKey.type },
      { AttributeName: design.sortKey.name, AttributeType: design.sortKey.type },
    ],
    KeySchema: [
      { AttributeName: design.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: design.sortKey.name, KeyType: 'RANGE' },
    ],
  };
}

export async function ensureRollupTables(
  client: DynamoDBClient,
  names: { userRollups: string; sensorRollups: string },
): Promise<void> {
  // Rollups live a week at most: a table of an older key design is replaced, not migrated.
  await Promise.all([
    ensureTable(client, rollupTable(names.userRollups, USER_ROLLUPS_TABLE), true),
    ensureTable(client, rollupTable(names.sensorRollups, SENSOR_ROLLUPS_TABLE), true),
  ]);
}

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
