/** Where rollups go: one put request per whole window or sensor partial, with its TTL, for the shared batch writer. */
import { sensorRollupToItem, type SensorRollup } from './sensorRollups';
import { SENSOR_ROLLUPS_TABLE, USER_ROLLUPS_TABLE } from './tables';
import { userRollupToItem, type UserRollup } from './userRollups';
import type { IngestConfig } from './ingestConfig';
import type { PutRequest, RollupWriter } from './writer';

const keyAttributes = (design: typeof USER_ROLLUPS_TABLE) => [
  design.partitionKey.name,
  design.sortKey.name,
];

/**
 * The TTL counts from the window or from when the record arrived, whichever is later: a record
 * replayed from an old stream lives its full retention, and a redelivered record makes the very
 * same item, since both times belong to the record.
 */
export function rollupExpiresAt(
  config: IngestConfig,
  windowTime: number,
  arrivalMs: number,
): number {
  return Math.floor(Math.max(windowTime, arrivalMs) / 1000) + config.retentionSeconds;
}

export function userRollupPut(
  config: IngestConfig,
  rollup: UserRollup,
  arrivalMs: number,
): PutRequest {
  return {
    table: config.userRollupsTable,
    item: userRollupToItem(rollup, rollupExpiresAt(config, rollup.windowTime, arrivalMs)),
    keyAttributes: keyAttributes(USER_ROLLUPS_TABLE),
  };
}

/** A whole window (persist), or with `source` one shard's partial of it (aggregate). */
export function sensorRollupPut(
  config: IngestConfig,
  rollup: SensorRollup,
  arrivalMs: number,
  source?: string,
): PutRequest {
  return {
    table: config.sensorRollupsTable,
    item: sensorRollupToItem(rollup, rollupExpiresAt(config, rollup.windowTime, arrivalMs), source),
    keyAttributes: keyAttributes(SENSOR_ROLLUPS_TABLE),
  };
}

/**
 * Collects the puts made in one turn of the event loop into one writeAll, so that records handled
 * concurrently share BatchWriteItem calls; each put settles with its own item's outcome.
 */
export function coalescingWriter(writer: RollupWriter): (request: PutRequest) => Promise<void> {
  let queue: { request: PutRequest; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      const results = await writer.writeAll(batch.map((entry) => entry.request));
      results.forEach((result, i) =>
        result.status === 'fulfilled' ? batch[i]!.resolve() : batch[i]!.reject(result.reason),
      );
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };
  return (request) =>
    new Promise<void>((resolve, reject) => {
      if (queue.length === 0) setImmediate(() => void flush());
      queue.push({ request, resolve, reject });
    });
}
