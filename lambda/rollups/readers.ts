/** The rollup readers every way in answers from: players and sensors, and the statistics over them. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stationCatalog } from '../../domain/catalog';
import { playerRollupRepository, type PlayerRollupReader } from './playerRollups';
import type { ReaderConfig } from './readerConfig';
import { sensorRollupRepository, type SensorRollupReader } from './sensorRollups';
import { rollupStatistics, type RollupStatistics } from './statistics';

export interface RollupReaders {
  /** The game's players: rollups of its user events, newest and over time. */
  readonly players: PlayerRollupReader;
  readonly sensors: SensorRollupReader;
  /** Highest, lowest and average over a period, and what is usual for the hour, from the rollups kept. */
  readonly statistics: RollupStatistics;
}

export interface RollupReadersOptions {
  readonly client: DynamoDBDocumentClient;
  readonly config: Pick<
    ReaderConfig,
    'userRollupsTable' | 'sensorRollupsTable' | 'dependencyTimeoutMs'
  >;
  /** How long rollups are kept: the longest period statistics cover. */
  readonly retentionDays: number;
  readonly now: () => number;
}

export function rollupReaders({
  client,
  config,
  retentionDays,
  now,
}: RollupReadersOptions): RollupReaders {
  const timeoutMs = config.dependencyTimeoutMs;
  const players = playerRollupRepository({
    client,
    tableName: config.userRollupsTable,
    timeoutMs,
    now,
  });
  const sensors = sensorRollupRepository({
    client,
    tableName: config.sensorRollupsTable,
    timeoutMs,
    now,
  });
  return {
    players,
    sensors,
    statistics: rollupStatistics({ sensors, players, catalog: stationCatalog, retentionDays, now }),
  };
}
