/**
 * Nothing acknowledged is lost or doubled when the whole local stack dies: `npm start`'s entry
 * runs as a child process, is killed with SIGKILL (its whole process group, as kill -9 of the
 * group) mid-render and mid-ingestion, and started again on the same data directory.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordsCommand,
  type KinesisClient,
} from '@aws-sdk/client-kinesis';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playerRollupRepository, type PlayerRollup } from '../../lambda/rollups/playerRollups';
import { STREAMS } from '../../lambda/rollups/streams';
import { kinesisClient } from '../../local/kinesis';
import { startChildStack, type ChildStack } from '../support/childStack';
import { freeBasePort } from '../support/ports';
import { settled, until } from '../support/waiting';

const TOKEN = 'crash-test-token';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let dataDir: string;
let port: number;
let running: ChildStack | undefined;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-crash-'));
  port = await freeBasePort();
});

afterEach(async () => {
  // Whatever happened in the test, no stack is left behind.
  await running?.kill();
  running = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: NodeJS.ProcessEnv = {}): Promise<ChildStack> {
  running = await startChildStack({ port, dataDir, apiToken: TOKEN, env });
  return running;
}

async function killHard(stack: ChildStack): Promise<void> {
  await stack.kill();
  running = undefined;
}

function documents(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port + 1}`,
      credentials: CREDENTIALS,
    }),
  );
}

describe('kill -9 mid-render', () => {
  const sentences = (post: number) =>
    Array.from(
      { length: 45 },
      (_, i) => `Sentence ${i + 1} of post ${post} is read aloud by the local speech service.`,
    ).join(' ');

  it('every acknowledged post becomes COMPLETED after the restart, with one audio file each', async () => {
    let stack = await start();
    const postIds: string[] = [];
    for (let post = 1; post <= 12; post++) {
      const response = await fetch(`${stack.url}/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: sentences(post), title: `Crash ${post}` }),
      });
      expect(response.status).toBe(202);
      postIds.push(((await response.json()) as { postId: string }).postId);
    }

    // Killed while a render is under way: some post claimed by a render and not finished.
    const dynamo = documents();
    const item = async (postId: string) =>
      (await dynamo.send(new GetCommand({ TableName: 'pulse-posts', Key: { postId } }))).Item;
    const inFlight = await until(
      'a render under way',
      async () => {
        const items = await Promise.all(postIds.map(item));
        const rendering = items.filter(
          (i) => i?.status === 'PROCESSING' && (i.renderAttempts as number) >= 1,
        );
        return rendering.length > 0 ? rendering.map((i) => i!.postId as string) : undefined;
      },
      120_000,
    );
    await killHard(stack);
    dynamo.destroy();

    stack = await start();
    const restarted = documents();
    const finished = await until(
      'every post to finish',
      async () => {
        const items = await Promise.all(
          postIds.map(
            async (postId) =>
              (await restarted.send(new GetCommand({ TableName: 'pulse-posts', Key: { postId } })))
                .Item,
          ),
        );
        return items.every((i) => i?.status !== 'PROCESSING') ? items : undefined;
      },
      480_000,
    );
    restarted.destroy();
    expect(finished.map((i) => [i!.postId, i!.status])).toEqual(
      postIds.map((postId) => [postId, 'COMPLETED']),
    );
    // The renders cut short were delivered again after the restart, not left to the sweeper.
    for (const postId of inFlight) {
      const post = finished.find((i) => i!.postId === postId)!;
      expect(post.renderAttempts).toBeGreaterThanOrEqual(2);
    }
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port + 2}`,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
    const { Contents = [] } = await s3.send(
      new ListObjectsV2Command({ Bucket: 'pulse-posts-audio' }),
    );
    s3.destroy();
    expect(Contents.map((object) => object.Key).sort()).toEqual(
      postIds.map((postId) => `posts/${postId}.mp3`).sort(),
    );
    const audio = await fetch(
      (
        (await (
          await fetch(`${stack.url}/posts/${postIds[0]!}`, {
            headers: { authorization: `Bearer ${TOKEN}` },
          })
        ).json()) as { audioUrl: string }
      ).audioUrl,
    );
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
  }, 900_000);
});

describe('kill -9 mid-ingestion', () => {
  interface Readback {
    readonly data: Record<string, unknown>;
    readonly arrivalMs: number;
  }

  /** Every record in the stream, every shard from its start (closed shards included). */
  async function readStream(client: KinesisClient, streamName: string): Promise<Readback[]> {
    const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
    const found: Readback[] = [];
    for (const shard of Shards) {
      let { ShardIterator: iterator } = await client.send(
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      while (iterator) {
        const page = await client.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }),
        );
        for (const record of page.Records ?? []) {
          found.push({
            data: JSON.parse(Buffer.from(record.Data!).toString('utf8')) as Record<string, unknown>,
            arrivalMs: record.ApproximateArrivalTimestamp!.getTime(),
          });
        }
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    }
    return found;
  }

  const OSES = ['Android', 'iOS', 'Windows Phone', 'other'] as const;
  const OS_IDS = ['android', 'ios', 'windowsPhone', 'other'] as const;
  /** The SQL apps' windows go far from the live ones, so that the two kinds never share a second. */
  const SQL_EPOCH = Date.UTC(2026, 0, 1);

  it('resumes every stream from its checkpoint: every acknowledged record counted, none twice', async () => {
    let stack = await start({ PULSE_STREAM_SHARDS: '2' });
    let kinesis = kinesisClient(`http://127.0.0.1:${port + 3}`);
    const { StreamDescriptionSummary } = await kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: STREAMS.userEvents }),
    );
    expect(StreamDescriptionSummary?.OpenShardCount).toBe(2);

    const players = Array.from({ length: 150 }, (_, i) => ({
      cognitoId: `us-east-1:crash-${String(i).padStart(4, '0')}`,
      os: OSES[i % 4]!,
      quadrant: 'ABCD'[(i * 7) % 4]!,
    }));
    const acknowledged = new Set<string>();
    let round = 0;
    let feeding = true;
    const put = async (
      streamName: string,
      records: { id: string; data: object; key: string }[],
    ) => {
      const { Records = [] } = await kinesis.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: records.map((r) => ({
            Data: Buffer.from(JSON.stringify(r.data)),
            PartitionKey: r.key,
          })),
        }),
      );
      Records.forEach((result, i) => {
        if (!result.ErrorCode) acknowledged.add(records[i]!.id);
      });
    };
    const feeder = (async () => {
      while (feeding) {
        round += 1;
        const now = Date.now();
        const events = players.map((p) => ({
          id: `event-${round}-${p.cognitoId}`,
          key: p.cognitoId,
          data: { recordTime: now / 1000, ...p, id: `event-${round}-${p.cognitoId}` },
        }));
        const rollup = {
          id: `rollup-${round}`,
          key: `rollup-${round}`,
          data: {
            UNIQUE_USER_COUNT: round,
            ANDROID_COUNT: round,
            QUADRANT_A_COUNT: round,
            WINDOW_TIME: new Date(SQL_EPOCH + round * 1000).toISOString(),
            id: `rollup-${round}`,
          },
        };
        // A call cut off by the kill acknowledges nothing: its records are simply not counted on.
        await Promise.allSettled([
          put(STREAMS.userEvents, events),
          put(STREAMS.userRollups, [rollup]),
        ]);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();

    // Killed while the mappings are at work: some windows written, records still coming in.
    const dynamo = documents();
    await until(
      'windows written before the kill',
      async () => {
        const { Items = [] } = await dynamo.send(
          new QueryCommand({
            TableName: 'pulse-user-rollups',
            KeyConditionExpression: 'dataType = :t',
            ExpressionAttributeValues: { ':t': 'quadrantRollup' },
          }),
        );
        const partials = Items.filter((i) => 'shardId' in i).length;
        const whole = Items.length - partials;
        return partials >= 2 && whole >= 2 ? true : undefined;
      },
      120_000,
    );
    dynamo.destroy();
    await new Promise((resolve) => setTimeout(resolve, 700));
    await killHard(stack);
    feeding = false;
    await feeder;
    kinesis.destroy();
    expect(acknowledged.size).toBeGreaterThan(players.length * 3);

    stack = await start({ PULSE_STREAM_SHARDS: '2' });
    kinesis = kinesisClient(`http://127.0.0.1:${port + 3}`);
    const events = await readStream(kinesis, STREAMS.userEvents);
    const rollups = await readStream(kinesis, STREAMS.userRollups);
    kinesis.destroy();
    // Kinesis kept every record it acknowledged.
    const stored = new Set([...events, ...rollups].map((r) => r.data.id as string));
    expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);

    // What the rollups must say: distinct players per second of arrival, each SQL window as sent.
    const bySecond = new Map<number, Map<string, (typeof players)[number]>>();
    for (const { data, arrivalMs } of events) {
      const second = Math.floor(arrivalMs / 1000) * 1000;
      const seen = bySecond.get(second) ?? new Map();
      seen.set(
        data.cognitoId as string,
        players.find((p) => p.cognitoId === data.cognitoId)!,
      );
      bySecond.set(second, seen);
    }
    const expected: PlayerRollup[] = [...bySecond]
      .sort(([a], [b]) => a - b)
      .map(([windowTime, seen]) => {
        const list = [...seen.values()];
        return {
          windowTime,
          userCount: list.length,
          byOs: Object.fromEntries(
            OS_IDS.map((id, i) => [id, list.filter((p) => p.os === OSES[i]).length]),
          ) as PlayerRollup['byOs'],
          byQuadrant: Object.fromEntries(
            [...'ABCD'].map((q) => [q, list.filter((p) => p.quadrant === q).length]),
          ) as PlayerRollup['byQuadrant'],
        };
      });
    const sqlWindows = new Map(
      rollups.map(({ data }) => [
        Date.parse(data.WINDOW_TIME as string),
        data.UNIQUE_USER_COUNT as number,
      ]),
    );

    const reader = playerRollupRepository({
      client: documents(),
      tableName: 'pulse-user-rollups',
      timeoutMs: 10_000,
    });
    const firstLive = expected[0]!.windowTime;
    const wantWhole = [...sqlWindows].sort(([a], [b]) => a - b);
    const read = async () => {
      const all = await reader.playerRollupsSince(SQL_EPOCH);
      return {
        live: all.filter((r) => r.windowTime >= firstLive),
        whole: all.filter((r) => r.windowTime < firstLive).map((r) => [r.windowTime, r.userCount]),
      };
    };
    // The mappings work through what the crash left on their own schedule: wait, then be exact.
    const rollupsNow = await settled(read, { live: expected, whole: wantWhole }, 240_000);
    expect(rollupsNow.live).toEqual(expected);
    expect(rollupsNow.whole).toEqual(wantWhole);
  }, 900_000);
});
