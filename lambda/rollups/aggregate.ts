/** The aggregate Lambda: raw events in Lambda tumbling windows, the finished window written as rollups. */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  Context,
  KinesisStreamStateResponse,
  KinesisStreamTumblingWindowEvent,
} from 'aws-lambda';
import * as v from 'valibot';
import { summary } from '../../domain/schema';
import {
  accumulate,
  emptyWindowState,
  finishWindow,
  parseRawEvent,
  windowStateSchema,
  type RawEvent,
  type WindowState,
} from './aggregation';
import type { IngestDependencies } from './ingestDependencies';
import { rollupExpiresAt } from './retention';
import { sensorRollupPut } from './rollupPuts';
import type { PlayerPartialWriter } from './playerPartials';
import { InvalidEventError, ItemRejectedError, WindowEventError, WriteFailedError } from './errors';
import { evaluateAlertsAfterWrite } from './alertsAfterWrite';

export type AggregateDependencies = IngestDependencies & { readonly partials: PlayerPartialWriter };

/** Lambda's tumbling-window event; AWS sends `shardId` too, which @types/aws-lambda leaves out. */
export type AggregateEvent = KinesisStreamTumblingWindowEvent & { shardId?: string };

export type AggregateHandler = (
  event: AggregateEvent,
  context: Context,
) => Promise<KinesisStreamStateResponse>;

/** The shard of a record: its `eventID` is `<shard ID>:<sequence number>`. */
function shardOfRecord(eventId: string | undefined): string | undefined {
  const cut = eventId?.lastIndexOf(':') ?? -1;
  return eventId && cut > 0 ? eventId.slice(0, cut) : undefined;
}

/** The state Lambda hands back is the one this function returned: anything else is a bug. */
function restoreState(state: unknown): WindowState {
  if (state === undefined || state === null || Object.keys(state).length === 0)
    return emptyWindowState();
  const parsed = v.safeParse(windowStateSchema, state);
  if (!parsed.success)
    throw new WindowEventError(
      `tumbling-window state is not this function's: ${summary(parsed.issues)}`,
    );
  return parsed.output;
}

export function createAggregateHandler({
  config,
  writer,
  partials,
  logger,
  metrics,
  alerts,
}: AggregateDependencies): AggregateHandler {
  return async (event) => {
    const window = { startMs: Date.parse(event.window.start), endMs: Date.parse(event.window.end) };
    const state = restoreState(event.state);
    state.first ??= event.Records[0]?.kinesis.sequenceNumber;
    // AWS names the shard in the event; the state remembers it from the records all the same.
    const shardId = event.shardId ?? state.shard ?? shardOfRecord(event.Records[0]?.eventID);
    if (shardId !== undefined) state.shard = shardId;

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
    if (shardId === undefined && (finished.players || finished.sensors.length > 0))
      throw new WindowEventError(
        'the window event names no shard (shardId), and it has no records to tell',
      );
    // Each shard writes its own partial of the window; a part of a window Lambda ended early
    // is a source of its own, so that the next part does not overwrite it.
    const source =
      event.isWindowTerminatedEarly && state.first ? `${shardId}~${state.first}` : shardId!;
    const requests = finished.sensors.map((rollup) =>
      sensorRollupPut(config, rollup, window.endMs, source),
    );
    const players = finished.players;
    const settled = await Promise.allSettled([
      writer.writeAll(requests),
      players &&
        partials.write({
          table: config.userRollupsTable,
          source,
          rollup: players,
          expiresAt: rollupExpiresAt(config, players.windowTime, window.endMs),
        }),
    ]);
    const [sensorResults, playersResult] = settled;
    const results = [
      ...(sensorResults.status === 'fulfilled'
        ? sensorResults.value
        : requests.map(() => sensorResults)),
      ...(players ? [playersResult] : []),
    ];
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
    const rejected = failed.filter((e) => e instanceof ItemRejectedError);
    for (const error of rejected)
      logger.error('rollup set aside: DynamoDB rejects it', { reason: error.message });
    if (failed.length > rejected.length) {
      // Throwing makes Lambda retry this final invoke with the same state: nothing is lost.
      throw new WriteFailedError(
        `${failed.length - rejected.length} of ${results.length} rollups not written`,
      );
    }
    // Written: now the alerts on it are judged, within their budget, never failing the window.
    await evaluateAlertsAfterWrite(
      alerts,
      {
        sensors: finished.sensors.filter(
          (_, i) =>
            sensorResults.status === 'fulfilled' && sensorResults.value[i]?.status === 'fulfilled',
        ),
        players: players !== undefined && playersResult.status === 'fulfilled',
      },
      metrics,
    );
    metrics.addMetric('RollupsWritten', MetricUnit.Count, results.length - rejected.length);
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
