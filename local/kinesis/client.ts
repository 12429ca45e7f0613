/** The Kinesis client for local use and tests, and the streams the local stack needs, created when missing. */
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListShardsCommand,
  MergeShardsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  SplitShardCommand,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { setTimeout as sleep } from 'node:timers/promises';
import { StreamNotActiveError } from './errors';

/**
 * A client for kinesalite (never for AWS: production code gets its client from the Lambda environment).
 * The Kinesis client speaks HTTP/2 by default, which kinesalite does not (ERR_HTTP2_ERROR), hence HTTP/1.1.
 * kinesalite does not check signatures: the environment's credentials are used when set, dummies otherwise.
 */
export function kinesisClient(url: string): KinesisClient {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
  const credentials =
    AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: AWS_ACCESS_KEY_ID,
          secretAccessKey: AWS_SECRET_ACCESS_KEY,
          ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
        }
      : { accessKeyId: 'local', secretAccessKey: 'local' };
  return new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials,
    requestHandler: new NodeHttpHandler(),
  });
}

const ACTIVE_TIMEOUT_MS = 10_000;
const ACTIVE_POLL_MS = 20;

async function streamStatus(client: KinesisClient, name: string): Promise<string | undefined> {
  try {
    const { StreamDescriptionSummary } = await client.send(
      new DescribeStreamSummaryCommand({ StreamName: name }),
    );
    return StreamDescriptionSummary?.StreamStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitActive(client: KinesisClient, name: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const status = await streamStatus(client, name);
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline)
      throw new StreamNotActiveError(
        `Stream ${name} is ${status ?? 'gone'}, not ACTIVE, after ${ACTIVE_TIMEOUT_MS} ms`,
      );
    await sleep(ACTIVE_POLL_MS);
  }
}

/** Every shard of the stream, open and closed, page by page. */
export async function listShards(client: KinesisClient, name: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListShardsCommand(nextToken ? { NextToken: nextToken } : { StreamName: name }),
    );
    shards.push(...(page.Shards ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return shards;
}

/** The shards still taking records (not closed by a reshard), in hash key order. */
export async function openShards(client: KinesisClient, name: string): Promise<Shard[]> {
  const shards = await listShards(client, name);
  const start = (shard: Shard) => BigInt(shard.HashKeyRange?.StartingHashKey ?? '0');
  return shards
    .filter((shard) => shard.SequenceNumberRange?.EndingSequenceNumber === undefined)
    .sort((a, b) => (start(a) < start(b) ? -1 : start(a) > start(b) ? 1 : 0));
}

const widthOf = (shard: Shard) =>
  BigInt(shard.HashKeyRange?.EndingHashKey ?? '0') -
  BigInt(shard.HashKeyRange?.StartingHashKey ?? '0') +
  1n;

/**
 * Reshards a stream to `shardCount` open shards, as a user of Kinesis does: the widest shard is
 * split in half, or the narrowest adjacent pair merged, until the count is right. Records already
 * in a parent stay there; the local event source mapping reads each parent to its end before its
 * children, as Lambda does.
 */
export async function reshard(
  client: KinesisClient,
  name: string,
  shardCount: number,
): Promise<void> {
  for (;;) {
    await waitActive(client, name);
    const open = await openShards(client, name);
    if (open.length === shardCount) return;
    if (open.length < shardCount) {
      const widest = open.reduce((a, b) => (widthOf(b) > widthOf(a) ? b : a));
      const start = BigInt(widest.HashKeyRange?.StartingHashKey ?? '0');
      await client.send(
        new SplitShardCommand({
          StreamName: name,
          ShardToSplit: widest.ShardId,
          NewStartingHashKey: String(start + widthOf(widest) / 2n),
        }),
      );
    } else {
      let pair = 0;
      for (let i = 1; i + 1 < open.length; i++) {
        const width = widthOf(open[i]!) + widthOf(open[i + 1]!);
        if (width < widthOf(open[pair]!) + widthOf(open[pair + 1]!)) pair = i;
      }
      await client.send(
        new MergeShardsCommand({
          StreamName: name,
          ShardToMerge: open[pair]!.ShardId,
          AdjacentShardToMerge: open[pair + 1]!.ShardId,
        }),
      );
    }
  }
}

async function ensureStream(
  client: KinesisClient,
  name: string,
  shardCount: number,
  reshardExisting: boolean,
): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const status = await streamStatus(client, name);
    if (status === 'ACTIVE') {
      if (reshardExisting) await reshard(client, name, shardCount);
      return;
    }
    // Missing, or gone after DELETING: create it.
    if (status === undefined) {
      try {
        await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
      } catch (error) {
        // Another process of the local stack created it first: that is what we wanted.
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new StreamNotActiveError(
        `Stream ${name} is ${status}, not ACTIVE, after ${ACTIVE_TIMEOUT_MS} ms`,
      );
    await sleep(ACTIVE_POLL_MS);
  }
}

/**
 * Creates the streams that do not exist yet with `shardCount` shards and resolves once every one
 * is ACTIVE. An existing stream keeps its shards unless `reshardExisting` asks for that count
 * (the user set it): resharding is a deliberate act, not a side effect of starting.
 */
export async function ensureStreams(
  client: KinesisClient,
  names: readonly string[],
  shardCount = 1,
  options: { reshardExisting?: boolean } = {},
): Promise<void> {
  if (!Number.isInteger(shardCount) || shardCount < 1)
    throw new RangeError(`shardCount must be a positive integer, got ${shardCount}`);
  await Promise.all(
    names.map((name) => ensureStream(client, name, shardCount, options.reshardExisting ?? false)),
  );
}
