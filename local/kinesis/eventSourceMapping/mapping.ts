/**
 * A local Lambda event source mapping for Kinesis: a consumer per shard (following resharding,
 * parents before children), checkpoints kept on disk, drains and a clean stop.
 */
import { Checkpoints } from './checkpoints';
import {
  LOCAL_ACCOUNT_ID,
  retryDelayMs,
  streamArn,
  type KinesisTumblingWindowHandler,
} from './contract';
import type { Delivery } from './delivery';
import { DrainError } from './errors';
import { PlainBatches } from './plainBatches';
import { errorOf, ShardConsumer, type MappingRuntime } from './shardConsumer';
import { Sleeper } from './sleeper';
import { TumblingWindows } from './tumblingWindows';
import type {
  EventSourceMapping,
  EventSourceMappingOptions,
  EventSourceMappingStats,
  ShardStats,
} from './types';
import { listShards } from '../client';

const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
}

/**
 * Starts polling every shard of the stream. Resolves once the first iterators are taken (a LATEST
 * mapping sees everything put afterwards); rejects if the stream does not exist, like CreateEventSourceMapping.
 */
export async function startEventSourceMapping(
  options: EventSourceMappingOptions,
): Promise<EventSourceMapping> {
  const {
    client,
    streamName,
    batchSize = 100,
    pollIntervalMs = 1000,
    startingPosition = 'TRIM_HORIZON',
    checkpointFile,
    maximumRetryAttempts = -1,
    reportBatchItemFailures = true,
    functionName = `${streamName}-consumer`,
    functionTimeoutSeconds = 3,
  } = options;
  const windowSeconds = options.tumblingWindowSeconds ? options.tumblingWindowSeconds : undefined;
  checkRange('batchSize', batchSize, 1, 10_000);
  checkRange('pollIntervalMs', pollIntervalMs, 1, 3_600_000);
  checkRange('maximumRetryAttempts', maximumRetryAttempts, -1, 10_000);
  checkRange('tumblingWindowSeconds', options.tumblingWindowSeconds ?? 0, 0, 900);
  const region = options.region ?? (await client.config.region());
  const checkpoints = new Checkpoints(checkpointFile, streamName);
  const eventSourceArn = streamArn(region, streamName);

  let stopping = false;
  const drains = new Set<{ since: number; resolve(): void; reject(error: Error): void }>();
  const runtime: MappingRuntime = {
    client,
    streamName,
    region,
    eventSourceArn,
    invokeIdentityArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${functionName}`,
    functionName,
    timeoutMs: functionTimeoutSeconds * 1000,
    batchSize,
    pollIntervalMs,
    maximumRetryAttempts,
    // Both handler types take the window event: a plain handler only reads its `Records`.
    handler: options.handler as KinesisTumblingWindowHandler,
    onBatchError: options.onBatchError,
    counters: {
      invocations: 0,
      failedInvocations: 0,
      recordsDelivered: 0,
      discardedBatches: 0,
      windowsClosed: 0,
      serviceErrors: 0,
    },
    checkpoints,
    delivery(shardId): Delivery {
      const checkpoint = (sequenceNumber: string) => checkpoints.set(shardId, sequenceNumber);
      return windowSeconds === undefined
        ? new PlainBatches({ reportBatchItemFailures, checkpoint })
        : new TumblingWindows({
            windowSeconds,
            shardId,
            eventSourceArn,
            checkpoint,
            windowClosed: () => (runtime.counters.windowsClosed += 1),
          });
    },
    isStopping: () => stopping,
    progressed: () => settleDrains(),
    drainWaitsAfter: (time) =>
      [...drains].some((drain) => time === undefined || drain.since > time),
  };

  const consumers = new Map<string, ShardConsumer>();
  const running: Promise<void>[] = [];
  let shardIds: string[] = [];
  let listedAt = Number.NEGATIVE_INFINITY;
  let supervisorError: string | undefined;
  const supervisorSleeper = new Sleeper();

  const drainedSince = (since: number): boolean =>
    listedAt >= since &&
    shardIds.every((shardId) => consumers.get(shardId)?.drainedSince(since) ?? false);

  function settleDrains(): void {
    for (const drain of drains) if (drainedSince(drain.since)) drain.resolve();
  }

  /** Starts a consumer for every new shard whose parents are read to their end, as Lambda keeps resharded records in order. */
  async function reconcile(initial: boolean): Promise<void> {
    const startedAt = Date.now();
    const shards = await listShards(client, streamName);
    shardIds = shards.flatMap((shard) => (shard.ShardId ? [shard.ShardId] : []));
    for (const shard of shards) {
      const shardId = shard.ShardId;
      if (shardId === undefined || consumers.has(shardId) || stopping) continue;
      const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter(
        (parent): parent is string => parent !== undefined && shardIds.includes(parent),
      );
      if (parents.some((parent) => !consumers.get(parent)?.finished)) continue;
      const consumer = new ShardConsumer(
        runtime,
        shardId,
        initial ? { type: startingPosition } : { type: 'TRIM_HORIZON' },
      );
      await consumer.init();
      consumers.set(shardId, consumer);
      running.push(
        consumer.run().finally(() => {
          settleDrains();
          // A closed parent is done: its children may start now rather than at the next listing.
          supervisorSleeper.interrupt(true);
        }),
      );
    }
    listedAt = startedAt;
  }

  try {
    await reconcile(true);
  } catch (error) {
    stopping = true;
    for (const consumer of consumers.values()) consumer.sleeper.interrupt();
    await Promise.all(running);
    throw error;
  }

  // Lists the shards again every poll interval, to follow resharding, and at once when a drain asks.
  const supervisor = (async () => {
    let failures = 0;
    while (!stopping) {
      // Failing to list (kinesalite gone) backs off like any Kinesis error, drain or not.
      const sleepMs =
        failures > 0
          ? retryDelayMs(failures)
          : runtime.drainWaitsAfter(listedAt)
            ? 0
            : pollIntervalMs;
      await supervisorSleeper.sleep(sleepMs, failures === 0);
      if (stopping) break;
      try {
        await reconcile(false);
        failures = 0;
        supervisorError = undefined;
      } catch (error) {
        failures += 1;
        runtime.counters.serviceErrors += 1;
        supervisorError = errorOf(error).message;
      }
      settleDrains();
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        supervisorSleeper.interrupt();
        for (const consumer of consumers.values()) consumer.sleeper.interrupt();
        await supervisor;
        await Promise.all(running);
        // Written after every batch already; once more so that the file exists even if nothing was processed.
        checkpoints.save();
        for (const drain of drains)
          drain.reject(new DrainError('The event source mapping was stopped before it drained'));
      })();
      return stopped;
    },

    drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS) {
      if (stopping) return Promise.reject(new DrainError('The event source mapping is stopped'));
      const since = Date.now();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          finish();
          reject(new DrainError(`${streamName} not drained within ${timeoutMs} ms`));
        }, timeoutMs);
        const drain = {
          since,
          resolve: () => {
            finish();
            resolve();
          },
          reject: (error: Error) => {
            finish();
            reject(error);
          },
        };
        function finish(): void {
          clearTimeout(timer);
          drains.delete(drain);
        }
        drains.add(drain);
        // Idle shards poll now instead of at their next interval, and the shard list is refreshed.
        supervisorSleeper.interrupt(true);
        for (const consumer of consumers.values()) consumer.sleeper.interrupt(true);
      });
    },

    stats(): EventSourceMappingStats {
      const shards: Record<string, ShardStats> = {};
      for (const [shardId, consumer] of consumers) shards[shardId] = consumer.stats();
      return {
        ...runtime.counters,
        ...(supervisorError === undefined ? {} : { lastError: supervisorError }),
        shards,
      };
    },
  };
}
