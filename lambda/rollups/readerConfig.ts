/** The settings of answering from live data, read alike by every way in (the skill, the MCP server): tables, deadlines, staleness, trend span. */
import * as z from 'zod/mini';
import '../../domain/zodMessages';
import { readEnvironment } from '../aws/environment';
import { DEFAULT_TABLE_NAMES } from './tables';

const wholeNumber = (...checks: z.core.$ZodCheck<number>[]) =>
  z.coerce.number().check(z.int(), ...checks);
const seconds = (fallback: number) => z._default(wholeNumber(z.positive()), fallback);
const tableName = (fallback: string) => z._default(z.string().check(z.minLength(1)), fallback);

const environment = z.object({
  USER_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.userRollups),
  SENSOR_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.sensorRollups),
  /** Each dependency call's deadline; an answer must come within a few seconds even when one hangs. */
  PULSE_DEPENDENCY_TIMEOUT_MS: z._default(wholeNumber(z.gte(50), z.lte(2500)), 1000),
  /** A player rollup older than this is announced as old (rollups arrive every second). */
  PULSE_USER_ROLLUP_STALE_SECONDS: seconds(120),
  /** A sensor window older than this is announced as old (windows are 60 s and close late). */
  PULSE_SENSOR_ROLLUP_STALE_SECONDS: seconds(300),
  /** The longest span a trend question may cover. */
  PULSE_TREND_MAX_MINUTES: seconds(60),
});

/** The schema of these settings, for a way in that reads more settings of its own in the same pass. */
export const readerEnvironment = environment;

export interface ReaderConfig {
  readonly userRollupsTable: string;
  readonly sensorRollupsTable: string;
  readonly dependencyTimeoutMs: number;
  readonly userRollupStaleSeconds: number;
  readonly sensorRollupStaleSeconds: number;
  readonly trendMaxMinutes: number;
}

/** The settings from an environment parsed with `readerEnvironment` (or a schema extending it). */
export function readerSettings(e: z.output<typeof environment>): ReaderConfig {
  return {
    userRollupsTable: e.USER_ROLLUPS_TABLE,
    sensorRollupsTable: e.SENSOR_ROLLUPS_TABLE,
    dependencyTimeoutMs: e.PULSE_DEPENDENCY_TIMEOUT_MS,
    userRollupStaleSeconds: e.PULSE_USER_ROLLUP_STALE_SECONDS,
    sensorRollupStaleSeconds: e.PULSE_SENSOR_ROLLUP_STALE_SECONDS,
    trendMaxMinutes: e.PULSE_TREND_MAX_MINUTES,
  };
}

/** Reads the settings alone; a bad value throws one ConfigError naming each problem. */
export function readReaderConfig(
  env: NodeJS.ProcessEnv = process.env,
  service = 'reader',
): ReaderConfig {
  return readerSettings(readEnvironment(environment, env, service));
}
