/** The local Kinesis event source mapping against kinesalite, through the real @aws-sdk/client-kinesis. */
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  PutRecordsCommand,
  SplitShardCommand,
  type KinesisClient,
  type PutRecordsResultEntry,
} from '@aws-sdk/client-kinesis';
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ensureStreams,
  kinesisClient,
  startEventSourceMapping,
  startKinesis,
  type DiscardedBatchInfo,
  type EventSourceMapping,
  type KinesisTumblingWindowEvent,
  type LocalKinesis,
} from '../../local/kinesis';

const POLL_MS = 10;

let kinesis: LocalKinesis;
let client: KinesisClient;
let scratch: string;
const mappings: EventSourceMapping[] = [];

beforeAll(async () => {
  kinesis = await startKinesis();
  client = kinesisClient(kinesis.url);
  scratch = mkdtempSync(join(tmpdir(), 'pulse-kinesis-'));
});

afterEach(async () => {
  await Promise.all(mappings.splice(0).map((mapping) => mapping.stop()));
});

afterAll(async () => {
  client.destroy();
  await kinesis.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Each test reads its own stream, so tests do not see each other's records. */
async function newStream(shardCount = 1): Promise<string> {
  const name = `test-${randomUUID().slice(0, 8)}`;
  await ensureStreams(client, [name], shardCount);
  return name;
}

async function put(
  streamName: string,
  data: readonly string[],
  partitionKey: (index: number) => string = () => 'station-1',
  via: KinesisClient = client,
): Promise<PutRecordsResultEntry[]> {
  const { Records = [], FailedRecordCount } = await via.send(
    new PutRecordsCommand({
      StreamName: streamName,
      Records: data.map((text, index) => ({
        Data: Buffer.from(text),
        PartitionKey: partitionKey(index),
      })),
    }),
  );
  expect(FailedRecordCount ?? 0).toBe(0);
  return Records;
}

const texts = (event: KinesisStreamEvent): string[] =>
  event.Records.map((record) => Buffer.from(record.kinesis.data, 'base64').toString('utf8'));

const sequenceNumbers = (event: KinesisStreamEvent): string[] =>
  event.Records.map((record) => record.kinesis.sequenceNumber);

type Start = Parameters<typeof startEventSourceMapping>[0];

async function start(options: Start): Promise<EventSourceMapping> {
  const mapping = await startEventSourceMapping({ pollIntervalMs: POLL_MS, ...options } as Start);
  mappings.push(mapping);
  return mapping;
}

/** A handler that remembers every event (as JSON, like Lambda would see it) and answers with `respond`. */
function recorder(respond: (event: KinesisStreamEvent, call: number) => unknown = () => undefined) {
  const events: KinesisStreamEvent[] = [];
  const contexts: Context[] = [];
  const handler = async (event: KinesisStreamEvent, context: Context): Promise<unknown> => {
    events.push(JSON.parse(JSON.stringify(event)) as KinesisStreamEvent);
    contexts.push(context);
    return respond(event, events.length);
  };
  return { events, contexts, handler, all: () => events.flatMap(texts) };
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('delivery', () => {
  it('invokes with the exact Lambda event of the records put, in order, and a Lambda context', async () => {
    const streamName = await newStream();
    const put1 = await put(streamName, ['a', 'b', 'c', 'd', 'e']);
    const handler = recorder();
    const mapping = await start({ client, streamName, handler: handler.handler });
    await mapping.drain();

    // The arrival timestamps as Kinesis reports them to any consumer.
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: streamName,
        ShardId: 'shardId-000000000000',
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const { Records: stored = [] } = await client.send(new GetRecordsCommand({ ShardIterator }));
    expect(stored).toHaveLength(5);

    expect(handler.events).toHaveLength(1);
    expect(handler.events[0]).toEqual({
      Records: put1.map((entry, index) => ({
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: 'station-1',
          sequenceNumber: entry.SequenceNumber,
          data: Buffer.from('abcde'[index] ?? '').toString('base64'),
          approximateArrivalTimestamp:
            (stored[index]?.ApproximateArrivalTimestamp?.getTime() ?? 0) / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:${entry.SequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::000000000000:role/${streamName}-consumer`,
        awsRegion: 'us-east-1',
        eventSourceARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`,
      })),
    });
    expect(put1.every((entry) => entry.ShardId === 'shardId-000000000000')).toBe(true);

    const context = handler.contexts[0];
    expect(context).toMatchObject({
      functionName: `${streamName}-consumer`,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${streamName}-consumer`,
      logGroupName: `/aws/lambda/${streamName}-consumer`,
    });
    expect(context?.awsRequestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(typeof context?.getRemainingTimeInMillis()).toBe('number');
    expect(mapping.stats()).toMatchObject({
      invocations: 1,
      failedInvocations: 0,
      recordsDelivered: 5,
      shards: { 'shardId-000000000000': { checkpoint: put1[4]?.SequenceNumber, finished: false } },
    });
  });

  it('splits the stream into batches of at most batchSize, records of later puts following', async () => {
    const streamName = await newStream();
    await put(streamName, ['1', '2', '3', '4', '5', '6', '7']);
    const handler = recorder();
    const mapping = await start({ client, streamName, batchSize: 3, handler: handler.handler });
    await mapping.drain();
    expect(handler.events.map((event) => event.Records.length)).toEqual([3, 3, 1]);

    await put(streamName, ['8', '9']);
    await mapping.drain();
    expect(handler.all()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('reads every shard, each in order and each batch from one shard', async () => {
    const streamName = await newStream(3);
    const data = Array.from({ length: 30 }, (_, index) => `r${index}`);
    const entries = await put(streamName, data, (index) => `station-${index % 7}`);
    expect(new Set(entries.map((entry) => entry.ShardId)).size).toBeGreaterThan(1);
    const handler = recorder();
    const mapping = await start({ client, streamName, batchSize: 4, handler: handler.handler });
    await mapping.drain();

    expect([...handler.all()].sort()).toEqual([...data].sort());
    for (const event of handler.events)
      expect(new Set(event.Records.map((record) => record.eventID.split(':')[0])).size).toBe(1);
    for (const shardId of new Set(entries.map((entry) => entry.ShardId))) {
      const delivered = handler.events
        .flatMap((event) => event.Records)
        .filter((record) => record.eventID.startsWith(`${shardId}:`))
        .map((record) => record.kinesis.sequenceNumber);
      const expected = entries
        .filter((entry) => entry.ShardId === shardId)
        .map((entry) => entry.SequenceNumber);
      expect(delivered).toEqual(expected);
    }
  });

  it('follows a shard split: the parent is read to its end, then its children', async () => {
    const streamName = await newStream();
    const handler = recorder();
    const mapping = await start({ client, streamName, handler: handler.handler });
    await put(streamName, ['p0', 'p1']);
    await client.send(
      new SplitShardCommand({
        StreamName: streamName,
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: (2n ** 127n).toString(),
      }),
    );
    await ensureStreams(client, [streamName]);
    const children = await put(
      streamName,
      Array.from({ length: 8 }, (_, index) => `c${index}`),
      (index) => `station-${index}`,
    );
    expect(new Set(children.map((entry) => entry.ShardId))).toEqual(
      new Set(['shardId-000000000001', 'shardId-000000000002']),
    );
    await mapping.drain();

    expect(handler.all().slice(0, 2)).toEqual(['p0', 'p1']);
    expect([...handler.all()].sort()).toEqual([
      'c0',
      'c1',
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
      'c7',
      'p0',
      'p1',
    ]);
    expect(mapping.stats().shards).toMatchObject({
      'shardId-000000000000': { finished: true },
      'shardId-000000000001': { finished: false },
      'shardId-000000000002': { finished: false },
    });
  });

  it('with LATEST, delivers only what was put after it started', async () => {
    const streamName = await newStream();
    await put(streamName, ['old']);
    const handler = recorder();
    const mapping = await start({
      client,
      streamName,
      startingPosition: 'LATEST',
      handler: handler.handler,
    });
    await put(streamName, ['new']);
    await mapping.drain();
    expect(handler.all()).toEqual(['new']);
  });

  it('rejects a stream that does not exist, like CreateEventSourceMapping', async () => {
    await expect(
      start({ client, streamName: `missing-${randomUUID()}`, handler: recorder().handler }),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('failures', () => {
  it('after a batch item failure, delivers the lowest failed record and all later ones again, nothing earlier', async () => {
    const streamName = await newStream();
    const entries = await put(streamName, ['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    const seq = (index: number) => entries[index]?.SequenceNumber ?? '';
    const handler = recorder((_event, call) =>
      call === 1
        ? { batchItemFailures: [{ itemIdentifier: seq(4) }, { itemIdentifier: seq(3) }] }
        : { batchItemFailures: [] },
    );
    const mapping = await start({ client, streamName, handler: handler.handler });
    await mapping.drain();

    expect(handler.events.map(texts)).toEqual([
      ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'],
      ['r3', 'r4', 'r5'],
    ]);
    expect(mapping.stats()).toMatchObject({
      invocations: 2,
      failedInvocations: 1,
      shards: { 'shardId-000000000000': { checkpoint: seq(5) } },
    });
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['an itemIdentifier not in the batch', { batchItemFailures: [{ itemIdentifier: '123' }] }],
    ['a misspelt key', { batchItemFailures: [{ itemIdentifer: 'x' }] }],
  ])('treats %s as a failure of the whole batch', async (_name, response) => {
    const streamName = await newStream();
    await put(streamName, ['r0', 'r1']);
    const handler = recorder((_event, call) => (call === 1 ? response : undefined));
    const mapping = await start({ client, streamName, handler: handler.handler });
    await mapping.drain();
    expect(handler.events.map(texts)).toEqual([
      ['r0', 'r1'],
      ['r0', 'r1'],
    ]);
  });

  it('ignores batchItemFailures when ReportBatchItemFailures is off, as AWS does', async () => {
    const streamName = await newStream();
    const entries = await put(streamName, ['r0', 'r1']);
    const handler = recorder(() => ({
      batchItemFailures: [{ itemIdentifier: entries[1]?.SequenceNumber }],
    }));
    const mapping = await start({
      client,
      streamName,
      reportBatchItemFailures: false,
      handler: handler.handler,
    });
    await mapping.drain();
    expect(handler.events.map(texts)).toEqual([['r0', 'r1']]);
  });

  it('retries a batch whose handler threw with exactly the same records, in order', async () => {
    const streamName = await newStream();
    const entries = await put(streamName, ['r0', 'r1', 'r2']);
    const handler = recorder(async (_event, call) => {
      if (call === 1) {
        // Records arriving meanwhile do not join the retried batch.
        await put(streamName, ['r3', 'r4']);
        throw new Error('DynamoDB unavailable');
      }
    });
    const mapping = await start({ client, streamName, handler: handler.handler });
    await mapping.drain();

    expect(handler.events.map(texts)).toEqual([
      ['r0', 'r1', 'r2'],
      ['r0', 'r1', 'r2'],
      ['r3', 'r4'],
    ]);
    expect(sequenceNumbers(handler.events[1] ?? { Records: [] })).toEqual(
      entries.map((entry) => entry.SequenceNumber),
    );
    expect(mapping.stats().shards['shardId-000000000000']?.lastError).toBeUndefined();
  });

  it('gives up after maximumRetryAttempts, reports the batch and goes on with the next records', async () => {
    const streamName = await newStream();
    const entries = await put(streamName, ['poison', 'also poison']);
    const reports: { error: Error; info: DiscardedBatchInfo }[] = [];
    const handler = recorder((event) => {
      if (texts(event).includes('poison')) throw new Error('cannot parse');
    });
    const mapping = await start({
      client,
      streamName,
      maximumRetryAttempts: 2,
      onBatchError: (error, info) => reports.push({ error, info }),
      handler: handler.handler,
    });
    await mapping.drain();
    await put(streamName, ['fine']);
    await mapping.drain();

    expect(handler.events.map(texts)).toEqual([
      ['poison', 'also poison'],
      ['poison', 'also poison'],
      ['poison', 'also poison'],
      ['fine'],
    ]);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.error.message).toBe('cannot parse');
    expect(reports[0]?.info).toEqual({
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: 3,
      shardId: 'shardId-000000000000',
      startSequenceNumber: entries[0]?.SequenceNumber,
      endSequenceNumber: entries[1]?.SequenceNumber,
      approximateArrivalOfFirstRecord: expect.stringMatching(/Z$/),
      approximateArrivalOfLastRecord: expect.stringMatching(/Z$/),
      batchSize: 2,
      streamArn: `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`,
    });
    expect(mapping.stats()).toMatchObject({ discardedBatches: 1, failedInvocations: 3 });
  });

  it('with a partial failure and no retries left, discards only the failed records onwards', async () => {
    const streamName = await newStream();
    const entries = await put(streamName, ['r0', 'r1', 'r2']);
    const reports: DiscardedBatchInfo[] = [];
    const handler = recorder((event) => ({
      batchItemFailures: event.Records.filter(
        (r) => r.kinesis.sequenceNumber === entries[1]?.SequenceNumber,
      ).map((r) => ({ itemIdentifier: r.kinesis.sequenceNumber })),
    }));
    const mapping = await start({
      client,
      streamName,
      maximumRetryAttempts: 0,
      onBatchError: (_error, info) => reports.push(info),
      handler: handler.handler,
    });
    await mapping.drain();
    expect(handler.events.map(texts)).toEqual([['r0', 'r1', 'r2']]);
    expect(reports).toMatchObject([
      {
        startSequenceNumber: entries[1]?.SequenceNumber,
        endSequenceNumber: entries[2]?.SequenceNumber,
        batchSize: 2,
      },
    ]);
    expect(mapping.stats().shards['shardId-000000000000']?.checkpoint).toBe(
      entries[2]?.SequenceNumber,
    );
  });

  it('keeps retrying a poison batch by default, backing off, so drain() times out', async () => {
    const streamName = await newStream();
    await put(streamName, ['poison']);
    const handler = recorder(() => {
      throw new Error('poison');
    });
    const mapping = await start({ client, streamName, handler: handler.handler });
    await expect(mapping.drain(400)).rejects.toThrow(/not drained within 400 ms/);
    // 100, 200, 400 ms between attempts: a handful of invocations, not thousands.
    expect(handler.events.length).toBeGreaterThan(1);
    expect(handler.events.length).toBeLessThan(10);
    expect(mapping.stats().shards['shardId-000000000000']?.lastError).toBe('poison');
  });
});

describe('checkpoints', () => {
  it('resumes after the last processed record: no replay, no loss', async () => {
    const streamName = await newStream();
    const checkpointFile = join(scratch, `${streamName}.json`);
    const entries = await put(streamName, ['r0', 'r1', 'r2']);
    const first = recorder();
    const mapping = await start({ client, streamName, checkpointFile, handler: first.handler });
    await mapping.drain();
    await mapping.stop();
    expect(JSON.parse(readFileSync(checkpointFile, 'utf8'))).toEqual({
      version: 1,
      streamName,
      shards: { 'shardId-000000000000': entries[2]?.SequenceNumber },
    });

    await put(streamName, ['r3', 'r4']);
    const second = recorder();
    const resumed = await start({ client, streamName, checkpointFile, handler: second.handler });
    await resumed.drain();
    expect(first.all()).toEqual(['r0', 'r1', 'r2']);
    expect(second.all()).toEqual(['r3', 'r4']);
  });

  it('stop() lets the invocation in flight finish and checkpoints it', async () => {
    const streamName = await newStream();
    const checkpointFile = join(scratch, `${streamName}.json`);
    const entries = await put(streamName, ['r0', 'r1']);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const mapping = await start({
      client,
      streamName,
      checkpointFile,
      handler: async () => {
        await gate;
        finished = true;
      },
    });
    await until(() => mapping.stats().invocations === 1, 'the first invocation');
    const stopping = mapping.stop();
    release();
    await stopping;
    expect(finished).toBe(true);
    const saved = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { shards: object };
    expect(saved.shards).toEqual({ 'shardId-000000000000': entries[1]?.SequenceNumber });
  });

  it('refuses a checkpoint file of another stream', async () => {
    const streamName = await newStream();
    const other = await newStream();
    const checkpointFile = join(scratch, `${streamName}-shared.json`);
    await put(streamName, ['r0']);
    const mapping = await start({
      client,
      streamName,
      checkpointFile,
      handler: recorder().handler,
    });
    await mapping.drain();
    await expect(
      start({ client, streamName: other, checkpointFile, handler: recorder().handler }),
    ).rejects.toThrow(/checkpoints of stream/);
  });

  it('survives a kinesalite restart on the same LevelDB path', async () => {
    const dataPath = mkdtempSync(join(scratch, 'leveldb-'));
    const checkpointFile = join(scratch, 'restart', 'checkpoints.json');
    const streamName = 'user-events';

    const before = await startKinesis({ path: dataPath });
    const beforeClient = kinesisClient(before.url);
    await ensureStreams(beforeClient, [streamName]);
    await put(streamName, ['r0', 'r1', 'r2'], undefined, beforeClient);
    const first = recorder();
    const mapping = await startEventSourceMapping({
      client: beforeClient,
      streamName,
      checkpointFile,
      pollIntervalMs: POLL_MS,
      handler: first.handler,
    });
    await mapping.drain();
    await mapping.stop();
    beforeClient.destroy();
    await before.close();

    const after = await startKinesis({ path: dataPath });
    const afterClient = kinesisClient(after.url);
    try {
      await ensureStreams(afterClient, [streamName]);
      // The stream and its first records came back from LevelDB.
      await put(streamName, ['r3', 'r4'], undefined, afterClient);
      const second = recorder();
      const resumed = await startEventSourceMapping({
        client: afterClient,
        streamName,
        checkpointFile,
        pollIntervalMs: POLL_MS,
        handler: second.handler,
      });
      await resumed.drain();
      await resumed.stop();
      expect(first.all()).toEqual(['r0', 'r1', 'r2']);
      expect(second.all()).toEqual(['r3', 'r4']);
    } finally {
      afterClient.destroy();
      await after.close();
    }
  });
});

describe('tumbling windows', () => {
  type WindowEvent = KinesisTumblingWindowEvent;
  interface Count extends Record<string, unknown> {
    count: number;
    seen: string[];
  }

  /** Counts records per window, as Pulse's aggregate does, remembering each event and what it returned. */
  function counter() {
    const calls: { event: WindowEvent; returned: Count }[] = [];
    const handler = async (event: WindowEvent): Promise<unknown> => {
      const copy = JSON.parse(JSON.stringify(event)) as WindowEvent;
      const state = event.state as Partial<Count>;
      const returned: Count = {
        count: (state.count ?? 0) + event.Records.length,
        seen: [...(state.seen ?? []), ...texts(event)],
      };
      calls.push({ event: copy, returned });
      return { state: returned, batchItemFailures: [] };
    };
    return { calls, handler };
  }

  it('delivers records of different seconds to different 1 s windows, passes state along, ends each with a final invoke', async () => {
    const streamName = await newStream();
    const checkpointFile = join(scratch, `${streamName}.json`);
    const { calls, handler } = counter();
    const mapping = await start({
      client,
      streamName,
      tumblingWindowSeconds: 1,
      batchSize: 2,
      checkpointFile,
      handler,
    });
    await put(streamName, ['a0', 'a1', 'a2']);
    const afterA = Date.now();
    await sleep(Math.ceil(afterA / 1000) * 1000 - afterA + 1);
    const entriesB = await put(streamName, ['b0', 'b1', 'b2']);
    const afterB = Date.now();
    // Once B's second is over, drain() waits for the final invokes of both windows.
    await sleep(Math.ceil(afterB / 1000) * 1000 - afterB + 1);
    await mapping.drain();

    const windows = new Map<string, typeof calls>();
    for (const call of calls)
      windows.set(call.event.window.start, [...(windows.get(call.event.window.start) ?? []), call]);
    expect(windows.size).toBeGreaterThanOrEqual(2);

    for (const [start, invocations] of windows) {
      expect(invocations[0]?.event.state).toEqual({});
      invocations.forEach((call, index) => {
        expect(call.event).toMatchObject({
          window: {
            start,
            end: new Date(Date.parse(start) + 1000).toISOString().replace('.000', ''),
          },
          shardId: 'shardId-000000000000',
          eventSourceARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`,
          isFinalInvokeForWindow: index === invocations.length - 1,
          isWindowTerminatedEarly: false,
        });
        if (index > 0) expect(call.event.state).toEqual(invocations[index - 1]?.returned);
        // Every record of the invoke arrived within its window.
        for (const record of call.event.Records) {
          const arrivalMs = record.kinesis.approximateArrivalTimestamp * 1000;
          expect(arrivalMs).toBeGreaterThanOrEqual(Date.parse(start));
          expect(arrivalMs).toBeLessThan(Date.parse(start) + 1000);
        }
      });
      const final = invocations.at(-1);
      expect(final?.returned.count).toBe(final?.returned.seen.length);
    }

    const delivered = calls.flatMap((call) => texts(call.event));
    expect(delivered).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2']);
    const windowOf = (text: string) =>
      calls.find((call) => texts(call.event).includes(text))?.event.window.start ?? '';
    expect(windowOf('a2') < windowOf('b0')).toBe(true);
    // batchSize 2: a window of three records takes several invocations.
    expect(
      [...windows.values()].some(
        (invocations) => invocations.filter((c) => c.event.Records.length > 0).length >= 2,
      ),
    ).toBe(true);
    expect(mapping.stats().windowsClosed).toBe(windows.size);

    // The final invoke of the last window checkpoints its last record.
    await mapping.stop();
    expect(JSON.parse(readFileSync(checkpointFile, 'utf8'))).toMatchObject({
      shards: { 'shardId-000000000000': entriesB[2]?.SequenceNumber },
    });
  });

  it('checkpoints only closed windows: a restart rebuilds the open window from its records', async () => {
    const streamName = await newStream();
    const checkpointFile = join(scratch, `${streamName}.json`);
    await put(streamName, ['r0', 'r1', 'r2']);
    const first = counter();
    const options = {
      client,
      streamName,
      tumblingWindowSeconds: 900,
      batchSize: 2,
      checkpointFile,
    };
    const mapping = await start({ ...options, handler: first.handler });
    await mapping.drain();
    await mapping.stop();
    expect(first.calls.map((call) => call.event.isFinalInvokeForWindow)).toEqual([false, false]);
    expect(JSON.parse(readFileSync(checkpointFile, 'utf8'))).toEqual({
      version: 1,
      streamName,
      shards: {},
    });

    const second = counter();
    const resumed = await start({ ...options, handler: second.handler });
    await resumed.drain();
    expect(second.calls[0]?.event.state).toEqual({});
    expect(second.calls.at(-1)?.returned).toEqual({ count: 3, seen: ['r0', 'r1', 'r2'] });
  });

  it('counts a response without state as a failed invocation', async () => {
    const streamName = await newStream();
    await put(streamName, ['r0']);
    const events: WindowEvent[] = [];
    const reports: DiscardedBatchInfo[] = [];
    const mapping = await start({
      client,
      streamName,
      tumblingWindowSeconds: 900,
      maximumRetryAttempts: 1,
      onBatchError: (_error, info) => reports.push(info),
      handler: async (event) => {
        events.push(event);
        return { batchItemFailures: [] };
      },
    });
    await mapping.drain();
    expect(events).toHaveLength(2);
    expect(reports).toMatchObject([{ batchSize: 1, window: { isFinalInvokeForWindow: false } }]);
    expect(mapping.stats().shards['shardId-000000000000']?.lastError).toMatch(/state/);
  });

  it('terminates a window early when its state outgrows 1 MB, and continues it with a fresh state', async () => {
    const streamName = await newStream();
    await put(streamName, ['r0', 'r1']);
    const events: WindowEvent[] = [];
    const mapping = await start({
      client,
      streamName,
      tumblingWindowSeconds: 900,
      batchSize: 1,
      handler: async (event) => {
        events.push(event);
        return { state: events.length === 1 ? { blob: 'x'.repeat(1024 * 1024) } : { n: 1 } };
      },
    });
    await mapping.drain();
    expect(
      events.map((event) => ({
        records: texts(event),
        final: event.isFinalInvokeForWindow,
        early: event.isWindowTerminatedEarly,
        big: 'blob' in event.state,
      })),
    ).toEqual([
      { records: ['r0'], final: false, early: false, big: false },
      { records: [], final: true, early: true, big: true },
      { records: ['r1'], final: false, early: false, big: false },
    ]);
    expect(events[2]?.state).toEqual({});
  });
});
