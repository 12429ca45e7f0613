/** Reading player rollups from dynalite: the latest whole window and spans, shards' partials merged. */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { shardMinuteToItem, playerRollupToItem } from '../../lambda/rollups/playerRollupItems';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';
import type { PartialCounts } from '../../lambda/rollups/playerRollupColumns';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

const NOW = Date.UTC(2026, 10, 21, 12, 30, 20);
const MINUTE = Date.UTC(2026, 10, 21, 12, 30, 0);
const expiresAt = Math.floor(NOW / 1000) + 86_400;
const users = (n: number): PartialCounts => [n, n, 0, 0, 0, 0, n, 0, 0];

async function tableWith(items: Record<string, unknown>[]) {
  const config = await stack.freshConfig();
  const client = dynamoDocumentClient({ timeoutMs: 5000 });
  for (let i = 0; i < items.length; i += 25) {
    await client.send(
      new BatchWriteCommand({
        RequestItems: {
          [config.userRollupsTable]: items
            .slice(i, i + 25)
            .map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
  return playerRollupRepository({
    client,
    tableName: config.userRollupsTable,
    timeoutMs: 5000,
    now: () => NOW,
  });
}

/** Shard `shard`'s minute starting at `minute`, with `seconds` of it written, each `n` players. */
function shardMinute(shard: number, minute: number, seconds: number[], n = 10) {
  return shardMinuteToItem({
    shardId: `shardId-${String(shard).padStart(12, '0')}`,
    minute,
    version: 1,
    expiresAt,
    windows: new Map(seconds.map((s) => [minute + s * 1000, users(n)])),
  });
}

/** The newest whole window, read in full and read lean: the same window, the same players. */
async function expectLatest(
  reader: Awaited<ReturnType<typeof tableWith>>,
  expected: { windowTime: number; userCount: number } & Record<string, unknown>,
) {
  expect(await reader.latestPlayerRollup()).toMatchObject(expected);
  const { windowTime, userCount } = expected;
  expect(await reader.latestPlayerCount()).toEqual({ windowTime, userCount });
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

it('the latest whole window of the SQL apps is the newest one', async () => {
  const reader = await tableWith(
    range(0, 99).map((i) => playerRollupToItem(playerRollup(NOW - (100 - i) * 1000, i), expiresAt)),
  );
  await expectLatest(reader, {
    windowTime: NOW - 1000,
    userCount: 99,
  });
});

it("the latest of four shards' partials is the newest second every shard has reached", async () => {
  const reader = await tableWith([
    ...[0, 1, 2].map((shard) => shardMinute(shard, MINUTE - 60_000, range(0, 59))),
    ...[0, 1, 2].map((shard) => shardMinute(shard, MINUTE, range(0, 19))),
    // The fourth shard is slower: it has reached second 17 of the minute.
    shardMinute(3, MINUTE - 60_000, range(0, 59)),
    shardMinute(3, MINUTE, range(0, 17)),
  ]);
  await expectLatest(reader, {
    windowTime: MINUTE + 17_000,
    userCount: 40,
    byOs: { android: 40 },
    byQuadrant: { B: 40 },
  });
});

it('the latest of forty shards, more than one page of newest items holds, adds up all forty', async () => {
  const reader = await tableWith(
    range(0, 39).flatMap((shard) => [
      shardMinute(shard, MINUTE - 60_000, range(0, 59), 1),
      shardMinute(shard, MINUTE, range(0, 9), 1),
    ]),
  );
  await expectLatest(reader, {
    windowTime: MINUTE + 9000,
    userCount: 40,
  });
});

it('finds the latest window however old it is', async () => {
  const hourAgo = MINUTE - 3600_000;
  const reader = await tableWith([shardMinute(0, hourAgo, range(0, 4), 7)]);
  await expectLatest(reader, {
    windowTime: hourAgo + 4000,
    userCount: 7,
  });
  const empty = await tableWith([]);
  expect(await empty.latestPlayerRollup()).toBeUndefined();
  expect(await empty.latestPlayerCount()).toBeUndefined();
});

it('a span reads the same players lean as in full, from the minute holding its start', async () => {
  const reader = await tableWith([
    ...[0, 1].map((shard) => shardMinute(shard, MINUTE - 60_000, range(30, 59), 5 + shard)),
    ...[0, 1].map((shard) => shardMinute(shard, MINUTE, range(0, 15), 5 + shard)),
    playerRollupToItem(playerRollup(MINUTE - 90_000, 96), expiresAt),
  ]);
  const from = MINUTE - 20_000;
  const full = await reader.playerRollupsSince(from);
  expect(full.map((r) => r.windowTime)).toEqual(
    range(40, 75).map((s) => MINUTE - 60_000 + s * 1000),
  );
  expect(full.every((r) => r.userCount === 11)).toBe(true);
  expect(await reader.playerCountsSince(from)).toEqual(
    full.map(({ windowTime, userCount }) => ({ windowTime, userCount })),
  );
  expect((await reader.playerCountsSince(MINUTE - 120_000))[0]).toEqual({
    windowTime: MINUTE - 90_000,
    userCount: 96,
  });
});
