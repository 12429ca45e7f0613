/** The skill's settings, read once from the environment and checked, with sensible defaults. */
import * as z from 'zod/mini';
import '../../domain/zodMessages';
import { readEnvironment } from '../aws/environment';
import { DEFAULT_TABLE_NAMES } from '../rollups/tables';

const wholeNumber = (...checks: z.core.$ZodCheck<number>[]) =>
  z.coerce.number().check(z.int(), ...checks);
const seconds = (fallback: number) => z._default(wholeNumber(z.positive()), fallback);
const optionalText = z.pipe(
  z.optional(z.string()),
  z.transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim())),
);
const tableName = (fallback: string) => z._default(z.string().check(z.minLength(1)), fallback);

const environment = z.object({
  SKILL_ID: optionalText,
  USER_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.userRollups),
  SENSOR_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.sensorRollups),
  /** Each dependency call's deadline; the skill must answer within 3 s even when one hangs. */
  PULSE_DEPENDENCY_TIMEOUT_MS: z._default(wholeNumber(z.gte(50), z.lte(2500)), 1000),
  /** A player rollup older than this is announced as old (rollups arrive every second). */
  PULSE_USER_ROLLUP_STALE_SECONDS: seconds(120),
  /** A sensor window older than this is announced as old (windows are 60 s and close late). */
  PULSE_SENSOR_ROLLUP_STALE_SECONDS: seconds(300),
  /** The longest span a trend question may cover. */
  PULSE_TREND_MAX_MINUTES: seconds(60),
  /** The time zone clock times are spoken in. */
  PULSE_TIME_ZONE: z._default(
    z.string().check(z.refine(isTimeZone, { message: 'not an IANA time zone' })),
    'UTC',
  ),
  /** 'alexa-simulator' only for the local simulator, which plays post audio over plain http. */
  PULSE_SSML_TARGET: z._default(z.enum(['alexa', 'alexa-simulator']), 'alexa'),
  PULSE_VOICE_EN_US: optionalText,
  PULSE_VOICE_EN_GB: optionalText,
  PULSE_VOICE_DE_DE: optionalText,
});

/**
 * True for a zone Intl accepts. The canonical names (and UTC) are known without building a
 * DateTimeFormat, whose first construction loads ICU's date patterns: about 12 ms of a cold start.
 * An alias ("US/Pacific") or a mistake takes the long way.
 */
function isTimeZone(zone: string): boolean {
  if (zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone)) return true;
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
    voices: {
      ...(e.PULSE_VOICE_EN_US && { 'en-US': e.PULSE_VOICE_EN_US }),
      ...(e.PULSE_VOICE_EN_GB && { 'en-GB': e.PULSE_VOICE_EN_GB }),
      ...(e.PULSE_VOICE_DE_DE && { 'de-DE': e.PULSE_VOICE_DE_DE }),
    },
  };
}
