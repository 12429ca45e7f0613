/** What the simulator page's live panel shows: players over the last minute, sensor averages, each station's shadow field by field, the latest posts. */
import { GetThingShadowCommand, ResourceNotFoundException } from '@aws-sdk/client-iot-data-plane';
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { stationCatalog } from '../../domain/catalog';
import { SENSOR_TYPES } from '../../domain/vocabulary';
import { readPostsConfig } from '../../lambda/posts/config';
import { postsRepository } from '../../lambda/posts/repository';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { sensorRollupRepository } from '../../lambda/rollups/sensorRollups';

/** Seconds of player counts the chart shows. */
export const PLAYER_POINTS = 60;

/** One field of a station's shadow: what the station reports, what is asked of it, and since when. */
export interface ShadowField {
  readonly field: string;
  readonly reported?: unknown;
  readonly desired?: unknown;
  /** The desired value the station has not reported yet (the shadow's delta). */
  readonly pending?: unknown;
  /** When the station reported it, epoch milliseconds. */
  readonly reportedAt?: number;
  /** When it was asked for, epoch milliseconds. */
  readonly desiredAt?: number;
}

export interface StationShadowTable {
  readonly stationId: string;
  readonly name: string;
  /** The shadow's version; absent when the station has no shadow yet. */
  readonly version?: number;
  readonly fields: readonly ShadowField[];
}

export interface LiveState {
  /** Players online per second, oldest first, epoch milliseconds. */
  readonly players: readonly { readonly windowTime: number; readonly userCount: number }[];
  readonly sensors: readonly {
    readonly stationId: string;
    readonly name: string;
    readonly sensors: readonly { sensor: string; average: number; windowTime: number }[];
  }[];
  readonly shadows: readonly StationShadowTable[];
  readonly posts: readonly {
    postId: string;
    title: string;
    status: string;
    locale: string;
    createdAt: string;
  }[];
}

const leafTimes = z.record(z.string(), z.unknown());
const shadowDocument = z.object({
  state: z
    .object({
      reported: z.record(z.string(), z.unknown()).optional(),
      desired: z.record(z.string(), z.unknown()).optional(),
      delta: z.record(z.string(), z.unknown()).optional(),
    })
    .default({}),
  metadata: z.object({ reported: leafTimes.optional(), desired: leafTimes.optional() }).default({}),
  version: z.number(),
});

/** The newest `{"timestamp": seconds}` under a field's metadata, in milliseconds. */
function fieldTime(metadata: unknown): number | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  let newest: number | undefined;
  for (const [key, value] of Object.entries(metadata)) {
    const candidate =
      key === 'timestamp' && typeof value === 'number' ? value * 1000 : fieldTime(value);
    if (candidate !== undefined && (newest === undefined || candidate > newest)) newest = candidate;
  }
  return newest;
}

/** A shadow document as rows, one per field the station reports or is asked for, in name order. */
export function shadowFields(document: unknown): { version: number; fields: ShadowField[] } {
  const { state, metadata, version } = shadowDocument.parse(document);
  const reported = state.reported ?? {};
  const desired = state.desired ?? {};
  const delta = state.delta ?? {};
  const names = [...new Set([...Object.keys(reported), ...Object.keys(desired)])].sort();
  const fields = names.map((field): ShadowField => {
    const reportedAt = fieldTime(metadata.reported?.[field]);
    const desiredAt = fieldTime(metadata.desired?.[field]);
    return {
      field,
      ...(field in reported ? { reported: reported[field] } : {}),
      ...(field in desired ? { desired: desired[field] } : {}),
      ...(field in delta ? { pending: delta[field] } : {}),
      ...(reportedAt === undefined ? {} : { reportedAt }),
      ...(desiredAt === undefined ? {} : { desiredAt }),
    };
  });
  return { version, fields };
}

export interface LiveStateReader {
  read(): Promise<LiveState>;
}

export function liveStateReader(options: {
  readonly dynamo: DynamoDBDocumentClient;
  readonly iot: IoTDataPlaneClient;
  readonly timeoutMs: number;
}): LiveStateReader {
  const { dynamo, iot, timeoutMs } = options;
  const ingest = readIngestConfig();
  const repositoryOptions = { client: dynamo, timeoutMs };
  const playerRollups = playerRollupRepository({
    ...repositoryOptions,
    tableName: ingest.userRollupsTable,
  });
  const sensors = sensorRollupRepository({
    ...repositoryOptions,
    tableName: ingest.sensorRollupsTable,
  });
  const posts = postsRepository({ client: dynamo, tableName: readPostsConfig().table });
  const stations = stationCatalog.stations;

  async function shadowTable(station: (typeof stations)[number]): Promise<StationShadowTable> {
    const name = station.names['en-US'].name;
    try {
      const { payload } = await iot.send(new GetThingShadowCommand({ thingName: station.id }), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
      const document: unknown = JSON.parse(new TextDecoder().decode(payload));
      return { stationId: station.id, name, ...shadowFields(document) };
    } catch (error) {
      if (error instanceof ResourceNotFoundException) {
        return { stationId: station.id, name, fields: [] };
      }
      throw error;
    }
  }

  return {
    async read() {
      const [players, sensorTable, shadows, postPage] = await Promise.all([
        // One-second windows: two minutes holds the last PLAYER_POINTS with room for gaps.
        playerRollups.playerCountsSince(Date.now() - 2 * PLAYER_POINTS * 1000),
        Promise.all(
          stations.map(async (station) => {
            const windows = await Promise.all(
              SENSOR_TYPES.map(async (type) => {
                const expected = stationCatalog.sensorsOfType(station, type).length;
                if (expected === 0) return undefined;
                const window = await sensors.latestSensorWindow(station.id, type, expected);
                return (
                  window && { sensor: type, average: window.average, windowTime: window.windowTime }
                );
              }),
            );
            return {
              stationId: station.id,
              name: station.names['en-US'].name,
              sensors: windows.filter((window) => window !== undefined),
            };
          }),
        ),
        Promise.all(stations.map(shadowTable)),
        posts.list({ limit: 10 }),
      ]);
      return {
        players: players
          .slice(-PLAYER_POINTS)
          .map(({ windowTime, userCount }) => ({ windowTime, userCount })),
        sensors: sensorTable,
        shadows,
        posts: postPage.posts.map(({ postId, title, status, locale, createdAt }) => ({
          postId,
          title,
          status,
          locale,
          createdAt,
        })),
      };
    },
  };
}
