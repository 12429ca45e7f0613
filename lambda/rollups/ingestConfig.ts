/** Settings of the ingestion Lambdas (persist, aggregate), read once from the environment and checked. */
import * as z from 'zod/mini';
import '../../domain/zodMessages';
import { readEnvironment } from '../aws/environment';
import { DEFAULT_ALERTS_TABLE } from '../alerts/table';
import { DEFAULT_TABLE_NAMES } from './tables';

const tableName = (fallback: string) => z._default(z.string().check(z.minLength(1)), fallback);

const environment = z.object({
  USER_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.userRollups),
  SENSOR_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.sensorRollups),
  /** How long rollups are kept: DynamoDB's TTL removes them after this many days. */
  PULSE_ROLLUP_RETENTION_DAYS: z._default(z.coerce.number().check(z.positive(), z.lte(3650)), 7),
  /**
   * Unset (the talks' SQL apps' way): an event counts in the window it arrives in, whatever its own
   * clock says. Set: an event whose own time lies more than this before its window's start is left
   * out.
   */
  PULSE_LATE_EVENT_SECONDS: z.optional(z.coerce.number().check(z.int(), z.nonnegative())),
  /** BatchWriteItem calls per chunk before the rest is handed back to Lambda to retry. */
  PULSE_WRITE_MAX_ATTEMPTS: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(20)), 6),
  ALERTS_TABLE: tableName(DEFAULT_ALERTS_TABLE),
  /** Where firing alerts are published; unset (or empty), rollups are written without evaluating alerts. */
  ALERTS_TOPIC_ARN: z.pipe(
    z.optional(z.string()),
    z.transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim())),
  ),
  /** The longest alert evaluation may hold up a batch after its rollups are written. */
  PULSE_ALERT_EVALUATION_MS: z._default(
    z.coerce.number().check(z.int(), z.gte(100), z.lte(10_000)),
    1500,
  ),
});

export interface IngestConfig {
  readonly userRollupsTable: string;
  readonly sensorRollupsTable: string;
  readonly retentionSeconds: number;
  /** Infinity when late events are not left out. */
  readonly lateEventMs: number;
  readonly writeMaxAttempts: number;
  readonly alertsTable: string;
  /** Undefined: alerts are not evaluated. */
  readonly alertsTopicArn: string | undefined;
  readonly alertEvaluationMs: number;
}

export function readIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const e = readEnvironment(environment, env, 'ingestion');
  return {
    userRollupsTable: e.USER_ROLLUPS_TABLE,
    sensorRollupsTable: e.SENSOR_ROLLUPS_TABLE,
    retentionSeconds: Math.round(e.PULSE_ROLLUP_RETENTION_DAYS * 86400),
    lateEventMs:
      e.PULSE_LATE_EVENT_SECONDS === undefined ? Infinity : e.PULSE_LATE_EVENT_SECONDS * 1000,
    writeMaxAttempts: e.PULSE_WRITE_MAX_ATTEMPTS,
    alertsTable: e.ALERTS_TABLE,
    alertsTopicArn: e.ALERTS_TOPIC_ARN,
    alertEvaluationMs: e.PULSE_ALERT_EVALUATION_MS,
  };
}
