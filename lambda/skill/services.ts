/** The skill's data sources, built from the configuration: rollups in DynamoDB, shadows in IoT. */
import { dynamoDocumentClient, iotDataClient, s3Client } from '../aws/clients';
import { audioStore } from '../posts/audioStore';
import { readPostsConfig } from '../posts/config';
import { postsRepository, type PostsRepository } from '../posts/repository';
import { withDeadline } from '../aws/deadline';
import { stationCatalog } from '../devices/catalog';
import { stationShadows } from '../devices/shadows';
import { sensorRollupRepository } from '../rollups/sensorRollups';
import { playerRollupRepository } from '../rollups/playerRollups';
import type { SkillConfig } from './config';
import type { SkillServices } from './conversation';

/** The skill's reads of posts, each bounded by the dependency deadline like every other call. */
function withinDeadline(repository: PostsRepository, timeoutMs: number): SkillServices['posts'] {
  return {
    get: (postId) =>
      withDeadline('dynamodb', 'GetItem post', timeoutMs, () => repository.get(postId)),
    list: (options) =>
      withDeadline('dynamodb', 'Query posts', timeoutMs, () => repository.list(options)),
  };
}

export function createSkillServices(
  config: SkillConfig,
  now: () => number = Date.now,
): SkillServices {
  const timeoutMs = config.dependencyTimeoutMs;
  const dynamo = dynamoDocumentClient({ timeoutMs });
  const posts = readPostsConfig();
  return {
    users: playerRollupRepository({
      client: dynamo,
      tableName: config.userRollupsTable,
      timeoutMs,
      now,
    }),
    sensors: sensorRollupRepository({
      client: dynamo,
      tableName: config.sensorRollupsTable,
      timeoutMs,
      now,
    }),
    shadows: stationShadows({ client: iotDataClient({ timeoutMs }), timeoutMs }),
    catalog: stationCatalog,
    posts: withinDeadline(postsRepository({ client: dynamo, tableName: posts.table }), timeoutMs),
    postAudio: {
      store: audioStore({ client: s3Client({ timeoutMs }), bucket: posts.bucket }),
      urlSeconds: posts.audioUrlSeconds,
    },
    now,
  };
}
