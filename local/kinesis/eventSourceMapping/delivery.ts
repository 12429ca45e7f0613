/**
 * How a shard's records become invocations, in one of Lambda's two modes: plain batches
 * (plainBatches.ts) or tumbling windows (tumblingWindows.ts). The shard consumer reads, invokes
 * and retries the same way in both; what differs is asked of its delivery.
 */
import type { KinesisStreamEvent } from 'aws-lambda';
import type {
  BatchOutcome,
  KinesisTumblingWindowEvent,
  WindowOutcome,
  WindowState,
} from './contract';
import type { PendingRecord, ShardReader } from './shardReader';
import type { DiscardedBatchInfo, ShardStats } from './types';

export interface Batch {
  readonly records: readonly PendingRecord[];
  /** A tumbling window's final invoke. */
  readonly final: boolean;
  /** The final invoke of a part of a window ended early (its state outgrew the limit). */
  readonly terminatedEarly: boolean;
}

export const plainBatch = (records: readonly PendingRecord[]): Batch => ({
  records,
  final: false,
  terminatedEarly: false,
});

export type Outcome = BatchOutcome | WindowOutcome;

export interface Delivery {
  /** The next batch out of the reader's buffer; 'idle' to wait for more, 'finished' at the end of a closed shard. */
  nextBatch(reader: ShardReader, batchSize: number): Batch | 'idle' | 'finished';
  /** How long an idle consumer sleeps before it polls again. */
  idleSleepMs(pollIntervalMs: number): number;
  /** The event of a batch, as Lambda sends it: a fresh document each time. */
  event(batch: Batch): KinesisStreamEvent | KinesisTumblingWindowEvent;
  /** What the handler's response means for the batch. */
  outcome(response: unknown, sequenceNumbers: readonly string[]): Outcome;
  /** Records handled (or given up): checkpointed now, or when their window closes. */
  done(records: readonly PendingRecord[]): void;
  /** The whole batch succeeded, with the state a window's handler returned. */
  succeeded(batch: Batch, state: WindowState | undefined): void;
  /** Records before the first failure succeeded: a window keeps the state built from them. */
  partlySucceeded(state: WindowState | undefined): void;
  /** The batch was given up after its retries. */
  discarded(batch: Batch): void;
  /** Tells retries of a batch without records (a final window invoke) apart. */
  emptyBatchKey(batch: Batch): string;
  /** What a discarded batch's on-failure record says about its window, if it had one. */
  windowInfo(batch: Batch): Pick<DiscardedBatchInfo, 'window'>;
  /** Nothing is held back that was there at `since` (an idle consumer asks). */
  drainedSince(since: number): boolean;
  stats(): Pick<ShardStats, 'openWindow'>;
}
