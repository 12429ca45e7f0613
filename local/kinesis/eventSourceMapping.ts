/** A local Lambda event source mapping for Kinesis: polls every shard and invokes a handler under Lambda's contract. */
import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  InvalidArgumentException,
  ListShardsCommand,
  type KinesisClient,
  type Shard,
} from '@aws-sdk/client-kinesis';
import type { Context, KinesisStreamRecord } from 'aws-lambda';
import { loadCheckpoints, saveCheckpoints } from './checkpoints';
import {
  createContext,
  MAX_WINDOW_STATE_BYTES,
  readBatchResponse,
  readWindowResponse,
  retryDelayMs,
  stateBytes,
  streamArn,
  toLambdaRecord,
  windowBoundary,
  windowStartMs,
  LOCAL_ACCOUNT_ID,
  type BatchOutcome,
  type KinesisEventHandler,
  type KinesisTumblingWindowEvent,
  type KinesisTumblingWindowHandler,
  type WindowOutcome,
  type WindowState,
} from './contract';

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

/**
 * Records of a window that arrive up to this long after its end may still be on their way into
 * the shard: kinesalite stamps a record before its write completes, and on a busy machine the
 * write can lag; Kinesis too makes records readable a moment after their arrival time.
 */
const WINDOW_CLOSE_GRACE_MS = 1000;
const DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

