/** kinesalite in process, its client and stream creation, through the real @aws-sdk/client-kinesis. */
import {
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { KinesisStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ensureStreams,
  openShards,
  kinesisClient,
  startEventSourceMapping,
  startKinesis,
  type LocalKinesis,
} from '../../local/kinesis';
import { STREAMS } from '../../lambda/rollups/streams';

let kinesis: LocalKinesis;
let client: KinesisClient;
let scratch: string;

beforeAll(async () => {
  kinesis = await startKinesis();
  client = kinesisClient(kinesis.url);
  scratch = mkdtempSync(join(tmpdir(), 'pulse-kinesis-local-'));
});

afterAll(async () => {
  client.destroy();
  await kinesis.close();
  rmSync(scratch, { recursive: true, force: true });
});

const summary = async (name: string) =>
  (await client.send(new DescribeStreamSummaryCommand({ StreamName: name })))
    .StreamDescriptionSummary;

describe('startKinesis', () => {
  it('listens on a free port of 127.0.0.1', () => {
    expect(kinesis.port).toBeGreaterThan(0);
    expect(kinesis.url).toBe(`http://127.0.0.1:${kinesis.port}`);
  });
});

describe('ensureStreams', () => {
  it('creates the data path streams, ACTIVE, and leaves existing ones as they are', async () => {
    const names = Object.values(STREAMS);
    await ensureStreams(client, names, 2);
    for (const name of names)
      expect(await summary(name)).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 2 });

    await ensureStreams(client, names, 4);
    expect(await summary(STREAMS.userEvents)).toMatchObject({ OpenShardCount: 2 });
  });

  it('reshards an existing stream to the count asked for, when asked to: splits, then merges', async () => {
    const name = `test-${randomUUID().slice(0, 8)}`;
    await ensureStreams(client, [name], 1);
    await ensureStreams(client, [name], 4, { reshardExisting: true });
    expect(await summary(name)).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 4 });
    const open = await openShards(client, name);
    // Four even quarters of the hash key space, in order.
    expect(open.map((shard) => shard.HashKeyRange?.StartingHashKey)).toEqual(
      [0n, 1n, 2n, 3n].map((quarter) => String((quarter * 2n ** 128n) / 4n)),
    );
    await ensureStreams(client, [name], 3, { reshardExisting: true });
    expect(await summary(name)).toMatchObject({ StreamStatus: 'ACTIVE', OpenShardCount: 3 });
  });

  it('recreates a stream that is being deleted', async () => {
    const name = `test-${randomUUID().slice(0, 8)}`;
    await ensureStreams(client, [name]);
    await client.send(new DeleteStreamCommand({ StreamName: name }));
    await ensureStreams(client, [name]);
    expect(await summary(name)).toMatchObject({ StreamStatus: 'ACTIVE' });
  });
});

describe('checkpoints of a stream that was recreated', () => {
  it('are ignored, and the mapping starts from its starting position', async () => {
    const name = `test-${randomUUID().slice(0, 8)}`;
    await ensureStreams(client, [name]);
    const { SequenceNumber } = await client.send(
      new PutRecordCommand({ StreamName: name, Data: Buffer.from('old'), PartitionKey: 'p' }),
    );
    await client.send(new DeleteStreamCommand({ StreamName: name }));
    // Sequence numbers carry the shard's creation second: a stream of a later second rejects them.
    // The first stream was created before now, so the next whole second is surely a later one.
    await sleep(Math.ceil((Date.now() + 1) / 1000) * 1000 - Date.now() + 1);
    await ensureStreams(client, [name]);
    await client.send(
      new PutRecordCommand({ StreamName: name, Data: Buffer.from('new'), PartitionKey: 'p' }),
    );
    // The situation the mapping has to handle: Kinesis refuses the old checkpoint.
    await expect(
      client.send(
        new GetShardIteratorCommand({
          StreamName: name,
          ShardId: 'shardId-000000000000',
          ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
          StartingSequenceNumber: SequenceNumber,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidArgumentException' });
    const checkpointFile = join(scratch, `${name}.json`);
    writeFileSync(
      checkpointFile,
      JSON.stringify({
        version: 1,
        streamName: name,
        shards: { 'shardId-000000000000': SequenceNumber },
      }),
    );

    const delivered: string[] = [];
    const mapping = await startEventSourceMapping({
      client,
      streamName: name,
      checkpointFile,
      pollIntervalMs: 10,
      handler: async (event: KinesisStreamEvent) => {
        delivered.push(
          ...event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString()),
        );
      },
    });
    try {
      await mapping.drain();
      expect(delivered).toEqual(['new']);
    } finally {
      await mapping.stop();
    }
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: name }));
    expect(Shards).toHaveLength(1);
  });
});
