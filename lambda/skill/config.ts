/** The skill's settings, read once from the environment and checked, with sensible defaults. */
import { z } from 'zod';
import { readEnvironment } from '../aws/environment';
import { DEFAULT_ALERTS_PER_USER } from '../alerts/repository';
import { DEFAULT_ALERTS_TABLE } from '../alerts/table';
import { DEFAULT_TABLE_NAMES } from '../rollups/tables';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const environment = z.object({
  SKILL_ID: optionalText,
  USER_ROLLUPS_TABLE: z.string().min(1).default(DEFAULT_TABLE_NAMES.userRollups),
  SENSOR_ROLLUPS_TABLE: z.string().min(1).default(DEFAULT_TABLE_NAMES.sensorRollups),
  /** Each dependency call's deadline; the skill must answer within 3 s even when one hangs. */
  PULSE_DEPENDENCY_TIMEOUT_MS: z.coerce.number().int().min(50).max(2500).default(1000),
  /** A player rollup older than this is announced as old (rollups arrive every second). */
  PULSE_USER_ROLLUP_STALE_SECONDS: seconds(120),
  /** A sensor window older than this is announced as old (windows are 60 s and close late). */
  PULSE_SENSOR_ROLLUP_STALE_SECONDS: seconds(300),
  /** The longest span a trend question may cover. */
  PULSE_TREND_MAX_MINUTES: seconds(60),
  /** The time zone clock times are spoken in. */
  PULSE_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'not an IANA time zone' }),
  /** 'alexa-simulator' only for the local simulator, which plays post audio over plain http. */
  PULSE_SSML_TARGET: z.enum(['alexa', 'alexa-simulator']).default('alexa'),
  PULSE_VOICE_EN_US: optionalText,
  PULSE_VOICE_EN_GB: optionalText,
  PULSE_VOICE_DE_DE: optionalText,
  ALERTS_TABLE: z.string().min(1).default(DEFAULT_ALERTS_TABLE),
  /** Alerts one user may have at once. */
  PULSE_ALERTS_PER_USER: z.coerce.number().int().min(1).max(50).default(DEFAULT_ALERTS_PER_USER),
  /** How long rollups are kept: the longest period statistics cover, the days "usual" looks back on. */
  PULSE_ROLLUP_RETENTION_DAYS: z.coerce.number().positive().max(3650).default(7),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface SkillConfig {
  readonly skillId?: string;
  readonly userRollupsTable: string;
  readonly sensorRollupsTable: string;
  readonly dependencyTimeoutMs: number;
  readonly userRollupStaleSeconds: number;
  readonly sensorRollupStaleSeconds: number;
  readonly trendMaxMinutes: number;
  readonly timeZone: string;
  readonly ssmlTarget: 'alexa' | 'alexa-simulator';
  readonly alertsTable: string;
  readonly alertsPerUser: number;
  readonly retentionDays: number;
  readonly voices: {
    readonly 'en-US'?: string;
    readonly 'en-GB'?: string;
    readonly 'de-DE'?: string;
  };
}

/** What a bad setting throws: the one configuration error of every Lambda. */
export { ConfigError } from '../aws/errors';

export function readConfig(env: NodeJS.ProcessEnv = process.env): SkillConfig {
  const e = readEnvironment(environment, env, 'skill');
  return {
    ...(e.SKILL_ID === undefined ? {} : { skillId: e.SKILL_ID }),
    userRollupsTable: e.USER_ROLLUPS_TABLE,
    sensorRollupsTable: e.SENSOR_ROLLUPS_TABLE,
    dependencyTimeoutMs: e.PULSE_DEPENDENCY_TIMEOUT_MS,
    userRollupStaleSeconds: e.PULSE_USER_ROLLUP_STALE_SECONDS,
    sensorRollupStaleSeconds: e.PULSE_SENSOR_ROLLUP_STALE_SECONDS,
    trendMaxMinutes: e.PULSE_TREND_MAX_MINUTES,
    timeZone: e.PULSE_TIME_ZONE,
    ssmlTarget: e.PULSE_SSML_TARGET,
    alertsTable: e.ALERTS_TABLE,
    alertsPerUser: e.PULSE_ALERTS_PER_USER,
    retentionDays: e.PULSE_ROLLUP_RETENTION_DAYS,
    voices: {
      ...(e.PULSE_VOICE_EN_US && { 'en-US': e.PULSE_VOICE_EN_US }),
      ...(e.PULSE_VOICE_EN_GB && { 'en-GB': e.PULSE_VOICE_EN_GB }),
      ...(e.PULSE_VOICE_DE_DE && { 'de-DE': e.PULSE_VOICE_DE_DE }),
    },
  };
}
