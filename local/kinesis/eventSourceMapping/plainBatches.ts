/** Plain delivery: up to a batch of the shard's records per invocation, each checkpointed as soon as it is handled. */
import { readBatchResponse } from './contract';
import { plainBatch, type Batch, type Delivery, type Outcome } from './delivery';
import type { PendingRecord, ShardReader } from './shardReader';

export interface PlainBatchesOptions {
  /** ReportBatchItemFailures: without it, a response's `batchItemFailures` are ignored. */
  readonly reportBatchItemFailures: boolean;
  readonly checkpoint: (sequenceNumber: string) => void;
}

export class PlainBatches implements Delivery {
  constructor(private readonly options: PlainBatchesOptions) {}

  nextBatch(reader: ShardReader, batchSize: number): Batch | 'idle' | 'finished' {
    const { buffer } = reader;
    if (buffer.length === 0) return reader.ended ? 'finished' : 'idle';
    return plainBatch(buffer.slice(0, batchSize));
  }

  idleSleepMs(pollIntervalMs: number): number {
    return pollIntervalMs;
  }

  event(batch: Batch) {
    // Lambda sends a fresh JSON document each time: a handler that mutates its event cannot change a retry.
    return { Records: batch.records.map((pending) => structuredClone(pending.record)) };
  }

  outcome(response: unknown, sequenceNumbers: readonly string[]): Outcome {
    return this.options.reportBatchItemFailures
      ? readBatchResponse(response, sequenceNumbers)
      : { kind: 'success' };
  }

  done(records: readonly PendingRecord[]): void {
    const last = records.at(-1);
    if (last !== undefined) this.options.checkpoint(last.sequenceNumber);
  }

  succeeded(): void {
    // Each record was checkpointed as it was done; there is no state to carry.
  }

  partlySucceeded(): void {
    // As succeeded: the records before the failure are checkpointed already.
  }

  discarded(): void {
    // The given-up records are checkpointed by done(); nothing else is open.
  }

  emptyBatchKey(batch: Batch): string {
    return `final:none:${batch.terminatedEarly}`;
  }

  windowInfo() {
    return {};
  }

  drainedSince(): boolean {
    return true;
  }

  stats() {
    return {};
  }
}
