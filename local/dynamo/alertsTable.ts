/** The alerts table of the local stack, created from its design when missing. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { ALERTS_TABLE } from '../../lambda/alerts/table';
import type { CreateTableInput } from './rollupTables';

export function alertsTable(name: string): CreateTableInput {
  const { partitionKey, sortKey, subjectIndex } = ALERTS_TABLE;
  return {
    TableName: name,
    AttributeDefinitions: [
      { AttributeName: partitionKey.name, AttributeType: partitionKey.type },
      { AttributeName: sortKey.name, AttributeType: sortKey.type },
      {
        AttributeName: subjectIndex.partitionKey.name,
        AttributeType: subjectIndex.partitionKey.type,
      },
    ],
    KeySchema: [
      { AttributeName: partitionKey.name, KeyType: 'HASH' },
      { AttributeName: sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: subjectIndex.name,
        KeySchema: [
          { AttributeName: subjectIndex.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: subjectIndex.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** Creates the alerts table when missing; alerts are users' settings, so an existing table is never replaced. */
export async function ensureAlertsTable(client: DynamoDBClient, name: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: name }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(
    new CreateTableCommand({ BillingMode: 'PAY_PER_REQUEST', ...alertsTable(name) }),
  );
}
