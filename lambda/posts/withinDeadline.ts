/** The posts repository's calls a way in makes while someone waits, each bounded by the dependency deadline. */
import { withDeadline } from '../aws/deadline';
import { InvalidCursorError } from './errors';
import type { PostsRepository } from './repository';

export type PostsWithinDeadline = Pick<PostsRepository, 'get' | 'list' | 'create' | 'fail'>;

export function postsWithinDeadline(
  repository: PostsRepository,
  timeoutMs: number,
): PostsWithinDeadline {
  return {
    get: (postId) =>
      withDeadline('dynamodb', 'GetItem post', timeoutMs, () => repository.get(postId)),
    // A cursor the API never handed out is the caller's mistake, not DynamoDB's: it passes as it is.
    list: (options) =>
      withDeadline(
        'dynamodb',
        'Query posts',
        timeoutMs,
        () => repository.list(options),
        (error) => error instanceof InvalidCursorError,
      ),
    create: (post, now) =>
      withDeadline('dynamodb', 'PutItem post', timeoutMs, () => repository.create(post, now)),
    fail: (postId, error, now) =>
      withDeadline('dynamodb', 'UpdateItem post', timeoutMs, () =>
        repository.fail(postId, error, now),
      ),
  };
}
