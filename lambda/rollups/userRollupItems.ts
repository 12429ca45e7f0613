/**
 * The two kinds of player rollup item: a whole window (seed 000's shape, from the SQL apps'
 * records) and one shard's minute of partial windows (from aggregate), with their conversions.
 */
import { z } from 'zod';
import { USER_ROLLUP_DATA_TYPE, WHOLE_WINDOW_SOURCE, windowShardKey } from './tables';
import type { UserRollup } from './userRollups';

/** A stored item that does not fit the design: a writer bug, never the user's doing. */
export class CorruptRollupError extends Error {
  override readonly name = 'CorruptRollupError';
}

/**
 * The columns of one packed partial window, in order: a shard's minute item keeps each second as
 * an array of these nine counts, so that an hour of four shards is 240 small items to read.
 */
export const PARTIAL_COLUMNS = [
  'userCount',
  'android',
  'ios',
  'windowsPhone',
  'other',
  'A',
  'B',
  'C',
  'D',
] as const;

export type PartialCounts = readonly number[];

/** The minute a shard's partial item covers. */
export const PARTIAL_ITEM_MS = 60_000;

const count = z.number().int().nonnegative();

/** A whole window: seed 000's attribute names, plus the OS counts and a TTL. */
const windowItem = z.object({
  dataType: z.literal(USER_ROLLUP_DATA_TYPE),
  windowShard: z.string(),
  windowtime: z.number().int(),
  userCount: count,
  androidCount: count.default(0),
  iosCount: count.default(0),
  windowsPhoneCount: count.default(0),
  otherOsCount: count.default(0),
  quadrantA: count.default(0),
  quadrantB: count.default(0),
  quadrantC: count.default(0),
  quadrantD: count.default(0),
  expiresAt: z.number().int().optional(),
});

const packedSeconds = z.record(
  z.string().regex(/^\d{1,2}$/),
  z.array(count).length(PARTIAL_COLUMNS.length),
);

/** One shard's partial windows of one minute: `seconds` is JSON, second of the minute → counts. */
const partialItem = z.object({
  dataType: z.literal(USER_ROLLUP_DATA_TYPE),
  windowShard: z.string(),
  windowtime: z.number().int(),
  shardId: z.string().min(1),
  seconds: z.string(),
  version: z.number().int().positive(),
  expiresAt: z.number().int().optional(),
});

export type UserRollupItem = z.input<typeof windowItem>;
export type PartialItem = z.infer<typeof partialItem>;

export function userRollupToItem(rollup: UserRollup, expiresAt: number): UserRollupItem {
  return {
    dataType: USER_ROLLUP_DATA_TYPE,
    windowShard: windowShardKey(rollup.windowTime, WHOLE_WINDOW_SOURCE),
    windowtime: rollup.windowTime,
    userCount: rollup.userCount,
    androidCount: rollup.byOs.android,
    iosCount: rollup.byOs.ios,
    windowsPhoneCount: rollup.byOs.windowsPhone,
    otherOsCount: rollup.byOs.other,
    quadrantA: rollup.byQuadrant.A,
    quadrantB: rollup.byQuadrant.B,
    quadrantC: rollup.byQuadrant.C,
    quadrantD: rollup.byQuadrant.D,
    expiresAt,
  };
}

export function countsOf(rollup: UserRollup): PartialCounts {
  const { byOs, byQuadrant } = rollup;
  return [
    rollup.userCount,
    byOs.android,
    byOs.ios,
    byOs.windowsPhone,
    byOs.other,
    byQuadrant.A,
    byQuadrant.B,
    byQuadrant.C,
    byQuadrant.D,
  ];
}

export function rollupOf(windowTime: number, counts: PartialCounts): UserRollup {
  const [userCount = 0, android = 0, ios = 0, windowsPhone = 0, other = 0] = counts;
  const [A = 0, B = 0, C = 0, D = 0] = counts.slice(5);
  return {
    windowTime,
    userCount,
    byOs: { android, ios, windowsPhone, other },
    byQuadrant: { A, B, C, D },
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

export type StoredUserRollup =
  | { readonly kind: 'window'; readonly rollup: UserRollup }
  | { readonly kind: 'partials'; readonly shard: ShardMinute };

function checked<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptRollupError(
      `${what} does not fit the table design: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

export function parseUserRollupItem(raw: Record<string, unknown>): StoredUserRollup {
  if ('shardId' in raw) return { kind: 'partials', shard: parseShardMinute(raw) };
  const item = checked(windowItem, raw, 'user rollup item');
  return {
    kind: 'window',
    rollup: rollupOf(item.windowtime, [
      item.userCount,
      item.androidCount,
      item.iosCount,
      item.windowsPhoneCount,
      item.otherOsCount,
      item.quadrantA,
      item.quadrantB,
      item.quadrantC,
      item.quadrantD,
    ]),
  };
}

export function parseShardMinute(raw: Record<string, unknown>): ShardMinute {
  const item = checked(partialItem, raw, 'partial user rollup item');
  let seconds: z.infer<typeof packedSeconds>;
  try {
    seconds = checked(packedSeconds, JSON.parse(item.seconds), 'its packed seconds');
  } catch (error) {
    if (error instanceof CorruptRollupError) throw error;
    throw new CorruptRollupError(`partial user rollup item: seconds is not JSON`);
  }
  const windows = new Map<number, PartialCounts>();
  for (const [second, counts] of Object.entries(seconds)) {
    windows.set(item.windowtime + Number(second) * 1000, counts);
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
  for (const [windowTime, counts] of [...shard.windows].sort(([a], [b]) => a - b)) {
    seconds[String((windowTime - shard.minute) / 1000)] = counts;
  }
  return {
    dataType: USER_ROLLUP_DATA_TYPE,
    windowShard: windowShardKey(shard.minute, shard.shardId),
    windowtime: shard.minute,
    shardId: shard.shardId,
    seconds: JSON.stringify(seconds),
    version: shard.version,
    ...(shard.expiresAt === undefined ? {} : { expiresAt: shard.expiresAt }),
  };
}
