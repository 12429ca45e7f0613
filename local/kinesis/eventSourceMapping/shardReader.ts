/**
 * Reading one shard in order, as Lambda's poller does: shard iterators from a position (the
 * checkpoint, the starting position, or where a retry begins), GetRecords into a buffer, and what
 * has been seen of the shard's end. Both delivery modes read through it.
 */
import {
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  InvalidArgumentException,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamRecord } from 'aws-lambda';
import type { Checkpoints } from './checkpoints';
import { toLambdaRecord, type RecordSource } from './contract';

export type Position =
  | { type: 'TRIM_HORIZON' | 'LATEST' }
  | { type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string };

/** A record read from the shard and not yet handled. */
export interface PendingRecord {
  readonly record: KinesisStreamRecord;
  readonly sequenceNumber: string;
  readonly arrivalMs: number;
}

export interface ShardReaderOptions {
  readonly client: KinesisClient;
  readonly streamName: string;
  /** The shard, and what its records say about where they come from. */
  readonly source: RecordSource;
  /** Where the shard starts when it has no checkpoint, or its checkpoint is of no use. */
  readonly startingPosition: Position;
  readonly checkpoints: Checkpoints;
  /** Told when something worth knowing happened that is not an error (a checkpoint ignored). */
  readonly notice: (message: string) => void;
}

export class ShardReader {
  /** Records read and not yet handled, in shard order. */
  private pending: PendingRecord[] = [];
  private iterator: string | undefined;
  private shardEnded = false;
  /** Start time of the last GetRecords that reached the end of the shard: everything older has been read. */
  private tipSeen: number | undefined;
  /** Where the next GetShardIterator starts: after the last record read, or where a retry begins. */
  private readPosition: Position;
  private positionFromCheckpoint: boolean;

  constructor(private readonly options: ShardReaderOptions) {
    const saved = options.checkpoints.get(options.source.shardId);
    this.positionFromCheckpoint = saved !== undefined;
    this.readPosition =
      saved === undefined
        ? options.startingPosition
        : { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: saved };
  }

  get buffer(): readonly PendingRecord[] {
    return this.pending;
  }

  /** The shard was closed by resharding and has been read to its end. */
  get ended(): boolean {
    return this.shardEnded;
  }

  get tipSeenAt(): number | undefined {
    return this.tipSeen;
  }

  /** Takes the first iterator, so that a LATEST mapping sees every record put after it started. */
  async init(): Promise<void> {
    this.iterator = await this.acquireIterator();
  }

  /** Reads up to `limit` more records into the buffer. */
  async fetch(limit: number): Promise<void> {
    this.iterator ??= await this.acquireIterator();
    if (this.iterator === undefined) {
      this.shardEnded = true;
      return;
    }
    const startedAt = Date.now();
    let output;
    try {
      output = await this.options.client.send(
        new GetRecordsCommand({ ShardIterator: this.iterator, Limit: limit }),
      );
    } catch (error) {
      // Iterators live five minutes; a long backoff or invocation outlives them. Take a new one from the read position.
      if (!(error instanceof ExpiredIteratorException)) throw error;
      this.iterator = undefined;
      return;
    }
    const records = output.Records ?? [];
    for (const record of records) {
      const lambdaRecord = toLambdaRecord(record, this.options.source);
      this.pending.push({
        record: lambdaRecord,
        sequenceNumber: lambdaRecord.kinesis.sequenceNumber,
        arrivalMs: Math.round(lambdaRecord.kinesis.approximateArrivalTimestamp * 1000),
      });
    }
    const last = this.pending.at(-1);
    if (records.length > 0 && last)
      this.readPosition = { type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: last.sequenceNumber };
    if (records.length < limit) this.tipSeen = startedAt;
    this.iterator = output.NextShardIterator;
    // No next iterator: the shard was closed by resharding and has been read to its end.
    if (this.iterator === undefined) this.shardEnded = true;
  }

  /** The first `count` records are handled (or given up): out of the buffer. */
  drop(count: number): void {
    this.pending.splice(0, count);
  }

  /**
   * Reads again from `sequenceNumber` on, as Lambda does after a partial batch failure: what was
   * read past it is dropped, and the end of the shard must be seen again.
   */
  rewindTo(sequenceNumber: string): void {
    this.pending = [];
    this.iterator = undefined;
    this.shardEnded = false;
    this.tipSeen = undefined;
    this.readPosition = { type: 'AT_SEQUENCE_NUMBER', sequenceNumber };
  }

  private async acquireIterator(): Promise<string | undefined> {
    const { client, streamName, source, checkpoints } = this.options;
    const position = this.readPosition;
    try {
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: source.shardId,
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
      this.options.notice(`checkpoint ignored, ${error.message}`);
      this.positionFromCheckpoint = false;
      checkpoints.forget(source.shardId);
      this.readPosition = this.options.startingPosition;
      return this.acquireIterator();
    }
  }
}
