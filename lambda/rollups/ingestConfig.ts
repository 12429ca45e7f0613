/** Settings of the ingestion Lambdas (persist, aggregate), read once from the environment and checked. */
import * as v from 'valibot';
import {
  nameVariable,
  optionalTextVariable,
  readEnvironment,
  wholeNumberVariable,
} from '../aws/environment';
import { DEFAULT_ALERTS_TABLE } from '../alerts/table';
import { DEFAULT_TABLE_NAMES } from './tables';

const tableName = (fallback: string) => v.optional(nameVariable(), fallback);

const environment = v.object({
  USER_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.userRollups),
  SENSOR_ROLLUPS_TABLE: tableName(DEFAULT_TABLE_NAMES.sensorRollups),
  /** How long rollups are kept: DynamoDB's TTL removes them after this many days. */
  PULSE_ROLLUP_RETENTION_DAYS: v.optional(
    v.pipe(v.unknown(), v.toNumber(), v.gtValue(0), v.maxValue(3650)),
    7,
  ),
  /**
   * Unset (the talks' SQL apps' way): an event counts in the window it arrives in, whatever its own
   * clock says. Set: an event whose own time lies more than this before its window's start is left
   * out.
   */
  PULSE_LATE_EVENT_SECONDS: v.optional(wholeNumberVariable(0)),
  /** BatchWriteItem calls per chunk before the rest is handed back to Lambda to retry. */
  PULSE_WRITE_MAX_ATTEMPTS: v.optional(wholeNumberVariable(1, 20), 6),
  ALERTS_TABLE: tableName(DEFAULT_ALERTS_TABLE),
  /** Where firing alerts are published; unset (or empty), rollups are written without evaluating alerts. */
  ALERTS_TOPIC_ARN: optionalTextVariable(),
  /** The longest alert evaluation may hold up a batch after its rollups are written. */
  PULSE_ALERT_EVALUATION_MS: v.optional(wholeNumberVariable(100, 10_000), 1500),
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
