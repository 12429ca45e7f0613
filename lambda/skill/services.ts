/** What the skill's handlers are built with: the data sources (rollups in DynamoDB, shadows in IoT, posts), the settings, the voices. */
import { stationCatalog, type StationCatalog } from '../../domain/catalog';
import { dynamoDocumentClient } from '../aws/clients';
import { alertRepository, type UserAlerts } from '../alerts/repository';
import type { RollupStatistics } from '../rollups/statistics';
import { stationShadows, type StationShadows } from '../devices/shadows';
import { iotDataClient } from '../aws/iotDataClient';
import { audioUrls, type AudioUrls } from '../posts/audioUrls';
import { readPostsConfig } from '../posts/config';
import { postsRepository, type PostsRepository } from '../posts/repository';
import { postsWithinDeadline } from '../posts/withinDeadline';
import { rollupReaders } from '../rollups/readers';
import type { SensorRollupReader } from '../rollups/sensorRollups';
import type { PlayerRollupReader } from '../rollups/playerRollups';
import type { SkillConfig } from './config';
import type { VoiceOf } from './voice';

export interface SkillServices {
  /** The user's alerts: set, listed, deleted (evaluation is the ingestion Lambdas'). */
  readonly alerts: UserAlerts;
  /** Highest, lowest and average over a period, and what is usual for the hour. */
  readonly statistics: RollupStatistics;
  /** The game's players: rollups of its user events, newest and over time. */
  readonly players: PlayerRollupReader;
  readonly sensors: SensorRollupReader;
  readonly shadows: StationShadows;
  readonly catalog: StationCatalog;
  readonly posts: Pick<PostsRepository, 'get' | 'list'>;
  /** Presigned URLs for post audio, valid this many seconds. */
  readonly postAudio: { readonly store: AudioUrls; readonly urlSeconds: number };
  /** Epoch milliseconds; tests pin it. */
  readonly now: () => number;
}

/** Everything a handler factory may take: the services, the settings, and each request's voice. */
export interface SkillDependencies extends SkillServices {
  readonly config: SkillConfig;
  readonly voiceOf: VoiceOf;
}

/**
 * The station shadows and their IoT data-plane client made on the first question about a station:
 * a launch or a question about players does not wait for them. Their modules are imported as
 * every other: an import() here made the bundle keep every export of the modules it reaches (the
 * DynamoDB client's every command and waiter among them), 56 KB more for the skill to compile.
 */
function shadowsOnFirstUse(timeoutMs: number): StationShadows {
  let made: StationShadows | undefined;
  const shadows = () =>
    (made ??= stationShadows({ client: iotDataClient({ timeoutMs }), timeoutMs }));
  return {
    // Async, so that a client that cannot be made rejects the call rather than throwing from it.
    stationShadow: async (stationId) => shadows().stationShadow(stationId),
    requestDesiredChange: async (stationId, change) =>
      shadows().requestDesiredChange(stationId, change),
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
    ...rollupReaders({ client: dynamo, config, retentionDays: config.retentionDays, now }),
    alerts: alertRepository({
      client: dynamo,
      tableName: config.alertsTable,
      timeoutMs,
      maxPerUser: config.alertsPerUser,
      catalog: stationCatalog,
      now,
    }),
    shadows: shadowsOnFirstUse(timeoutMs),
    catalog: stationCatalog,
    // The skill's reads of posts, each bounded by the dependency deadline like every other call.
    posts: postsWithinDeadline(
      postsRepository({ client: dynamo, tableName: posts.table }),
      timeoutMs,
    ),
    postAudio: {
      store: audioUrls({ bucket: posts.bucket }),
      urlSeconds: posts.audioUrlSeconds,
    },
    now,
  };
}
