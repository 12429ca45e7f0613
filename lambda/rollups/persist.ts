/** The persist Lambda: rollup records from Kinesis into DynamoDB, poison set aside, passing failures retried. */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type {
  Context,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
} from 'aws-lambda';
import type { IngestDependencies } from './ingestDependencies';
import { parseRollupRecord } from './records';
import { coalescingWriter } from './coalescingWriter';
import { sensorRollupPut, playerRollupPut } from './rollupPuts';
import { ItemRejectedError, PoisonRecordError } from './errors';
import { evaluateAlertsAfterWrite } from './alertsAfterWrite';
import type { WrittenRollups } from '../alerts/evaluation';

export type PersistDependencies = IngestDependencies;

export type PersistHandler = (
  event: KinesisStreamEvent,
  context: Context,
) => Promise<KinesisStreamBatchResponse>;

/** The record's data, decoded; a record is at most 1 MB, the log gets the first 4 KB of it. */
function dataOf(record: KinesisStreamRecord): string {
  return Buffer.from(record.kinesis.data, 'base64').toString('utf8');
}

export function createPersistHandler({
  config,
  writer,
  logger,
  metrics,
  alerts,
}: PersistDependencies): PersistHandler {
  return async (event, context) => {
    const put = coalescingWriter(writer);
    const written: { sensors: WrittenRollups['sensors'][number][]; players: boolean } = {
      sensors: [],
      players: false,
    };
    const counts = { RollupsWritten: 0, RecordsSetAside: 0, RecordsRetried: 0 };
    const setAside = (record: KinesisStreamRecord, reason: Error) => {
      logger.error('rollup record set aside: it can never be stored', {
        reason: reason.message,
        sequenceNumber: record.kinesis.sequenceNumber,
        eventID: record.eventID,
        eventSourceARN: record.eventSourceARN,
        data: dataOf(record).slice(0, 4096),
      });
      counts.RecordsSetAside += 1;
    };

    const recordHandler = async (record: KinesisStreamRecord) => {
      const arrivalMs = record.kinesis.approximateArrivalTimestamp * 1000;
      let request;
      let parsed;
      try {
        parsed = parseRollupRecord(dataOf(record), arrivalMs);
        request =
          parsed.kind === 'user'
            ? playerRollupPut(config, parsed.rollup, arrivalMs)
            : sensorRollupPut(config, parsed.rollup, arrivalMs);
      } catch (error) {
        if (error instanceof PoisonRecordError) return setAside(record, error);
        throw error;
      }
      try {
        await put(request);
        counts.RollupsWritten += 1;
        if (parsed.kind === 'user') written.players = true;
        else written.sensors.push(parsed.rollup);
      } catch (error) {
        if (error instanceof ItemRejectedError) return setAside(record, error);
        counts.RecordsRetried += 1;
        throw error;
      }
    };

    // A processor per invocation: it keeps the batch's results, and the local stack may run
    // several event source mappings into this handler at once.
    const processor = new BatchProcessor(EventType.KinesisDataStreams);
    try {
      const response = await processPartialResponse(event, recordHandler, processor, {
        context,
      });
      // Only what was written is judged, and only after it was written.
      await evaluateAlertsAfterWrite(alerts, written, metrics);
      return response;
    } finally {
      for (const [name, value] of Object.entries(counts))
        metrics.addMetric(name, MetricUnit.Count, value);
      metrics.publishStoredMetrics();
    }
  };
}
