/** The skill's settings, read once from the environment and checked, with sensible defaults. */
import * as v from 'valibot';
import {
  nameVariable,
  optionalTextVariable,
  readEnvironment,
  wholeNumberVariable,
} from '../aws/environment';
import { readerEnvironment, readerSettings, type ReaderConfig } from '../rollups/readerConfig';
import { DEFAULT_ALERTS_PER_USER } from '../alerts/repository';
import { DEFAULT_ALERTS_TABLE } from '../alerts/table';

/** The readers' settings (tables, deadline, staleness, trend span), and the skill's own. */
const environment = v.object({
  ...readerEnvironment.entries,
  SKILL_ID: optionalTextVariable(),
  /** The time zone clock times are spoken in. */
  PULSE_TIME_ZONE: v.optional(
    v.pipe(v.string(), v.check(isTimeZone, 'not an IANA time zone')),
    'UTC',
  ),
  /** 'alexa-simulator' only for the local simulator, which plays post audio over plain http. */
  PULSE_SSML_TARGET: v.optional(v.picklist(['alexa', 'alexa-simulator']), 'alexa'),
  PULSE_VOICE_EN_US: optionalTextVariable(),
  PULSE_VOICE_EN_GB: optionalTextVariable(),
  PULSE_VOICE_DE_DE: optionalTextVariable(),
  ALERTS_TABLE: v.optional(nameVariable(), DEFAULT_ALERTS_TABLE),
  /** Alerts one user may have at once. */
  PULSE_ALERTS_PER_USER: v.optional(wholeNumberVariable(1, 50), DEFAULT_ALERTS_PER_USER),
  /** How long rollups are kept: the longest period statistics cover, the days "usual" looks back on. */
  PULSE_ROLLUP_RETENTION_DAYS: v.optional(
    v.pipe(v.unknown(), v.toNumber(), v.gtValue(0), v.maxValue(3650)),
    7,
  ),
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

export interface SkillConfig extends ReaderConfig {
  readonly skillId?: string;
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
    ...readerSettings(e),
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
