/**
 * The local stack with four shards per stream (PULSE_STREAM_SHARDS=4): one consumer per shard,
 * each with its own tumbling windows, and 800 players spoken as exactly 800.
 */
import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Intent, Slot } from '../../domain/names';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { STREAMS } from '../../lambda/rollups/streams';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { kinesisClient } from '../../local/kinesis';
import { startStack, type Stack } from '../../local/stack';
import { plainTextOf } from '../../ssml';
import { startChildStack } from '../support/childStack';
import { freeBasePort } from '../support/ports';
import { settled } from '../support/waiting';
import { intentRequest } from '../support/requests';

const PLAYERS = 800;
let dataDir: string;
let stack: Stack;
let kinesis: KinesisClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-shards-'));
  stack = await startStack({
    port: await freeBasePort(),
    dataDir,
    telemetry: false,
    apiToken: 'shards-token',
    streamShards: 4,
  });
  kinesis = kinesisClient(stack.endpoints.kinesis);
}, 120_000);

afterAll(async () => {
  kinesis?.destroy();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('refuses a shard count that is not a whole number from 1 to 64, saying so', async () => {
  const port = await freeBasePort();
  const attempt = startChildStack({
    port,
    dataDir: join(dataDir, 'refused'),
    apiToken: 'x',
    env: { PULSE_STREAM_SHARDS: 'four' },
  });
  await expect(attempt).rejects.toThrow(
    /PULSE_STREAM_SHARDS must be a whole number of shards from 1 to 64, not four/,
  );
}, 120_000);

it('makes every stream with four shards', async () => {
  for (const streamName of Object.values(STREAMS)) {
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: streamName }),
    );
    expect([streamName, StreamDescriptionSummary?.OpenShardCount]).toEqual([streamName, 4]);
  }
});

/** Distinct players per second of arrival, over every shard: what the rollups must say. */
async function playersBySecond(): Promise<Map<number, Set<string>>> {
  const { Shards = [] } = await kinesis.send(
    new ListShardsCommand({ StreamName: STREAMS.userEvents }),
  );
  const bySecond = new Map<number, Set<string>>();
  for (const shard of Shards) {
    let { ShardIterator: iterator } = await kinesis.send(
      new GetShardIteratorCommand({
        StreamName: STREAMS.userEvents,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    while (iterator) {
      const page = await kinesis.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }),
      );
      for (const record of page.Records ?? []) {
        const second = Math.floor(record.ApproximateArrivalTimestamp!.getTime() / 1000) * 1000;
        const { cognitoId } = JSON.parse(Buffer.from(record.Data!).toString('utf8')) as {
          cognitoId: string;
        };
        bySecond.set(second, (bySecond.get(second) ?? new Set()).add(cognitoId));
      }
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  return bySecond;
}

it('counts 800 players sending several events a second exactly, and speaks 800 as the high', async () => {
  const players = Array.from({ length: PLAYERS }, (_, i) => ({
    cognitoId: `us-east-1:${String(i).padStart(8, '0')}-aaaa-bbbb-cccc-shards`,
    os: ['Android', 'iOS', 'Windows Phone', 'other'][i % 4]!,
    quadrant: 'ABCD'[(i * 3) % 4]!,
  }));
  // Four rounds a second for eight seconds: every player several times in every second.
  const started = Date.now();
  while (Date.now() - started < 8000) {
    const round = Date.now();
    const records = players.map((p) => ({
      Data: Buffer.from(JSON.stringify({ recordTime: Date.now() / 1000, ...p })),
      PartitionKey: p.cognitoId,
    }));
    const results = await Promise.all(
      [records.slice(0, 400), records.slice(400)].map((Records) =>
        kinesis.send(new PutRecordsCommand({ StreamName: STREAMS.userEvents, Records })),
      ),
    );
    expect(results.map((r) => r.FailedRecordCount)).toEqual([0, 0]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 250 - (Date.now() - round))));
  }

  const expected = await playersBySecond();
  const seconds = [...expected.keys()].sort((a, b) => a - b);
  const reader = playerRollupRepository({
    client: dynamoDocumentClient({ timeoutMs: 10_000 }),
    tableName: 'pulse-user-rollups',
    timeoutMs: 10_000,
  });
  // Each shard closes its windows on its own; a second is whole once all four wrote it.
  const want = seconds.map((second) => [second, expected.get(second)!.size]);
  const read = async () => await reader.playerRollupsSince(seconds[0]!);
  const counts = (rollups: Awaited<ReturnType<typeof read>>) =>
    rollups.map((r) => [r.windowTime, r.userCount]);
  await settled(async () => counts(await read()), want);
  const stored = await read();
  expect(counts(stored)).toEqual(want);
  // A full second had every player in it, each counted once over the four shards.
  const full = stored.filter((r) => r.userCount === PLAYERS);
  expect(full.length).toBeGreaterThan(0);
  for (const rollup of full) {
    expect(rollup).toMatchObject({
      byOs: { android: 200, ios: 200, windowsPhone: 200, other: 200 },
      byQuadrant: { A: 200, B: 200, C: 200, D: 200 },
    });
  }

  const response = await fetch(`${stack.url}/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      intentRequest(Intent.PlayersTrend, { [Slot.Duration]: { value: 'PT1M' } }),
    ),
  });
  const answer = (await response.json()) as ResponseEnvelope;
  const said = plainTextOf((answer.response.outputSpeech as { ssml: string }).ssml);
  expect(said).toContain(', the high 800,');
}, 300_000);
