/**
 * What the posts Lambdas share, built on a function's first invocation from the environment. The
 * audio each needs is its own: the renderer stores MP3s (the S3 client), the API only links to them.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { dynamoDocumentClient } from '../aws/clients';
import { readPostsConfig, type PostsConfig } from './config';
import { postsRepository, type PostsRepository } from './repository';

export interface PostsDependencies {
  readonly config: PostsConfig;
  readonly posts: PostsRepository;
  readonly logger: Logger;
}

export function postsDependencies(serviceName: string, timeoutMs: number): PostsDependencies {
  const config = readPostsConfig();
  return {
    config,
    posts: postsRepository({
      client: dynamoDocumentClient({ timeoutMs }),
      tableName: config.table,
    }),
    logger: new Logger({ serviceName }),
  };
}
