/** Posts in DynamoDB: created PROCESSING, moved on only by conditional updates, listed newest first. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as v from 'valibot';
import { summary } from '../../domain/schema';
import { POSTS_FEED, POSTS_TABLE, RENDER_QUEUE } from './table';
import { CorruptPostError, InvalidCursorError } from './errors';

export const POST_STATUSES = ['PROCESSING', 'COMPLETED', 'FAILED'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

const count = () => v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** How many posts one page of a listing holds: this many unless asked, at most `max`. */
export const POSTS_PAGE_SIZE = { default: 20, max: 100 } as const;

const POST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Post ids are UUIDs; anything else names no post, and is not worth a read. */
export function isPostId(value: string): boolean {
  return POST_ID.test(value);
}

const postSchema = v.object({
  postId: v.string(),
  feed: v.literal(POSTS_FEED),
  title: v.string(),
  text: v.string(),
  textType: v.picklist(['text', 'ssml']),
  voice: v.string(),
  engine: v.picklist(['standard', 'neural']),
  locale: v.string(),
  status: v.picklist(POST_STATUSES),
  characters: count(),
  createdAt: v.string(),
  updatedAt: v.string(),
  renderAttempts: count(),
  /** Times the sweeper announced the post again after it stayed PROCESSING too long. */
  sweeps: v.optional(count()),
  audioKey: v.optional(v.string()),
  durationSeconds: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0))),
  error: v.optional(v.object({ code: v.string(), message: v.string() })),
});

export type Post = v.InferOutput<typeof postSchema>;

export type NewPost = Omit<
  Post,
  'feed' | 'status' | 'createdAt' | 'updatedAt' | 'renderAttempts' | 'sweeps'
>;

/** A post PROCESSING, as the sweeper's index holds it. */
export interface PendingPost {
  readonly postId: string;
  readonly updatedAt: string;
}

function toPost(item: Record<string, unknown>): Post {
  const parsed = v.safeParse(postSchema, item);
  if (!parsed.success)
    throw new CorruptPostError(
      `post item does not fit the table design: ${summary(parsed.issues)}`,
    );
  return parsed.output;
}

export interface PostPage {
  readonly posts: Post[];
  /** Opaque; absent on the last page. */
  readonly nextCursor?: string;
}

