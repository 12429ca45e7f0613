/** What the MCP server's tools are built with: the same domain services the skill uses, and creating posts as the posts API does. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { randomUUID } from 'node:crypto';
import { stationCatalog, type StationCatalog } from '../../domain/catalog';
import { dynamoDocumentClient, snsClient } from '../aws/clients';
import { iotDataClient } from '../aws/iotDataClient';
import { ConfigError } from '../aws/errors';
import { stationShadows, type StationShadows } from '../devices/shadows';
import { snsAnnouncer } from '../posts/announcement';
import { audioUrls, type AudioUrls } from '../posts/audioUrls';
import { readPostsConfig } from '../posts/config';
import { postPublisher, type PublishPost } from '../posts/publish';
import { postsRepository } from '../posts/repository';
import { postsWithinDeadline, type PostsWithinDeadline } from '../posts/withinDeadline';
import type { PlayerRollupReader } from '../rollups/playerRollups';
import type { ReaderConfig } from '../rollups/readerConfig';
import { rollupReaders } from '../rollups/readers';
import type { SensorRollupReader } from '../rollups/sensorRollups';
import type { RollupStatistics } from '../rollups/statistics';
import { readMcpStatisticsConfig } from './config';

export interface McpServices {
  /** The game's players: rollups of its user events, newest and over time. */
  readonly players: PlayerRollupReader;
  readonly sensors: SensorRollupReader;
  readonly shadows: StationShadows;
  readonly catalog: StationCatalog;
  readonly posts: Pick<PostsWithinDeadline, 'get' | 'list'>;
  /** Creates a post exactly as the posts API does: the same checks, limits and announcement. */
  readonly publishPost: PublishPost;
  /** Presigned URLs for post audio, valid this many seconds. */
  readonly postAudio: { readonly store: AudioUrls; readonly urlSeconds: number };
  /** Highest, lowest and average over a period, and what is usual for the hour, from the rollups kept. */
  readonly statistics: RollupStatistics;
  /** The zone whose hours of day and "today" the players' statistics are in (PULSE_TIME_ZONE). */
  readonly playersTimeZone: string;
  /** Epoch milliseconds; tests pin it. */
  readonly now: () => number;
}

/** Everything a tool may take: the services and the readers' settings. */
export interface McpDependencies extends McpServices {
  readonly config: ReaderConfig;
}

/** SNS publishes of new posts get the posts API's budget: one call, rarely slow. */
const ANNOUNCE_TIMEOUT_MS = 3000;

export function createMcpServices(
  config: ReaderConfig,
  logger: Pick<Logger, 'error'>,
  now: () => number = Date.now,
): McpServices {
  const timeoutMs = config.dependencyTimeoutMs;
  const dynamo = dynamoDocumentClient({ timeoutMs });
  const postsConfig = readPostsConfig();
  const { topicArn } = postsConfig;
  if (!topicArn) {
    throw new ConfigError('POSTS_TOPIC_ARN must name the topic new posts are announced on');
  }
  const settings = readMcpStatisticsConfig();
  const posts = postsWithinDeadline(
    postsRepository({ client: dynamo, tableName: postsConfig.table }),
    timeoutMs,
  );
  return {
    ...rollupReaders({ client: dynamo, config, retentionDays: settings.retentionDays, now }),
    playersTimeZone: settings.timeZone,
    shadows: stationShadows({ client: iotDataClient({ timeoutMs }), timeoutMs }),
    catalog: stationCatalog,
    posts,
    publishPost: postPublisher({
      posts,
      announce: snsAnnouncer(snsClient({ timeoutMs: ANNOUNCE_TIMEOUT_MS }), topicArn),
      newId: randomUUID,
      now: () => new Date(now()),
      defaultEngine: postsConfig.engine,
      logger,
    }),
    postAudio: {
      store: audioUrls({ bucket: postsConfig.bucket }),
      urlSeconds: postsConfig.audioUrlSeconds,
    },
    now,
  };
}
