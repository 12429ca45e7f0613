/** The local Kinesis event source mapping's options, statistics and handle, as its users see them. */
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import type { KinesisEventHandler, KinesisTumblingWindowHandler } from './contract';

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/** What Lambda sends to an on-failure destination about a discarded batch (its `KinesisBatchInfo`, plus the condition). */
export interface DiscardedBatchInfo {
  condition: 'RetryAttemptsExhausted';
  /** Invocations of this batch, the first one included. */
  approximateInvokeCount: number;
  shardId: string;
  /** Absent when the discarded invocation was a final window invoke without records. */
  startSequenceNumber?: string;
  endSequenceNumber?: string;
  approximateArrivalOfFirstRecord?: string;
  approximateArrivalOfLastRecord?: string;
  batchSize: number;
  streamArn: string;
  /** The tumbling window of the batch; when its final invoke was discarded, its state is dropped. */
  window?: { start: string; end: string; isFinalInvokeForWindow: boolean };
}

interface CommonOptions {
  client: KinesisClient;
  streamName: string;
  /** Records per invocation at most; AWS's default 100, maximum 10,000. */
  batchSize?: number;
  /** Wait between polls of a shard that had nothing new; Lambda polls each shard once a second. */
  pollIntervalMs?: number;
  /** Where shards without a checkpoint start. Shards appearing later (resharding) always start at TRIM_HORIZON, as in Lambda. */
  startingPosition?: StartingPosition;
  /** Last processed sequence number per shard; a new mapping on the same file resumes after it. */
  checkpointFile?: string;
  /** Retries of a failing batch; -1 (AWS's default) retries until the handler succeeds. At most 10,000. */
  maximumRetryAttempts?: number;
  /** Called with the last error when a batch is discarded after `maximumRetryAttempts`. */
  onBatchError?: (error: Error, info: DiscardedBatchInfo) => void;
  /**
   * FunctionResponseTypes ReportBatchItemFailures. On here by default, because Pulse's mappings
   * turn it on; AWS ignores `batchItemFailures` unless the mapping says so.
   */
  reportBatchItemFailures?: boolean;
  /** Defaults to the client's region. */
  region?: string;
  /** In the context and the ARNs; defaults to `<streamName>-consumer`. */
  functionName?: string;
  /** What `context.getRemainingTimeInMillis()` counts down from; AWS's default of 3 s. Not enforced. */
  functionTimeoutSeconds?: number;
}

export type EventSourceMappingOptions =
  | (CommonOptions & { tumblingWindowSeconds?: 0; handler: KinesisEventHandler })
  | (CommonOptions & {
      /** Seconds, 1 to 900: enables tumbling windows, and the handler must return `{ state }`. */
      tumblingWindowSeconds: number;
      handler: KinesisTumblingWindowHandler;
    });

export interface ShardStats {
  /** Last processed sequence number: where a restart resumes (AFTER_SEQUENCE_NUMBER). */
  checkpoint?: string;
  /** The shard was closed by resharding and everything in it is processed. */
  finished: boolean;
  openWindow?: { start: string; end: string };
  /** The last handler or Kinesis error on this shard, kept for debugging the local stack. */
  lastError?: string;
}

export interface EventSourceMappingStats {
  /** Handler invocations, final window invokes and retries included. */
  invocations: number;
  /** Invocations that threw, reported batch item failures or answered something unusable. */
  failedInvocations: number;
  /** Records handed to the handler, redeliveries counted again. */
  recordsDelivered: number;
  /** Batches given up after `maximumRetryAttempts` and reported to `onBatchError`. */
  discardedBatches: number;
  /** Tumbling windows whose final invoke succeeded. */
  windowsClosed: number;
  /** Errors from Kinesis itself (not the handler), retried with backoff. */
  serviceErrors: number;
  /** The last error listing the stream's shards, while it lasts. */
  lastError?: string;
  shards: Record<string, ShardStats>;
}

/** The counters of a mapping, shared by its shard consumers. */
export type MappingCounters = Omit<EventSourceMappingStats, 'shards' | 'lastError'>;

export interface EventSourceMapping {
  /** Lets the in-flight invocation finish, saves the checkpoints and stops polling; no timer is left behind. */
  stop(): Promise<void>;
  /**
   * Resolves once every record in the stream when it was called has been processed (or discarded),
   * and, with tumbling windows, every window whose end had passed has had its final invoke.
   * Wakes idle shards instead of waiting for their next poll. Rejects after `timeoutMs`.
   */
  drain(timeoutMs?: number): Promise<void>;
  stats(): EventSourceMappingStats;
}
