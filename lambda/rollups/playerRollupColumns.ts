/**
 * The nine counts of a player rollup, named once for every format they travel in: the SQL apps'
 * output records (the columns of the game analytics talk's SQL, seed 000), the whole-window items
 * in DynamoDB (that talk's attribute names, plus the OS counts), and the packed partials (a
 * shard's minute item keeps each second as an array of these counts, in this order, so that an
 * hour of four shards is 240 small items to read; the order is stored data and never changes).
 */
import * as v from 'valibot';
import type { PlayerRollup } from './playerRollups';
import type { OperatingSystem, Quadrant } from '../../domain/vocabulary';

type Count =
  { readonly players: true } | { readonly os: OperatingSystem } | { readonly quadrant: Quadrant };

export type PlayerRollupColumn = Count & {
  /** The SQL apps' output column, lower-cased: records arrive upper- or lower-case. */
  readonly record: string;
  /** The attribute of a whole-window item. */
  readonly item: string;
};

export const PLAYER_ROLLUP_COLUMNS = [
  { players: true, record: 'unique_user_count', item: 'userCount' },
  { os: 'android', record: 'android_count', item: 'androidCount' },
  { os: 'ios', record: 'ios_count', item: 'iosCount' },
  { os: 'windowsPhone', record: 'windows_phone_count', item: 'windowsPhoneCount' },
  { os: 'other', record: 'other_os_count', item: 'otherOsCount' },
  { quadrant: 'A', record: 'quadrant_a_count', item: 'quadrantA' },
  { quadrant: 'B', record: 'quadrant_b_count', item: 'quadrantB' },
  { quadrant: 'C', record: 'quadrant_c_count', item: 'quadrantC' },
  { quadrant: 'D', record: 'quadrant_d_count', item: 'quadrantD' },
] as const satisfies readonly PlayerRollupColumn[];

/** The players of a window: the one count every format must carry. */
export const PLAYERS_COLUMN = PLAYER_ROLLUP_COLUMNS[0];

/** A rollup's counts in column order; a count read alone (the players) is a one-element array. */
export type PartialCounts = readonly number[];

const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/**
 * The zod shape of the counts under one format's names: the players required, every other count
 * 0 when absent (the talk's items carry no OS counts).
 */
export function countsShape(
  format: 'record' | 'item',
): Record<string, v.GenericSchema<number | undefined, number>> {
  return Object.fromEntries(
    PLAYER_ROLLUP_COLUMNS.map((column) => [
      column[format],
      'players' in column ? count : v.optional(count, 0),
    ]),
  );
}

/** The counts of a value parsed with `countsShape(format)`, in column order. */
export function countsIn(parsed: Readonly<Record<string, unknown>>, format: 'record' | 'item') {
  return PLAYER_ROLLUP_COLUMNS.map((column) => parsed[column[format]] as number);
}

export function countsOf(rollup: PlayerRollup): PartialCounts {
  return PLAYER_ROLLUP_COLUMNS.map((column) =>
    'os' in column
      ? rollup.byOs[column.os]
      : 'quadrant' in column
        ? rollup.byQuadrant[column.quadrant]
        : rollup.userCount,
  );
}

/** The rollup of a window from its counts; a count the array lacks is 0. */
export function rollupOf(windowTime: number, counts: PartialCounts): PlayerRollup {
  const rollup = {
    windowTime,
    userCount: 0,
    byOs: { android: 0, ios: 0, windowsPhone: 0, other: 0 },
    byQuadrant: { A: 0, B: 0, C: 0, D: 0 },
  };
  PLAYER_ROLLUP_COLUMNS.forEach((column, i) => {
    const value = counts[i] ?? 0;
    if ('os' in column) rollup.byOs[column.os] = value;
    else if ('quadrant' in column) rollup.byQuadrant[column.quadrant] = value;
    else rollup.userCount = value;
  });
  return rollup;
}

/** The attributes of a whole-window item that hold the counts. */
export function countAttributes(rollup: PlayerRollup): Record<string, number> {
  const counts = countsOf(rollup);
  return Object.fromEntries(PLAYER_ROLLUP_COLUMNS.map((column, i) => [column.item, counts[i]!]));
}
