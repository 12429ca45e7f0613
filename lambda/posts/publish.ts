/** Creating a post, for every way in (the posts API, the MCP server): checked, stored PROCESSING, announced to the renderer. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Announce } from './announcement';
import { AnnounceFailedError } from './errors';
import { checkNewPost } from './postRequest';
import type { PostStatus, PostsRepository } from './repository';

export interface PostPublisherDependencies {
  readonly posts: Pick<PostsRepository, 'create' | 'fail'>;
  /** Announces a new post to the renderer (SNS). */
  readonly announce: Announce;
  readonly newId: () => string;
  readonly now: () => Date;
  /** The Polly engine a post gets unless it asks for one. */
  readonly defaultEngine: 'standard' | 'neural';
  readonly logger: Pick<Logger, 'error'>;
}

export interface CreatedPost {
  readonly postId: string;
  readonly status: PostStatus;
}

/**
 * Creates a post from a request body (`{"text", "title"?, "voice"?, "textType"?, "locale"?,
 * "engine"?}`). Throws PostRejected saying what is wrong with the body, or AnnounceFailedError
 * when the post was stored but the renderer could not be told (the post is then FAILED).
 */
export type PublishPost = (body: unknown) => Promise<CreatedPost>;

export function postPublisher(deps: PostPublisherDependencies): PublishPost {
  const { posts, logger } = deps;
  return async (body) => {
    const post = checkNewPost(body, { postId: deps.newId(), defaultEngine: deps.defaultEngine });
    const stored = await posts.create(post, deps.now());
    try {
      await deps.announce(stored.postId);
    } catch (cause) {
      // Nothing will render it: say so on the post itself, rather than leave it PROCESSING.
      logger.error('could not announce a new post', {
        postId: stored.postId,
        error: cause as Error,
      });
      await posts.fail(
        stored.postId,
        { code: 'AnnounceFailed', message: 'the renderer could not be notified' },
        deps.now(),
      );
      throw new AnnounceFailedError(stored.postId, { cause });
    }
    return { postId: stored.postId, status: stored.status };
  };
}
