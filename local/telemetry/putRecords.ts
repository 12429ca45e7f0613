/** Writing records to a Kinesis stream with PutRecords: batching to the API's limits, retrying what failed. */
import {
  PutRecordsCommand,
  type PutRecordsCommandOutput,
  type PutRecordsRequestEntry,
} from '@aws-sdk/client-kinesis';
import type { RandomSource } from '../random';

/** PutRecords takes at most 500 records and 5 MiB, partition keys included, per call. */
export const PUT_RECORDS_LIMITS = { maxRecords: 500, maxBytes: 5 * 1024 * 1024 } as const;

/** The one call this module makes; a KinesisClient is one, and tests can stand in for it. */
export interface PutRecordsSender {
  send(
    command: PutRecordsCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<PutRecordsCommandOutput>;
}

export interface OutgoingRecord {
  readonly data: Uint8Array;
  readonly partitionKey: string;
}

export interface RetryPolicy {
  /** Calls per record, the first included. */
  readonly attempts: number;
  /** Wait before the first retry; it doubles for each further one, with jitter. */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 100 };

export interface PutOutcome {
  readonly written: number;
  readonly dropped: number;
  /** Per ErrorCode, how many of the dropped records failed with it on their last attempt. */
  readonly errorCodes: Readonly<Record<string, number>>;
  /** A call that threw (after the SDK's own retries); its records are among the dropped. */
  readonly errors: readonly unknown[];
}

const utf8 = new TextEncoder();

export function recordSize(record: OutgoingRecord): number {
  return record.data.byteLength + utf8.encode(record.partitionKey).byteLength;
}

/** Splits records, in order, into the fewest consecutive batches that each fit one PutRecords call. */
export function batchRecords(
  records: readonly OutgoingRecord[],
  limits: { maxRecords: number; maxBytes: number } = PUT_RECORDS_LIMITS,
): OutgoingRecord[][] {
  const batches: OutgoingRecord[][] = [];
  let batch: OutgoingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = recordSize(record);
    if (
      batch.length > 0 &&
      (batch.length === limits.maxRecords || bytes + size > limits.maxBytes)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(record);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Puts every record, retrying only those a call reports as failed (throttled shards, internal
 * failures), with exponential backoff, at most `policy.attempts` times; the rest are dropped and
 * counted. A call that throws is not retried here: the SDK has already retried what is retryable.
 */
export async function putAllRecords(
  sender: PutRecordsSender,
  streamName: string,
  records: readonly OutgoingRecord[],
  options: { policy?: RetryPolicy; random: RandomSource; signal?: AbortSignal },
): Promise<PutOutcome> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const outcomes = await Promise.all(
    batchRecords(records).map((batch) => putBatch(sender, streamName, batch, policy, options)),
  );
  const errorCodes: Record<string, number> = {};
  for (const outcome of outcomes) {
    for (const [code, count] of Object.entries(outcome.errorCodes)) {
      errorCodes[code] = (errorCodes[code] ?? 0) + count;
    }
  }
  return {
    written: outcomes.reduce((sum, o) => sum + o.written, 0),
    dropped: outcomes.reduce((sum, o) => sum + o.dropped, 0),
    errorCodes,
    errors: outcomes.flatMap((o) => o.errors),
  };
}

async function putBatch(
  sender: PutRecordsSender,
  streamName: string,
  batch: readonly OutgoingRecord[],
  policy: RetryPolicy,
  { random, signal }: { random: RandomSource; signal?: AbortSignal },
): Promise<PutOutcome> {
  let pending = batch;
  let written = 0;
  let lastCodes: string[] = [];
  for (let attempt = 1; attempt <= policy.attempts && pending.length > 0; attempt++) {
    if (attempt > 1) {
      // Equal jitter: half the backoff fixed, half random, so throttled writers do not retry in step.
      const backoff = policy.baseDelayMs * 2 ** (attempt - 2);
      await sleep(backoff / 2 + (random() * backoff) / 2, signal);
    }
    if (signal?.aborted) break;
    let output: PutRecordsCommandOutput;
    try {
      output = await sender.send(
        new PutRecordsCommand({ StreamName: streamName, Records: pending.map(toEntry) }),
        signal === undefined ? undefined : { abortSignal: signal },
      );
    } catch (error) {
      return {
        written,
        dropped: pending.length,
        errorCodes: {},
        errors: signal?.aborted ? [] : [error],
      };
    }
    const results = output.Records ?? [];
    const failedIndexes = pending
      .map((_, index) => index)
      .filter((index) => {
        const result = results[index];
        // Without a per-record result only the failed count can tell.
        return result === undefined
          ? (output.FailedRecordCount ?? 0) > 0
          : Boolean(result.ErrorCode);
      });
    written += pending.length - failedIndexes.length;
    lastCodes = failedIndexes.map((index) => results[index]?.ErrorCode ?? 'Unknown');
    pending = failedIndexes.flatMap((index) => pending[index] ?? []);
  }
  const errorCodes: Record<string, number> = {};
  for (const code of lastCodes) errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  return { written, dropped: pending.length, errorCodes, errors: [] };
}

function toEntry(record: OutgoingRecord): PutRecordsRequestEntry {
  return { Data: record.data, PartitionKey: record.partitionKey };
}

/** Resolves after the delay, or at once when the signal aborts, leaving no timer behind either way. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
