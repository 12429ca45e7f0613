/** The local stack's tables in a data directory an older Pulse made: brought to the current design, posts kept. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { POSTS_TABLE } from '../../lambda/posts/table';
import { USER_ROLLUPS_TABLE } from '../../lambda/rollups/tables';
import {
  ensurePostsTable,
  ensureRollupTables,
  startDynamo,
  type LocalDynamo,
} from '../../local/dynamo';
import { EMULATOR_CREDENTIALS } from '../../local/environment';

let dynamo: LocalDynamo;
let client: DynamoDBClient;
let documents: DynamoDBDocumentClient;

beforeAll(async () => {
  dynamo = await startDynamo();
  client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamo.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  documents = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client.destroy();
  await dynamo.close();
});

const post = (postId: string, status: string, createdAt: string) => ({
  postId,
  feed: 'posts',
  title: postId,
  text: 'Text.',
  textType: 'text',
  voice: 'Matthew',
  engine: 'standard',
  locale: 'en-US',
  status,
  characters: 5,
  createdAt,
  updatedAt: createdAt,
  renderAttempts: status === 'PROCESSING' ? 1 : 2,
});

it("rebuilds a posts table without the sweeper's index, keeping every post", async () => {
  const name = 'old-posts';
  const { feedIndex } = POSTS_TABLE;
  // The design before the sweeper: the feed index only.
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'postId', AttributeType: 'S' },
        { AttributeName: feedIndex.partitionKey.name, AttributeType: 'S' },
        { AttributeName: feedIndex.sortKey.name, AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'postId', KeyType: 'HASH' }],
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
    }),
  );
  const posts = Array.from({ length: 60 }, (_, i) =>
    post(`post-${i}`, i % 3 === 0 ? 'PROCESSING' : 'COMPLETED', `2026-11-2${i % 10}T10:00:00.000Z`),
  );
  for (const item of posts) await documents.send(new PutCommand({ TableName: name, Item: item }));

  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    await ensurePostsTable(client, name);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('rebuilding it, posts kept'));
  } finally {
    warn.mockRestore();
  }

  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
    [feedIndex.name, POSTS_TABLE.pendingIndex.name].sort(),
  );
  const { Items = [] } = await documents.send(new ScanCommand({ TableName: name }));
  expect(Items.map((item) => item.postId).sort()).toEqual(posts.map((p) => p.postId).sort());
  const pending = await documents.send(
    new QueryCommand({
      TableName: name,
      IndexName: POSTS_TABLE.pendingIndex.name,
      KeyConditionExpression: 'renderQueue = :q',
      ExpressionAttributeValues: { ':q': 'pending' },
    }),
  );
  expect(pending.Items?.map((item) => item.postId).sort()).toEqual(
    posts
      .filter((p) => p.status === 'PROCESSING')
      .map((p) => p.postId)
      .sort(),
  );
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  expect(TableNames).not.toContain(`${name}-rebuild`);

  // A second start finds it as it should be and leaves it alone.
  await ensurePostsTable(client, name);
  expect((await documents.send(new ScanCommand({ TableName: name }))).Items).toHaveLength(60);
});

it('replaces a user rollups table of the old key design (rollups are short-lived)', async () => {
  await client.send(
    new CreateTableCommand({
      TableName: 'old-users',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'dataType', AttributeType: 'S' },
        { AttributeName: 'windowtime', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'dataType', KeyType: 'HASH' },
        { AttributeName: 'windowtime', KeyType: 'RANGE' },
      ],
    }),
  );
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    await ensureRollupTables(client, { userRollups: 'old-users', sensorRollups: 'new-sensors' });
  } finally {
    warn.mockRestore();
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: 'old-users' }));
  expect(Table?.KeySchema?.map((k) => k.AttributeName)).toEqual([
    USER_ROLLUPS_TABLE.partitionKey.name,
    USER_ROLLUPS_TABLE.sortKey.name,
  ]);
});