const cursorSchema = v.strictObject({
  postId: v.string(),
  feed: v.literal(POSTS_FEED),
  createdAt: v.string(),
});

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string): Record<string, unknown> {
  try {
    return v.parse(cursorSchema, JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new InvalidCursorError('cursor is not one this API handed out');
  }
}

export interface PostsRepository {
  create(post: NewPost, now: Date): Promise<Post>;
  get(postId: string): Promise<Post | undefined>;
  list(options: { limit: number; cursor?: string }): Promise<PostPage>;
  /** Counts one more render attempt, only while the post is PROCESSING; undefined when it is not. */
  claimRender(postId: string, now: Date): Promise<Post | undefined>;
  /** PROCESSING → COMPLETED; false when the post had already left PROCESSING. */
  complete(
    postId: string,
    audio: { audioKey: string; durationSeconds: number },
    now: Date,
  ): Promise<boolean>;
  /**
   * PROCESSING → FAILED with a reason; false when the post had already left PROCESSING (or,
   * with `seen`, had been updated since it was read).
   */
  fail(
    postId: string,
    error: { code: string; message: string },
    now: Date,
    seen?: PendingPost,
  ): Promise<boolean>;
  /** Posts PROCESSING whose last update is before `before`, oldest first, at most `limit`. */
  pendingSince(before: Date, limit: number): Promise<PendingPost[]>;
  /**
   * Counts one more sweep of a post still PROCESSING and untouched since `seen` was read; the
   * post, or undefined when it moved on meanwhile (a render claimed or finished it).
   */
  markSwept(postId: string, seen: PendingPost, now: Date): Promise<Post | undefined>;
}

export function postsRepository(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
}): PostsRepository {
  const { client, tableName } = options;

  /** An update that only applies while the post is PROCESSING (and `condition`, if given). */
  async function whileProcessing(
    postId: string,
    update: {
      expression: string;
      values: Record<string, unknown>;
      names?: Record<string, string>;
      condition?: string;
    },
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { postId },
          UpdateExpression: update.expression,
          ConditionExpression: `#status = :processing${update.condition ? ` AND ${update.condition}` : ''}`,
          ExpressionAttributeNames: { '#status': 'status', ...update.names },
          ExpressionAttributeValues: { ':processing': 'PROCESSING', ...update.values },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  return {
    async create(post, now) {
      const stamp = now.toISOString();
      const item: Post = {
        ...post,
        feed: POSTS_FEED,
        status: 'PROCESSING',
        createdAt: stamp,
        updatedAt: stamp,
        renderAttempts: 0,
      };
      // A new id never exists; the condition guards against an id collision overwriting a post.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...item, [POSTS_TABLE.pendingIndex.partitionKey.name]: RENDER_QUEUE },
          ConditionExpression: 'attribute_not_exists(postId)',
        }),
      );
      return item;
    },

    async get(postId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { postId }, ConsistentRead: true }),
      );
      return Item ? toPost(Item) : undefined;
    },

    async list({ limit, cursor }) {
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: POSTS_TABLE.feedIndex.name,
          KeyConditionExpression: '#feed = :feed',
          ExpressionAttributeNames: { '#feed': POSTS_TABLE.feedIndex.partitionKey.name },
          ExpressionAttributeValues: { ':feed': POSTS_FEED },
          ScanIndexForward: false,
          Limit: limit,
          ...(cursor === undefined ? {} : { ExclusiveStartKey: decodeCursor(cursor) }),
        }),
      );
      return {
        posts: Items.map(toPost),
        ...(LastEvaluatedKey ? { nextCursor: encodeCursor(LastEvaluatedKey) } : {}),
      };
    },

    async claimRender(postId, now) {
      const item = await whileProcessing(postId, {
        expression: 'SET renderAttempts = renderAttempts + :one, updatedAt = :now',
        values: { ':one': 1, ':now': now.toISOString() },
      });
      return item ? toPost(item) : undefined;
    },

    async complete(postId, { audioKey, durationSeconds }, now) {
      const item = await whileProcessing(postId, {
        expression:
          'SET #status = :completed, audioKey = :key, durationSeconds = :duration, updatedAt = :now REMOVE #error, #queue',
        names: { '#error': 'error', '#queue': POSTS_TABLE.pendingIndex.partitionKey.name },
        values: {
          ':completed': 'COMPLETED',
          ':key': audioKey,
          ':duration': durationSeconds,
          ':now': now.toISOString(),
        },
      });
      return item !== undefined;
    },

    async fail(postId, error, now, seen) {
      const item = await whileProcessing(postId, {
        ...(seen ? { condition: 'updatedAt = :seen' } : {}),
        expression: 'SET #status = :failed, #error = :error, updatedAt = :now REMOVE #queue',
        names: { '#error': 'error', '#queue': POSTS_TABLE.pendingIndex.partitionKey.name },
        values: {
          ':failed': 'FAILED',
          ':error': error,
          ':now': now.toISOString(),
          ...(seen ? { ':seen': seen.updatedAt } : {}),
        },
      });
      return item !== undefined;
    },

    async pendingSince(before, limit) {
      const index = POSTS_TABLE.pendingIndex;
      const found: PendingPost[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.name,
            KeyConditionExpression: '#queue = :queue AND #updated < :before',
            ExpressionAttributeNames: {
              '#queue': index.partitionKey.name,
              '#updated': index.sortKey.name,
            },
            ExpressionAttributeValues: { ':queue': RENDER_QUEUE, ':before': before.toISOString() },
            Limit: limit - found.length,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          if (typeof item.postId === 'string' && typeof item.updatedAt === 'string')
            found.push({ postId: item.postId, updatedAt: item.updatedAt });
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey && found.length < limit);
      return found;
    },

    async markSwept(postId, seen, now) {
      const item = await whileProcessing(postId, {
        expression: 'SET sweeps = if_not_exists(sweeps, :zero) + :one, updatedAt = :now',
        condition: 'updatedAt = :seen',
        values: { ':zero': 0, ':one': 1, ':now': now.toISOString(), ':seen': seen.updatedAt },
      });
      return item ? toPost(item) : undefined;
    },
  };
}
