/** The rollup tables of the local stack, created from their designs when missing (an older key design is replaced). */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import {
  SENSOR_ROLLUPS_TABLE,
  USER_ROLLUPS_TABLE,
  type TableDesign,
} from '../../lambda/rollups/tables';

export type CreateTableInput = ConstructorParameters<typeof CreateTableCommand>[0];

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

/**
 * A table of a key design, on demand. dynalite does not know UpdateTimeToLive: readers filter
 * expired items themselves.
 */
export function keyedTable(
  name: string,
  design: Pick<TableDesign, 'partitionKey' | 'sortKey'>,
): CreateTableInput {
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
    ensureTable(client, keyedTable(names.userRollups, USER_ROLLUPS_TABLE), true),
    ensureTable(client, keyedTable(names.sensorRollups, SENSOR_ROLLUPS_TABLE), true),
  ]);
}
