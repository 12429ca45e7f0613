/** The MCP server's own settings, beside the readers' (tables, deadlines): what its statistics read, as the skill reads them. */
import { z } from 'zod';
import { readEnvironment } from '../aws/environment';

const environment = z.object({
  /** The zone of the players' hours of day and "today" (a station's are in its own zone). */
  PULSE_TIME_ZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'not an IANA time zone' }),
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

export interface McpStatisticsConfig {
  readonly timeZone: string;
  readonly retentionDays: number;
}

/** Reads the settings; a bad value throws one ConfigError naming each problem. */
export function readMcpStatisticsConfig(env: NodeJS.ProcessEnv = process.env): McpStatisticsConfig {
  const e = readEnvironment(environment, env, 'mcp');
  return { timeZone: e.PULSE_TIME_ZONE, retentionDays: e.PULSE_ROLLUP_RETENTION_DAYS };
}
