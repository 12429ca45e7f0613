/**
 * One shard's consumer, like Lambda's per shard: reads the shard in order, invokes the handler
 * with one batch at a time, retries a failing batch (or reads again from its first failed record),
 * and gives a batch up after the mapping's retries. Plain batches and tumbling windows differ only
 * in the consumer's delivery.
 */
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { Context } from 'aws-lambda';
import type { Checkpoints } from './checkpoints';
import { createContext, retryDelayMs, type KinesisTumblingWindowEvent } from './contract';
import type { Batch, Delivery, Outcome } from './delivery';
import { InvocationError } from './errors';
import { ShardReader, type PendingRecord, type Position } from './shardReader';
import { Sleeper } from './sleeper';
import type { DiscardedBatchInfo, MappingCounters, ShardStats } from './types';

type Step = 'finished' | { sleepMs: number; wakeOnDrain: boolean };

/** Everything the shard consumers of one mapping share. */
export interface MappingRuntime {
  readonly client: KinesisClient;
  readonly streamName: string;
  readonly region: string;
  readonly eventSourceArn: string;
  readonly invokeIdentityArn: string;
  readonly functionName: string;
  readonly timeoutMs: number;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly maximumRetryAttempts: number;
  readonly handler: (event: KinesisTumblingWindowEvent, context: Context) => Promise<unknown>;
  readonly onBatchError: ((error: Error, info: DiscardedBatchInfo) => void) | undefined;
  readonly counters: MappingCounters;
  readonly checkpoints: Checkpoints;
  /** The delivery mode of the mapping, for one shard. */
  delivery(shardId: string): Delivery;
  isStopping(): boolean;
  /** A consumer finished a step: a pending drain may be complete. */
  progressed(): void;
  /** A drain is waiting for a poll that starts after `time`. */
  drainWaitsAfter(time: number | undefined): boolean;
}

