/**
 * The two kinds of player rollup item: a whole window (the game analytics talk's shape, seed 000,
 * from the SQL apps' records) and one shard's minute of partial windows (from aggregate), with
 * their conversions.
 */
import * as v from 'valibot';
import { summary, wholeNumber } from '../../domain/schema';
import { PLAYER_ROLLUP_DATA_TYPE, WHOLE_WINDOW_SOURCE, windowShardKey } from './tables';
import { CorruptRollupError } from './errors';
import {
  countAttributes,
  countsIn,
  countsShape,
  PLAYERS_COLUMN,
  PLAYER_ROLLUP_COLUMNS,
  type PartialCounts,
} from './playerRollupColumns';
import type { PlayerRollup } from './playerRollups';

/** The minute a shard's partial item covers. */
export const PARTIAL_ITEM_MS = 60_000;

const int = () => wholeNumber();
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** A whole window: the talk's attribute names (seed 000), plus the OS counts and a TTL. */
const windowItem = v.object({
  dataType: v.literal(PLAYER_ROLLUP_DATA_TYPE),
  windowShard: v.string(),
  windowtime: int(),
  ...countsShape('item'),
  expiresAt: v.optional(int()),
});

/**
 * One shard's partial windows of one minute. `seconds` is JSON, second of the minute → its nine
 * counts; `userCounts` repeats the players of each second (a JSON array of 60, null where the
 * shard wrote no window), so that a trend reads a tenth of the bytes.
 */
const partialItem = v.object({
  dataType: v.literal(PLAYER_ROLLUP_DATA_TYPE),
  windowShard: v.string(),
  windowtime: int(),
  shardId: v.pipe(v.string(), v.minLength(1)),
  seconds: v.string(),
  userCounts: v.string(),
  version: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  expiresAt: v.optional(int()),
});

/** What a read of player counts only gets of an item (its projection). */
const countsItem = v.object({
  windowtime: int(),
  shardId: v.optional(v.pipe(v.string(), v.minLength(1))),
  userCounts: v.optional(v.string()),
  [PLAYERS_COLUMN.item]: v.optional(count),
});

/** The attributes a read of player counts only asks for. */
export const COUNTS_PROJECTION = [
  'windowtime',
  'shardId',
  'userCounts',
  PLAYERS_COLUMN.item,
  'expiresAt',
];

export type PlayerRollupItem = v.InferInput<typeof windowItem>;
export type PartialItem = v.InferOutput<typeof partialItem>;

export function playerRollupToItem(rollup: PlayerRollup, expiresAt: number): PlayerRollupItem {
  return {
    dataType: PLAYER_ROLLUP_DATA_TYPE,
    windowShard: windowShardKey(rollup.windowTime, WHOLE_WINDOW_SOURCE),
    windowtime: rollup.windowTime,
    ...countAttributes(rollup),
    expiresAt,
  };
}

/** A shard's minute: its partial windows by their start, epoch milliseconds. */
export interface ShardMinute {
  readonly shardId: string;
  readonly minute: number;
  readonly version: number;
  readonly expiresAt: number | undefined;
  readonly windows: ReadonlyMap<number, PartialCounts>;
}

/** A whole window, or a shard's minute of partials; counts as PLAYER_ROLLUP_COLUMNS, or the players alone. */
export type StoredPlayerRollup =
  | { readonly kind: 'window'; readonly windowTime: number; readonly counts: PartialCounts }
  | { readonly kind: 'partials'; readonly shard: ShardMinute };

function checked<T>(schema: v.GenericSchema<unknown, T>, raw: unknown, what: string): T {
  const parsed = v.safeParse(schema, raw);
  if (!parsed.success) {
    throw new CorruptRollupError(
      `${what} does not fit the table design: ${summary(parsed.issues)}`,
    );
  }
  return parsed.output;
}

export function parsePlayerRollupItem(raw: Record<string, unknown>): StoredPlayerRollup {
  if ('shardId' in raw) return { kind: 'partials', shard: parseShardMinute(raw) };
  const item = checked(windowItem, raw, 'user rollup item');
  return { kind: 'window', windowTime: item.windowtime, counts: countsIn(item, 'item') };
}