type Position =
  | { type: 'TRIM_HORIZON' | 'LATEST' }
  | { type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

interface PendingRecord {
  readonly record: KinesisStreamRecord;
  readonly sequenceNumber: string;
  readonly arrivalMs: number;
  /** Start of its tumbling window; NaN without windows. */
  readonly windowStartMs: number;
}

interface Batch {
  readonly records: readonly PendingRecord[];
  readonly final: boolean;
  readonly terminatedEarly: boolean;
}

interface OpenWindow {
  readonly startMs: number;
  readonly endMs: number;
  state: WindowState;
  /** Last record of the window handled so far: the checkpoint once the final invoke succeeds. */
  lastSequenceNumber?: string;
  /** The state outgrew 1 MB: the next invoke ends this part of the window. */
  terminateEarly: boolean;
}

type Step = 'finished' | { sleepMs: number; wakeOnDrain: boolean };

/** Everything the shard consumers of one mapping share. */
interface Runtime {
  readonly client: KinesisClient;
  readonly streamName: string;
  readonly region: string;
  readonly eventSourceArn: string;
  readonly invokeIdentityArn: string;
  readonly functionName: string;
  readonly timeoutMs: number;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly windowSeconds: number | undefined;
  readonly maximumRetryAttempts: number;
  readonly reportBatchItemFailures: boolean;
  readonly handler: (event: KinesisTumblingWindowEvent, context: Context) => Promise<unknown>;
  readonly onBatchError: ((error: Error, info: DiscardedBatchInfo) => void) | undefined;
  readonly counters: Omit<EventSourceMappingStats, 'shards' | 'lastError'>;
  isStopping(): boolean;
  /** A consumer finished a step: a pending drain may be complete. */
  progressed(): void;
  /** A drain is waiting for a poll that starts after `time`. */
  drainWaitsAfter(time: number | undefined): boolean;
  checkpoint(shardId: string, sequenceNumber: string): void;
  forgetCheckpoint(shardId: string): void;
  savedCheckpoint(shardId: string): string | undefined;
}

function errorOf(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** A timer that stop() (always) and drain() (for idle polls) can cut short. */
class Sleeper {
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private wakeOnDrain = false;

  sleep(ms: number, wakeOnDrain: boolean): Promise<void> {
    return new Promise((resolve) => {
      this.wakeOnDrain = wakeOnDrain;
      this.wake = resolve;
      this.timer = setTimeout(() => this.interrupt(), ms);
    });
  }

  interrupt(onlyIfIdle = false): void {
    if (onlyIfIdle && !this.wakeOnDrain) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** Reads one shard in order and invokes the handler with its records, one batch at a time, like Lambda per shard. */
class ShardConsumer {
  readonly sleeper = new Sleeper();
  finished = false;
  lastError: string | undefined;
  /** Start time of the last GetRecords that reached the end of the shard: everything older has been read. */
  private tipSeenAt: number | undefined;
  /** Set when the consumer had nothing to do right after reaching the end of the shard. */
  private idleAt: number | undefined;
  private iterator: string | undefined;
  private shardEnded = false;
  private buffer: PendingRecord[] = [];
  /** A batch that failed as a whole is retried with exactly the same records. */
  private pinned: Batch | undefined;
  private failure: { key: string; attempts: number } | undefined;
  private serviceFailures = 0;
  private window: OpenWindow | undefined;
  /** Where the next GetShardIterator starts: after the last record read, or where a retry begins. */
  private readPosition: Position;
  private positionFromCheckpoint: boolean;

  constructor(
    private readonly runtime: Runtime,
    readonly shardId: string,
    private readonly startingPosition: Position,
  ) {
    const saved = runtime.savedCheckpoint(shardId);
    this.positionFromCheckpoint = saved !== undefined;
    this.readPosition =
      saved === undefined
        ? startingPosition
        : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: saved };
  }

  /** Takes the first iterator, so that a LATEST mapping sees every record put after it started. */
  async init(): Promise<void> {
    this.iterator = await this.acquireIterator();
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
    return this.window === undefined || this.window.endMs > since;
  }

  stats(): ShardStats {
    const checkpoint = this.runtime.savedCheckpoint(this.shardId);
    return {
      ...(checkpoint === undefined ? {} : { checkpoint }),
      finished: this.finished,
      ...(this.window === undefined
        ? {}
        : {
            openWindow: {
              start: windowBoundary(this.window.startMs),
              end: windowBoundary(this.window.endMs),
            },
          }),
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
    };
  }

  private async step(): Promise<Step> {
    const { batchSize } = this.runtime;
    if (!this.pinned && !this.shardEnded && this.buffer.length < batchSize)
      await this.fetch(batchSize - this.buffer.length);
    this.serviceFailures = 0;
    // Stopping: records just read stay unprocessed; the checkpoint brings them back next time.
    if (this.runtime.isStopping()) return { sleepMs: 0, wakeOnDrain: false };
    const batch = this.nextBatch();
    if (batch === 'finished') return 'finished';
    if (batch === 'idle') {
      this.idleAt = this.tipSeenAt;
      return { sleepMs: this.idleSleepMs(), wakeOnDrain: true };
    }
    return this.invoke(batch);
  }

  private async acquireIterator(): Promise<string | undefined> {
    const position = this.readPosition;
    try {
      const { ShardIterator } = await this.runtime.client.send(
        new GetShardIteratorCommand({
          StreamName: this.runtime.streamName,
          ShardId: this.shardId,
          ShardIteratorType: position.type,
          ...('sequenceNumber' in position
            ? { StartingSequenceNumber: position.sequenceNumber }
            : {}),
        }),
      );
      this.positionFromCheckpoint = false;
      return ShardIterator;
    } catch (error) {
      if (!(this.positionFromCheckpoint && error instanceof InvalidArgumentException)) throw error;
      // The checkpoint is from an earlier stream of the same name (its data were wiped): start as a new mapping would.
      this.lastError = `checkpoint ignored, ${error.message}`;
      this.positionFromCheckpoint = false;
      this.runtime.forgetCheckpoint(this.shardId);
      this.readPosition = this.startingPosition;
      return this.acquireIterator();
    }
  }

  private async fetch(limit: number): Promise<void> {
    this.iterator ??= await this.acquireIterator();
    if (this.iterator === undefined) {
      this.shardEnded = true;
      return;
    }
    const startedAt = Date.now();
    let output;
    try {
      output = await this.runtime.client.send(
        new GetRecordsCommand({ ShardIterator: this.iterator, Limit: limit }),
      );
    } catch (error) {
      // Iterators live five minutes; a long backoff or invocation outlives them. Take a new one from the read position.
      if (!(error instanceof ExpiredIteratorException)) throw error;
      this.iterator = undefined;
      return;
    }
    const records = output.Records ?? [];
    const { windowSeconds } = this.runtime;
    for (const record of records) {
      const lambdaRecord = toLambdaRecord(record, {
        shardId: this.shardId,
        region: this.runtime.region,
        eventSourceArn: this.runtime.eventSourceArn,
        invokeIdentityArn: this.runtime.invokeIdentityArn,
      });
      const arrivalMs = Math.round(lambdaRecord.kinesis.approximateArrivalTimestamp * 1000);
      this.buffer.push({
        record: lambdaRecord,
        sequenceNumber: lambdaRecord.kinesis.sequenceNumber,
        arrivalMs,
        windowStartMs:
          windowSeconds === undefined ? Number.NaN : windowStartMs(arrivalMs, windowSeconds),
      });
    }
    const last = this.buffer.at(-1);
    if (records.length > 0 && last)
      this.readPosition = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last.sequenceNumber };
    if (records.length < limit) this.tipSeenAt = startedAt;
    this.iterator = output.NextShardIterator;
    // No next iterator: the shard was closed by resharding and has been read to its end.
    if (this.iterator === undefined) this.shardEnded = true;
  }

  private nextBatch(): Batch | 'idle' | 'finished' {
    if (this.pinned) return this.pinned;
    const { batchSize, windowSeconds } = this.runtime;
    const plain = (records: readonly PendingRecord[]): Batch => ({
      records,
      final: false,
      terminatedEarly: false,
    });
    if (windowSeconds === undefined) {
      if (this.buffer.length === 0) return this.shardEnded ? 'finished' : 'idle';
      return plain(this.buffer.slice(0, batchSize));
    }

    if (this.window === undefined) {
      const first = this.buffer[0];
      if (first === undefined) return this.shardEnded ? 'finished' : 'idle';
      this.window = {
        startMs: first.windowStartMs,
        endMs: first.windowStartMs + windowSeconds * 1000,
        state: {},
        terminateEarly: false,
      };
    }
    const window = this.window;
    if (window.terminateEarly) return { records: [], final: true, terminatedEarly: true };
    // A record stamped earlier than the open window (clock steps back) joins it: closed windows stay closed.
    let inWindow = 0;
    while ((this.buffer[inWindow]?.windowStartMs ?? Number.POSITIVE_INFINITY) <= window.startMs)
      inWindow += 1;
    if (inWindow > batchSize) return plain(this.buffer.slice(0, batchSize));
    const over =
      inWindow < this.buffer.length ||
      this.shardEnded ||
      (this.tipSeenAt ?? Number.NEGATIVE_INFINITY) >= window.endMs + WINDOW_CLOSE_GRACE_MS;
    if (over)
      return { records: this.buffer.slice(0, inWindow), final: true, terminatedEarly: false };
    if (inWindow > 0) return plain(this.buffer.slice(0, inWindow));
    return 'idle';
  }

  /** Idle: poll again after the poll interval, or as soon as the open window can close. */
  private idleSleepMs(): number {
    const { pollIntervalMs } = this.runtime;
    if (this.window === undefined) return pollIntervalMs;
    const untilClose = this.window.endMs + WINDOW_CLOSE_GRACE_MS - Date.now();
    return Math.max(1, Math.min(pollIntervalMs, untilClose));
  }

  private event(batch: Batch): KinesisTumblingWindowEvent | { Records: KinesisStreamRecord[] } {
    // Lambda sends a fresh JSON document each time: a handler that mutates its event cannot change a retry.
    const Records = batch.records.map((pending) => structuredClone(pending.record));
    const window = this.window;
    if (window === undefined) return { Records };
    return {
      Records,
      window: { start: windowBoundary(window.startMs), end: windowBoundary(window.endMs) },
      // A copy: the handler may mutate its event, the mapping's state only changes by what it returns.
      state: structuredClone(window.state),
      shardId: this.shardId,
      eventSourceARN: this.runtime.eventSourceArn,
      isFinalInvokeForWindow: batch.final,
      isWindowTerminatedEarly: batch.terminatedEarly,
    };
  }

  private async invoke(batch: Batch): Promise<Step> {
    const runtime = this.runtime;
    const sequenceNumbers = batch.records.map((pending) => pending.sequenceNumber);
    runtime.counters.invocations += 1;
    runtime.counters.recordsDelivered += batch.records.length;
    const context = createContext({
      functionName: runtime.functionName,
      region: runtime.region,
      timeoutMs: runtime.timeoutMs,
    });
    let outcome: BatchOutcome | WindowOutcome;
    try {
      // The event type is the window event's shape in both modes: without windows it is only `Records`.
      const response = await runtime.handler(
        this.event(batch) as KinesisTumblingWindowEvent,
        context,
      );
      outcome =
        this.window !== undefined
          ? readWindowResponse(response, sequenceNumbers)
          : runtime.reportBatchItemFailures
            ? readBatchResponse(response, sequenceNumbers)
            : { kind: 'success' };
    } catch (error) {
      outcome = { kind: 'failure', error: errorOf(error) };
    }

    if (outcome.kind === 'success') {
      this.failure = undefined;
      this.pinned = undefined;
      this.lastError = undefined;
      this.consume(batch);
      if (outcome.state) this.windowSucceeded(batch, outcome.state);
      return { sleepMs: 0, wakeOnDrain: false };
    }

    runtime.counters.failedInvocations += 1;
    const firstFailed = outcome.kind === 'partial' ? outcome.firstFailedIndex : 0;
    const error =
      outcome.kind === 'failure'
        ? outcome.error
        : new Error(`batch item failure at ${sequenceNumbers[firstFailed] ?? '?'}`);
    this.lastError = error.message;
    // Records before the first failure are done, and a window keeps the state built from them.
    if (outcome.kind === 'partial') {
      this.done(batch.records.slice(0, firstFailed));
      if (this.window && outcome.state) this.window.state = outcome.state;
    }
    const key =
      sequenceNumbers[firstFailed] ??
      `final:${this.window?.startMs ?? 'none'}:${batch.terminatedEarly}`;
    const attempts = this.failure?.key === key ? this.failure.attempts + 1 : 1;
    this.failure = { key, attempts };

    const { maximumRetryAttempts } = runtime;
    if (maximumRetryAttempts >= 0 && attempts > maximumRetryAttempts) {
      this.discard(batch, firstFailed, attempts, error);
      return { sleepMs: 0, wakeOnDrain: false };
    }
    if (outcome.kind === 'partial') {
      // Lambda checkpoints just before the lowest failed record and reads again from it.
      this.buffer = [];
      this.pinned = undefined;
      this.iterator = undefined;
      this.shardEnded = false;
      // What was read past the failed record is gone from the buffer: the end of the shard must be seen again.
      this.tipSeenAt = undefined;
      this.readPosition = { type: 'AT_SEQUENCE_NUMBER', sequenceNumber: key };
    } else {
      this.pinned = batch;
    }
    return { sleepMs: retryDelayMs(attempts), wakeOnDrain: false };
  }

  /** Records handled (or given up): without windows they are checkpointed at once, in a window at its final invoke. */
  private done(records: readonly PendingRecord[]): void {
    const last = records.at(-1);
    if (last === undefined) return;
    if (this.window) this.window.lastSequenceNumber = last.sequenceNumber;
    else this.runtime.checkpoint(this.shardId, last.sequenceNumber);
  }

  private consume(batch: Batch): void {
    this.buffer.splice(0, batch.records.length);
    this.done(batch.records);
  }

  private windowSucceeded(batch: Batch, state: WindowState): void {
    const window = this.window;
    if (window === undefined) return;
    if (!batch.final) {
      window.state = state;
      window.terminateEarly = stateBytes(state) > MAX_WINDOW_STATE_BYTES;
      return;
    }
    this.closeWindowPart(window, batch.terminatedEarly);
    if (!batch.terminatedEarly) this.runtime.counters.windowsClosed += 1;
  }

  /** After a final invoke: checkpoint the window's records, then a fresh state (same window if it was terminated early). */
  private closeWindowPart(window: OpenWindow, terminatedEarly: boolean): void {
    if (window.lastSequenceNumber !== undefined)
      this.runtime.checkpoint(this.shardId, window.lastSequenceNumber);
    if (terminatedEarly) {
      window.state = {};
      window.terminateEarly = false;
    } else {
      this.window = undefined;
    }
  }

  private discard(batch: Batch, firstFailed: number, attempts: number, error: Error): void {
    const runtime = this.runtime;
    runtime.counters.discardedBatches += 1;
    const skipped = batch.records.slice(firstFailed);
    const first = skipped[0];
    const last = skipped.at(-1);
    const window = this.window;
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
      ...(window
        ? {
            window: {
              start: windowBoundary(window.startMs),
              end: windowBoundary(window.endMs),
              isFinalInvokeForWindow: batch.final,
            },
          }
        : {}),
    };
    this.failure = undefined;
    this.pinned = undefined;
    // Whatever a partial failure left in the buffer was read after the batch; the batch itself goes.
    this.buffer.splice(0, batch.records.length);
    this.done(skipped);
    // A final invoke given up closes its window without it: the state is dropped.
    if (window && batch.final) this.closeWindowPart(window, batch.terminatedEarly);
    try {
      runtime.onBatchError?.(error, info);
    } catch (callbackError) {
      this.lastError = `onBatchError threw: ${errorOf(callbackError).message}`;
    }
  }
}

async function listShards(client: KinesisClient, streamName: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: streamName }),
    );
    shards.push(...(page.Shards ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return shards;
}

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
  const checkpoints =
    checkpointFile === undefined
      ? new Map<string, string>()
      : loadCheckpoints(checkpointFile, streamName);

  const persist = (): void => {
    if (checkpointFile !== undefined) saveCheckpoints(checkpointFile, streamName, checkpoints);
  };
  let stopping = false;
  const drains = new Set<{ since: number; resolve(): void; reject(error: Error): void }>();
  const runtime: Runtime = {
    client,
    streamName,
    region,
    eventSourceArn: streamArn(region, streamName),
    invokeIdentityArn: `arn:aws:iam::${LOCAL_ACCOUNT_ID}:role/${functionName}`,
    functionName,
    timeoutMs: functionTimeoutSeconds * 1000,
    batchSize,
    pollIntervalMs,
    windowSeconds,
    maximumRetryAttempts,
    reportBatchItemFailures,
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
    isStopping: () => stopping,
    progressed: () => settleDrains(),
    drainWaitsAfter: (time) =>
      [...drains].some((drain) => time === undefined || drain.since > time),
    checkpoint(shardId, sequenceNumber) {
      checkpoints.set(shardId, sequenceNumber);
      persist();
    },
    forgetCheckpoint(shardId) {
      checkpoints.delete(shardId);
      persist();
    },
    savedCheckpoint: (shardId) => checkpoints.get(shardId),
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
        persist();
        for (const drain of drains)
          drain.reject(new Error('The event source mapping was stopped before it drained'));
      })();
      return stopped;
    },

    drain(timeoutMs = DEFAULT_DRAIN_TIMEOUT_MS) {
      if (stopping) return Promise.reject(new Error('The event source mapping is stopped'));
      const since = Date.now();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${streamName} not drained within ${timeoutMs} ms`));
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

    stats() {
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