export function errorOf(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

export class ShardConsumer {
  readonly sleeper = new Sleeper();
  finished = false;
  lastError: string | undefined;
  private readonly reader: ShardReader;
  private readonly delivery: Delivery;
  /** Set when the consumer had nothing to do right after reaching the end of the shard. */
  private idleAt: number | undefined;
  /** A batch that failed as a whole is retried with exactly the same records. */
  private pinned: Batch | undefined;
  private failure: { key: string; attempts: number } | undefined;
  private serviceFailures = 0;

  constructor(
    private readonly runtime: MappingRuntime,
    readonly shardId: string,
    startingPosition: Position,
  ) {
    this.delivery = runtime.delivery(shardId);
    this.reader = new ShardReader({
      client: runtime.client,
      streamName: runtime.streamName,
      source: {
        shardId,
        region: runtime.region,
        eventSourceArn: runtime.eventSourceArn,
        invokeIdentityArn: runtime.invokeIdentityArn,
      },
      startingPosition,
      checkpoints: runtime.checkpoints,
      notice: (message) => (this.lastError = message),
    });
  }

  /** Takes the first iterator, so that a LATEST mapping sees every record put after it started. */
  init(): Promise<void> {
    return this.reader.init();
  }

  async run(): Promise<void> {
    while (!this.runtime.isStopping()) {
      let step: Step;
      try {
        step = await this.step();
      } catch (error) {
        // Kinesis itself failed (stream deleted, kinesalite gone): not the handler's fault, so no retry quota.
        this.runtime.counters.serviceErrors += 1;
        this.serviceFailures += 1;
        this.lastError = errorOf(error).message;
        step = { sleepMs: retryDelayMs(this.serviceFailures), wakeOnDrain: false };
      }
      if (step === 'finished') {
        this.finished = true;
        return;
      }
      this.runtime.progressed();
      // A drain that began while this poll was under way needs one more poll, now.
      const sleepMs =
        step.wakeOnDrain && this.runtime.drainWaitsAfter(this.idleAt) ? 0 : step.sleepMs;
      if (!this.runtime.isStopping()) await this.sleeper.sleep(sleepMs, step.wakeOnDrain);
    }
  }

  drainedSince(since: number): boolean {
    if (this.finished) return true;
    if (this.idleAt === undefined || this.idleAt < since || this.pinned) return false;
    return this.delivery.drainedSince(since);
  }

  stats(): ShardStats {
    const checkpoint = this.runtime.checkpoints.get(this.shardId);
    return {
      ...(checkpoint === undefined ? {} : { checkpoint }),
      finished: this.finished,
      ...this.delivery.stats(),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  private async step(): Promise<Step> {
    const { batchSize } = this.runtime;
    const reader = this.reader;
    if (!this.pinned && !reader.ended && reader.buffer.length < batchSize)
      await reader.fetch(batchSize - reader.buffer.length);
    this.serviceFailures = 0;
    // Stopping: records just read stay unprocessed; the checkpoint brings them back next time.
    if (this.runtime.isStopping()) return { sleepMs: 0, wakeOnDrain: false };
    const batch = this.pinned ?? this.delivery.nextBatch(reader, batchSize);
    if (batch === 'finished') return 'finished';
    if (batch === 'idle') {
      this.idleAt = reader.tipSeenAt;
      return { sleepMs: this.delivery.idleSleepMs(this.runtime.pollIntervalMs), wakeOnDrain: true };
    }
    return this.invoke(batch);
  }

  private async invoke(batch: Batch): Promise<Step> {
    const { runtime, delivery } = this;
    const sequenceNumbers = batch.records.map((pending) => pending.sequenceNumber);
    runtime.counters.invocations += 1;
    runtime.counters.recordsDelivered += batch.records.length;
    const context = createContext({
      functionName: runtime.functionName,
      region: runtime.region,
      timeoutMs: runtime.timeoutMs,
    });
    let outcome: Outcome;
    try {
      // The handler's type is the window event's shape in both modes: without windows it reads only `Records`.
      const response = await runtime.handler(
        delivery.event(batch) as KinesisTumblingWindowEvent,
        context,
      );
      outcome = delivery.outcome(response, sequenceNumbers);
    } catch (error) {
      outcome = { kind: 'failure', error: errorOf(error) };
    }

    if (outcome.kind === 'success') {
      this.failure = undefined;
      this.pinned = undefined;
      this.lastError = undefined;
      this.reader.drop(batch.records.length);
      delivery.done(batch.records);
      delivery.succeeded(batch, outcome.state);
      return { sleepMs: 0, wakeOnDrain: false };
    }

    runtime.counters.failedInvocations += 1;
    const firstFailed = outcome.kind === 'partial' ? outcome.firstFailedIndex : 0;
    const error =
      outcome.kind === 'failure'
        ? outcome.error
        : new InvocationError(`batch item failure at ${sequenceNumbers[firstFailed] ?? '?'}`);
    this.lastError = error.message;
    // Records before the first failure are done, and a window keeps the state built from them.
    if (outcome.kind === 'partial') {
      delivery.done(batch.records.slice(0, firstFailed));
      delivery.partlySucceeded(outcome.state);
    }
    const key = sequenceNumbers[firstFailed] ?? delivery.emptyBatchKey(batch);
    const attempts = this.failure?.key === key ? this.failure.attempts + 1 : 1;
    this.failure = { key, attempts };

    const { maximumRetryAttempts } = runtime;
    if (maximumRetryAttempts >= 0 && attempts > maximumRetryAttempts) {
      this.discard(batch, firstFailed, attempts, error);
      return { sleepMs: 0, wakeOnDrain: false };
    }
    if (outcome.kind === 'partial') {
      // Lambda checkpoints just before the lowest failed record and reads again from it.
      this.pinned = undefined;
      this.reader.rewindTo(key);
    } else {
      this.pinned = batch;
    }
    return { sleepMs: retryDelayMs(attempts), wakeOnDrain: false };
  }

  private discard(batch: Batch, firstFailed: number, attempts: number, error: Error): void {
    const { runtime, delivery } = this;
    runtime.counters.discardedBatches += 1;
    const skipped: readonly PendingRecord[] = batch.records.slice(firstFailed);
    const first = skipped[0];
    const last = skipped.at(-1);
    const info: DiscardedBatchInfo = {
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: attempts,
      shardId: this.shardId,
      ...(first && last
        ? {
            startSequenceNumber: first.sequenceNumber,
            endSequenceNumber: last.sequenceNumber,
            approximateArrivalOfFirstRecord: new Date(first.arrivalMs).toISOString(),
            approximateArrivalOfLastRecord: new Date(last.arrivalMs).toISOString(),
          }
        : {}),
      batchSize: skipped.length,
      streamArn: runtime.eventSourceArn,
      ...delivery.windowInfo(batch),
    };
    this.failure = undefined;
    this.pinned = undefined;
    // Whatever a partial failure left in the buffer was read after the batch; the batch itself goes.
    this.reader.drop(batch.records.length);
    delivery.done(skipped);
    delivery.discarded(batch);
    try {
      runtime.onBatchError?.(error, info);
    } catch (callbackError) {
      this.lastError = `onBatchError threw: ${errorOf(callbackError).message}`;
    }
  }
}
