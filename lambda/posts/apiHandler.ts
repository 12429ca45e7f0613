/** Lambda entry point of the posts API (HTTP API, payload format 2.0); loading it calls nothing. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { snsClient } from '../aws/clients';
import { ConfigError } from '../aws/errors';
import { snsAnnouncer } from './announcement';
import { createPostsApi, type PostsApi } from './api';
import { audioUrls } from './audioUrls';
import { postsDependencies } from './dependencies';

let api: PostsApi | undefined;

export async function handler(event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) {
  if (!api) {
    const dependencies = postsDependencies('pulse-posts-api', 3000);
    const { topicArn } = dependencies.config;
    if (!topicArn)
      throw new ConfigError('POSTS_TOPIC_ARN must name the topic new posts are announced on');
    const sns = snsClient({ timeoutMs: 3000 });
    api = createPostsApi({
      ...dependencies,
      audio: audioUrls({ bucket: dependencies.config.bucket }),
      announce: snsAnnouncer(sns, topicArn),
      newId: randomUUID,
      now: () => new Date(),
    });
  }
  return api(event, context);
}
