/** Everything the posts service runs on, locally: dynalite, s3rver, the Polly emulator, SNS, the HTTP API. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { Logger } from '@aws-lambda-powertools/logger';
import { PublishCommand } from '@aws-sdk/client-sns';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { dynamoDocumentClient, pollyClient, s3Client } from '../../lambda/aws/clients';
import { createPostsApi } from '../../lambda/posts/api';
import { audioStore } from '../../lambda/posts/audioStore';
import {
  readPostsConfig,
  RENDER_TIMEOUT_SECONDS,
  type PostsConfig,
} from '../../lambda/posts/config';
import { createRenderHandler, type RenderDependencies } from '../../lambda/posts/render';
import { postsRepository, type Post } from '../../lambda/posts/repository';
import { POSTS_ROUTES, routeKeyOf } from '../../lambda/posts/routes';
import { ensurePostsTable } from '../../local/dynamo';
import { startHttpApi, type LocalHttpApi } from '../../local/httpApi';
import { startPolly, type PollyEmulator, type PollyOptions } from '../../local/polly';
import { ensureBucket, startS3, type LocalS3 } from '../../local/s3';
import { startSns, type LocalSns } from '../../local/sns';
import { startTestStack, type TestStack } from './stack';
import { EMULATOR_CREDENTIALS, useEmulators } from '../../local/environment';

export const API_TOKEN = 'test-token';
const RENDER_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:pulse-render';

export interface PostsStack {
  readonly base: TestStack;
  readonly s3: LocalS3;
  readonly polly: PollyEmulator;
  readonly sns: LocalSns;
  readonly api: LocalHttpApi;
  readonly config: PostsConfig;
  /** POST /posts through the local HTTP API, with the bearer token. */
  createPost(body: unknown): Promise<Response>;
  request(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** Waits until every SNS delivery (and its retries) has settled. */
  settle(): Promise<void>;
  post(postId: string): Promise<Post | undefined>;
  close(): Promise<void>;
}

export interface PostsStackOptions {
  readonly polly?: PollyOptions;
  readonly duplicateDeliveries?: boolean;
  readonly render?: Partial<Pick<RenderDependencies, 'pieceAttempts' | 'sleep'>>;
  readonly env?: NodeJS.ProcessEnv;
}

export async function startPostsStack(options: PostsStackOptions = {}): Promise<PostsStack> {
  const base = await startTestStack();
  const directory = mkdtempSync(join(tmpdir(), 'pulse-s3-'));
  const s3 = await startS3({ directory });
  const polly = await startPolly(options.polly);
  const sns = await startSns({
    retryDelaysMs: [20, 40],
    duplicateDeliveries: options.duplicateDeliveries ?? false,
  });
  useEmulators({ s3: s3.url, polly: polly.url, sns: sns.url });
  const suffix = randomUUID().slice(0, 8);
  const snsAdmin = new SNSClient({
    region: 'us-east-1',
    endpoint: sns.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  const { TopicArn } = await snsAdmin.send(new CreateTopicCommand({ Name: `posts-${suffix}` }));
  await snsAdmin.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: RENDER_ARN }));
  const config = readPostsConfig({
    POSTS_TABLE: `posts-${suffix}`,
    POSTS_BUCKET: `audio-${suffix}`,
    POSTS_TOPIC_ARN: TopicArn,
    ...options.env,
  });
  const admin = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: base.dynamo.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  await ensurePostsTable(admin, config.table);
  admin.destroy();
  await ensureBucket(new S3Client({}), config.bucket);

  const logger = new Logger({ serviceName: 'pulse-posts-test' });
  const posts = postsRepository({
    client: dynamoDocumentClient({ timeoutMs: 5000 }),
    tableName: config.table,
  });
  const audio = audioStore({ client: s3Client({ timeoutMs: 5000 }), bucket: config.bucket });
  sns.registerFunction(
    RENDER_ARN,
    createRenderHandler({
      config,
      posts,
      audio,
      polly: pollyClient({ timeoutMs: 30_000 }),
      logger,
      ...options.render,
    }),
    // The render function's timeout in AWS: its context counts down from it.
    { timeoutMs: RENDER_TIMEOUT_SECONDS * 1000 },
  );
  const postsApi = createPostsApi({
    config,
    posts,
    audio,
    logger,
    announce: async (postId) => {
      await snsAdmin.send(new PublishCommand({ TopicArn, Message: JSON.stringify({ postId }) }));
    },
    newId: randomUUID,
    now: () => new Date(),
  });
  const handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) =>
    postsApi(event, context);
  const api = await startHttpApi({
    bearerToken: API_TOKEN,
    routes: POSTS_ROUTES.map((route) => ({
      routeKey: routeKeyOf(route),
      handler,
      authorize: true,
    })),
  });

  const request = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = API_TOKEN, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${api.url}${path}`, { ...rest, headers });
  };

  return {
    base,
    s3,
    polly,
    sns,
    api,
    config,
    request,
    createPost: (body) =>
      request('/posts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    settle: () => sns.drain(),
    post: (postId) => posts.get(postId),
    async close() {
      snsAdmin.destroy();
      await api.close();
      await sns.close();
      await polly.close();
      await s3.close();
      await base.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
