/** The aggregate Lambda: raw events in Lambda tumbling windows, the finished window written as rollups. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  Context,
  KinesisStreamStateResponse,
  KinesisStreamTumblingWindowEvent,
} from 'aws-lambda';
import {
  accumulate,
  emptyWindowState,
  finishWindow,
  InvalidEventError,
  parseRawEvent,
  windowStateSchema,
  type RawEvent,
  type WindowState,
} from './aggregation';
import type { IngestDependencies } from './ingestDependencies';
import { sensorRollupPut, userRollupPut } from './rollupStore';
import { ItemRejectedError, WriteFailedError } from './writer';

export type AggregateDependencies = IngestDependencies;

export type AggregateHandler = (
  event: KinesisStreamTumblingWindowEvent,
  context: Context,
) => Promise<KinesisStreamStateResponse>;

/** The state Lambda hands back is the one this function returned: anything else is a bug. */
function restoreState(state: unknown): WindowState {
  if (state === undefined || state === null || Object.keys(state).length === 0)
    return emptyWindowState();
  const parsed = windowStateSchema.safeParse(state);
  if (!parsed.success)
    throw new Error(`tumbling-window state is not this function's: ${parsed.error.message}`);
  return parsed.data;
}

export function createAggregateHandler({
  config,
  writer,
  logger,
  metrics,
}: AggregateDependencies): AggregateHandler {
  return async (event) => {
    const window = { startMs: Date.parse(event.window.start), endMs: Date.parse(event.window.end) };
    const state = restoreState(event.state);

    const events: RawEvent[] = [];
    for (const record of event.Records) {
      const data = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
      try {
        events.push(parseRawEvent(data));
      } catch (error) {
        if (!(error instanceof InvalidEventError)) throw error;
        // A raw event no schema accepts is left out and logged; it must not hold up the shard.
        state.invalid += 1;
        logger.error('raw event set aside: it fits no schema', {
          reason: error.message,
          sequenceNumber: record.kinesis.sequenceNumber,
          eventSourceARN: record.eventSourceARN,
          data: data.slice(0, 4096),
        });
      }
    }
    accumulate(state, events, window, config.lateEventMs);
    if (!event.isFinalInvokeForWindow) return { state, batchItemFailures: [] };

    const finished = finishWindow(state, window);
    const requests = [
      ...(finished.users ? [userRollupPut(config, finished.users, window.endMs)] : []),
      ...finished.sensors.map((rollup) => sensorRollupPut(config, rollup, window.endMs)),
    ];
    const results = await writer.writeAll(requests);
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    const rejected = failed.filter((e) => e instanceof ItemRejectedError);
    for (const error of rejected)
      logger.error('rollup set aside: DynamoDB rejects it', { reason: error.message });
    if (failed.length > rejected.length) {
      // Throwing makes Lambda retry this final invoke with the same state: nothing is lost.
      throw new WriteFailedError(
        `${failed.length - rejected.length} of ${requests.length} rollups not written`,
      );
    }
    metrics.addMetric('RollupsWritten', MetricUnit.Count, requests.length - rejected.length);
    metrics.addMetric('LateEvents', MetricUnit.Count, state.late);
    metrics.addMetric('DuplicateEvents', MetricUnit.Count, state.duplicates);
    metrics.addMetric('InvalidEvents', MetricUnit.Count, state.invalid);
    if (event.isWindowTerminatedEarly) {
      logger.warn('window terminated early: its state outgrew the tumbling-window limit', {
        window: event.window,
      });
    }
    metrics.publishStoredMetrics();
    return { state: {}, batchItemFailures: [] };
  };
}