/** An item read with COUNTS_PROJECTION: each window's players alone, as one-element counts. */
export function parsePlayerCountsItem(raw: Record<string, unknown>): StoredPlayerRollup {
  const item = checked(countsItem, raw, 'user rollup item');
  if (item.shardId === undefined) {
    if (item.userCount === undefined)
      throw new CorruptRollupError('user rollup item does not fit the table design: no userCount');
    return { kind: 'window', windowTime: item.windowtime, counts: [item.userCount] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(item.userCounts ?? '');
  } catch {
    throw new CorruptRollupError('partial user rollup item: userCounts is not JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 60)
    throw new CorruptRollupError('partial user rollup item: userCounts is not 60 counts');
  const windows = new Map<number, PartialCounts>();
  parsed.forEach((players: unknown, second) => {
    if (players === null) return;
    if (typeof players !== 'number' || players < 0 || players % 1 !== 0)
      throw new CorruptRollupError(
        `partial user rollup item: userCounts holds ${JSON.stringify(players)}`,
      );
    windows.set(item.windowtime + second * 1000, [players]);
  });
  return {
    kind: 'partials',
    shard: {
      shardId: item.shardId,
      minute: item.windowtime,
      version: 0,
      expiresAt: undefined,
      windows,
    },
  };
}

/**
 * The packed seconds, checked by hand: an hour of four shards is 130,000 counts, which a schema
 * library takes tens of milliseconds to check and a loop a fraction of that.
 */
function packedSeconds(json: string): [number, PartialCounts][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new CorruptRollupError('partial user rollup item: seconds is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new CorruptRollupError('partial user rollup item: seconds is not a JSON object');
  const found: [number, PartialCounts][] = [];
  for (const [second, counts] of Object.entries(parsed as Record<string, unknown>)) {
    const offset = Number(second);
    let fits =
      Number.isInteger(offset) &&
      offset >= 0 &&
      offset <= 59 &&
      String(offset) === second &&
      Array.isArray(counts) &&
      counts.length === PLAYER_ROLLUP_COLUMNS.length;
    for (let i = 0; fits && i < PLAYER_ROLLUP_COLUMNS.length; i++) {
      const value: unknown = (counts as unknown[])[i];
      fits = typeof value === 'number' && value >= 0 && value % 1 === 0;
    }
    if (!fits) {
      throw new CorruptRollupError(
        `partial user rollup item does not fit the table design: second ${JSON.stringify(second)} holds ${JSON.stringify(counts)}, not ${PLAYER_ROLLUP_COLUMNS.length} counts`,
      );
    }
    found.push([offset, counts as PartialCounts]);
  }
  return found;
}

export function parseShardMinute(raw: Record<string, unknown>): ShardMinute {
  const item = checked(partialItem, raw, 'partial user rollup item');
  const windows = new Map<number, PartialCounts>();
  for (const [second, counts] of packedSeconds(item.seconds)) {
    windows.set(item.windowtime + second * 1000, counts);
  }
  return {
    shardId: item.shardId,
    minute: item.windowtime,
    version: item.version,
    expiresAt: item.expiresAt,
    windows,
  };
}

export function shardMinuteToItem(shard: ShardMinute): PartialItem {
  const seconds: Record<string, PartialCounts> = {};
  const userCounts = new Array<number | null>(60).fill(null);
  for (const [windowTime, counts] of [...shard.windows].sort(([a], [b]) => a - b)) {
    const second = (windowTime - shard.minute) / 1000;
    seconds[String(second)] = counts;
    userCounts[second] = counts[0] ?? 0;
  }
  return {
    dataType: PLAYER_ROLLUP_DATA_TYPE,
    windowShard: windowShardKey(shard.minute, shard.shardId),
    windowtime: shard.minute,
    shardId: shard.shardId,
    seconds: JSON.stringify(seconds),
    userCounts: JSON.stringify(userCounts),
    version: shard.version,
    ...(shard.expiresAt === undefined ? {} : { expiresAt: shard.expiresAt }),
  };
}
