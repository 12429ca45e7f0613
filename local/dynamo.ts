/** Local DynamoDB: dynalite in process, and the tables created from their designs when missing. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { Server } from 'node:http';
import { POSTS_TABLE } from '../lambda/posts/table';
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

/** Creates the table unless it exists; on demand, as in AWS. */
async function ensureTable(client: DynamoDBClient, definition: CreateTableInput): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: definition.TableName }));
    return;
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
  await Promise.all([
    ensureTable(client, rollupTable(names.userRollups, USER_ROLLUPS_TABLE)),
    ensureTable(client, rollupTable(names.sensorRollups, SENSOR_ROLLUPS_TABLE)),
  ]);
}

export async function ensurePostsTable(client: DynamoDBClient, name: string): Promise<void> {
  const { partitionKey, feedIndex } = POSTS_TABLE;
  await ensureTable(client, {
    TableName: name,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: feedIndex.partitionKey.name, AttributeType: feedIndex.partitionKey.type },
      { AttributeName: feedIndex.sortKey.name, AttributeType: feedIndex.sortKey.type },
    ],
    KeySchema: [{ AttributeName: partitionKey.name, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: feedIndex.name,
        KeySchema: [
          { AttributeName: feedIndex.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: feedIndex.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  });
}
