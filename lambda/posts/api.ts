/** The posts API (HTTP API, payload format 2.0): create, get and list posts; clear JSON errors. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import * as v from 'valibot';
import type { AudioUrls } from './audioUrls';
import type { PostsConfig } from './config';
import { AnnounceFailedError, InvalidCursorError, PostRejected } from './errors';
import { postPublisher } from './publish';
import { isPostId, POSTS_PAGE_SIZE, type Post, type PostsRepository } from './repository';
import { postView } from './view';

export interface PostsApiDependencies {
  readonly config: PostsConfig;
  readonly posts: PostsRepository;
  readonly audio: AudioUrls;
  /** Announces a new post to the renderer (SNS). */
  readonly announce: (postId: string) => Promise<void>;
  readonly newId: () => string;
  readonly now: () => Date;
  readonly logger: Logger;
}

export type PostsApi = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Far above any valid post (100,000 characters of JSON-escaped text), far below API Gateway's 10 MB. */
export const MAX_BODY_BYTES = 1024 * 1024;

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function error(
  statusCode: number,
  code: string,
  message: string,
): APIGatewayProxyStructuredResultV2 {
  return json(statusCode, { error: { code, message } });
}

const listQuery = v.object({
  limit: v.optional(
    v.pipe(
      v.unknown(),
      v.toNumber('limit must be a number'),
      v.safeInteger('limit must be a whole number'),
      v.minValue(1, 'limit must be at least 1'),
      v.maxValue(POSTS_PAGE_SIZE.max, `limit must be at most ${POSTS_PAGE_SIZE.max}`),
    ),
    POSTS_PAGE_SIZE.default,
  ),
  cursor: v.optional(v.pipe(v.string(), v.minLength(1))),
  // The Serverless Text-to-Speech sample (seed 002; AWS's Polly posts app) lists posts with
  // GET /posts?postId=*; accept it.
  postId: v.optional(v.literal('*', 'to list posts, leave out postId or use postId=*')),
});

export function createPostsApi(deps: PostsApiDependencies): PostsApi {
  const { config, posts, audio, logger } = deps;
  const view = (post: Post) => postView(post, audio, config.audioUrlSeconds);
  const publish = postPublisher({
    posts,
    announce: deps.announce,
    newId: deps.newId,
    now: deps.now,
    defaultEngine: config.engine,
    logger,
  });

  async function create(event: APIGatewayProxyEventV2WithJWTAuthorizer) {
    const raw = event.body ?? '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
      return error(413, 'PayloadTooLarge', `the body may be at most ${MAX_BODY_BYTES} bytes`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return error(400, 'InvalidJson', 'the body must be a JSON object like {"text": "…"}');
    }
    try {
      return json(202, await publish(body));
    } catch (refusal) {
      if (refusal instanceof PostRejected) return error(400, refusal.code, refusal.message);
      if (refusal instanceof AnnounceFailedError) {
        return error(
          503,
          'ServiceUnavailable',
          'the post was stored but could not be queued for rendering; try again',
        );
      }
      throw refusal;
    }
  }

  async function getOne(postId: string) {
    const post = isPostId(postId) ? await posts.get(postId) : undefined;
    if (!post) return error(404, 'NotFound', `no post ${postId}`);
    return json(200, await view(post));
  }

  async function list(event: APIGatewayProxyEventV2WithJWTAuthorizer) {
    const query = v.safeParse(listQuery, event.queryStringParameters ?? {});
    if (!query.success) {
      return error(400, 'InvalidQuery', query.issues.map((i) => i.message).join('; '));
    }
    try {
      const page = await posts.list(query.output);
      return json(200, {
        items: await Promise.all(page.posts.map(view)),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      });
    } catch (cause) {
      if (cause instanceof InvalidCursorError) return error(400, 'InvalidCursor', cause.message);
      throw cause;
    }
  }

  return async (event) => {
    if (!event.requestContext.authorizer?.jwt?.claims) {
      return error(401, 'Unauthorized', 'a bearer token is required');
    }
    const { method } = event.requestContext.http;
    const path = event.rawPath.replace(/\/+$/, '') || '/';
    try {
      if (path === '/posts' && method === 'POST') return await create(event);
      if (path === '/posts' && method === 'GET') {
        const postId = event.queryStringParameters?.postId;
        return postId && postId !== '*' ? await getOne(postId) : await list(event);
      }
      const one = /^\/posts\/([^/]+)$/.exec(path);
      if (one && method === 'GET') return await getOne(decodeURIComponent(one[1]!));
      if (path === '/posts' || one)
        return error(405, 'MethodNotAllowed', `${method} is not allowed on ${path}`);
      return error(404, 'NotFound', `no route ${method} ${path}`);
    } catch (cause) {
      logger.error('posts API request failed', { method, path, error: cause as Error });
      return error(500, 'InternalError', 'something went wrong on our side; try again');
    }
  };
}
