/** Rollup writes: BatchWriteItem 25 at a time, unprocessed items retried with backoff, idempotent puts. */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fullJitterMs } from '../aws/backoff';
import { inPool } from '../aws/pool';
import { ItemRejectedError, WriteFailedError } from './errors';

export interface PutRequest {
  readonly table: string;
  readonly item: Readonly<Record<string, unknown>>;
  /** The item's key attributes: two puts with the same key are the same write. */
  readonly keyAttributes: readonly string[];
}

export interface WriterOptions {
  readonly client: DynamoDBDocumentClient;
  /** BatchWriteItem calls per chunk before the remaining items count as failed. */
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly onRetry?: (info: { attempt: number; pending: number; cause: string }) => void;
  /** BatchWriteItem calls in flight at once; keys are distinct across calls, so order is free. */
  readonly concurrency?: number;
}

export const BATCH_WRITE_LIMIT = 25;

const PERMANENT_ERRORS = new Set(['ValidationException', 'SerializationException']);

function keyOf(request: PutRequest): string {
  return JSON.stringify([request.table, ...request.keyAttributes.map((a) => request.item[a])]);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : String(error);
}

export interface RollupWriter {
  /** Writes every request; one settled result per request, in order. Same-key requests: last wins. */
  writeAll(requests: readonly PutRequest[]): Promise<PromiseSettledResult<void>[]>;
}

export function rollupWriter(options: WriterOptions): RollupWriter {
  const {
    client,
    maxAttempts = 6,
    baseDelayMs = 50,
    maxDelayMs = 3000,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random = Math.random,
    onRetry,
    concurrency = 8,
  } = options;

  /** Writes up to 25 distinct keys; returns each key's outcome (undefined = written). */
  async function writeChunk(chunk: readonly [string, PutRequest][]): Promise<Map<string, Error>> {
    const failures = new Map<string, Error>();
    const keyAttributesOf = new Map(chunk.map(([, r]) => [r.table, r.keyAttributes]));
    let pending = new Map(chunk);
    for (let attempt = 0; pending.size > 0; attempt++) {
      const byTable: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> = {};
      for (const request of pending.values()) {
        (byTable[request.table] ??= []).push({ PutRequest: { Item: { ...request.item } } });
      }
      let cause: string;
      try {
        const { UnprocessedItems = {} } = await client.send(
          new BatchWriteCommand({ RequestItems: byTable }),
        );
        // DynamoDB hands back the items themselves: find each one's request again by its key.
        const unprocessed = new Map<string, PutRequest>();
        for (const [table, writes] of Object.entries(UnprocessedItems)) {
          const keyAttributes = keyAttributesOf.get(table) ?? [];
          for (const { PutRequest: put } of writes) {
            const key = put?.Item && keyOf({ table, item: put.Item, keyAttributes });
            const original = key === undefined ? undefined : pending.get(key);
            if (key !== undefined && original) unprocessed.set(key, original);
          }
        }
        pending = unprocessed;
        if (pending.size === 0) break;
        cause = 'UnprocessedItems';
      } catch (error) {
        const name = errorName(error);
        if (PERMANENT_ERRORS.has(name)) {
          if (pending.size === 1) {
            const [key] = pending.keys();
            failures.set(
              key!,
              new ItemRejectedError(`DynamoDB rejected the item: ${(error as Error).message}`),
            );
            break;
          }
          // One bad item fails the whole call: write them one by one to find it.
          for (const entry of pending) {
            for (const [key, failure] of await writeChunk([entry])) failures.set(key, failure);
          }
          break;
        }
        cause = name;
      }
      if (attempt + 1 >= maxAttempts) {
        for (const key of pending.keys()) {
          failures.set(
            key,
            new WriteFailedError(`not written after ${maxAttempts} attempts (${cause})`),
          );
        }
        break;
      }
      onRetry?.({ attempt: attempt + 1, pending: pending.size, cause });
      await sleep(fullJitterMs(attempt, { baseMs: baseDelayMs, maxMs: maxDelayMs }, random));
    }
    return failures;
  }

  return {
    async writeAll(requests) {
      // Deduplicate before chunking: one BatchWriteItem may not name a key twice, and a later
      // record of the same window must win over an earlier one.
      const latest = new Map<string, PutRequest>();
      for (const request of requests) {
        const key = keyOf(request);
        latest.delete(key);
        latest.set(key, request);
      }
      const entries = [...latest];
      const chunks: [string, PutRequest][][] = [];
      for (let i = 0; i < entries.length; i += BATCH_WRITE_LIMIT) {
        chunks.push(entries.slice(i, i + BATCH_WRITE_LIMIT));
      }
      const failures = new Map<string, Error>();
      await inPool(chunks, concurrency, async (chunk) => {
        for (const [key, failure] of await writeChunk(chunk)) failures.set(key, failure);
      });
      return requests.map((request) => {
        const failure = failures.get(keyOf(request));
        return failure
          ? { status: 'rejected', reason: failure }
          : { status: 'fulfilled', value: undefined };
      });
    },
  };
}
