/** What the posts Lambdas share, built on a function's first invocation from the environment. */
import { Logger } from '@aws-lambda-powertools/logger';
import { dynamoDocumentClient, s3Client } from '../aws/clients';
import { audioStore, type AudioStore } from './audioStore';
import { readPostsConfig, type PostsConfig } from './config';
import { postsRepository, type PostsRepository } from './repository';

export interface PostsDependencies {
  readonly config: PostsConfig;
  readonly posts: PostsRepository;
  readonly audio: AudioStore;
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
    audio: audioStore({ client: s3Client({ timeoutMs }), bucket: config.bucket }),
    logger: new Logger({ serviceName }),
  };
}
