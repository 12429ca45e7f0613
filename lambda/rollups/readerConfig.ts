/** The settings of answering from live data, read alike by every way in (the skill, the MCP server): tables, deadlines, staleness, trend span. */
import * as v from 'valibot';
import { nameVariable, readEnvironment, wholeNumberVariable } from '../aws/environment';
import { DEFAULT_TABLE_NAMES } from './tables';

const seconds = (fallback: number) => v.optional(wholeNumberVariable(1), fallback);

const environment = v.object({
  USER_ROLLUPS_TABLE: v.optional(nameVariable(), DEFAULT_TABLE_NAMES.userRollups),
  SENSOR_ROLLUPS_TABLE: v.optional(nameVariable(), DEFAULT_TABLE_NAMES.sensorRollups),
  /** Each dependency call's deadline; an answer must come within a few seconds even when one hangs. */
  PULSE_DEPENDENCY_TIMEOUT_MS: v.optional(wholeNumberVariable(50, 2500), 1000),
  /** A player rollup older than this is announced as old (rollups arrive every second). */
  PULSE_USER_ROLLUP_STALE_SECONDS: seconds(120),
  /** A sensor window older than this is announced as old (windows are 60 s and close late). */
  PULSE_SENSOR_ROLLUP_STALE_SECONDS: seconds(300),
  /** The longest span a trend question may cover. */
  PULSE_TREND_MAX_MINUTES: seconds(60),
});

/** The schema of these settings, for a way in that reads more settings of its own in the same pass (`...readerEnvironment.entries`). */
export const readerEnvironment = environment;

export interface ReaderConfig {
  readonly userRollupsTable: string;
  readonly sensorRollupsTable: string;
  readonly dependencyTimeoutMs: number;
  readonly userRollupStaleSeconds: number;
  readonly sensorRollupStaleSeconds: number;
  readonly trendMaxMinutes: number;
}

/** The settings from an environment parsed with `readerEnvironment` (or a schema holding its entries). */
export function readerSettings(e: v.InferOutput<typeof environment>): ReaderConfig {
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
