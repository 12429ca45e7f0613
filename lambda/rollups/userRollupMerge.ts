/**
 * Merging the shards' partial player rollups into whole windows, and knowing which windows are
 * whole yet.
 *
 * Players are partitioned by cognitoId, so each player's events of a second reach one shard and
 * the shards' distinct counts add up exactly. A window is whole once every shard has written it,
 * and a shard writes its windows in order: once a shard has written a later window, it will not
 * add to an earlier one. So the merged windows are exact up to the oldest "newest window" of the
 * shards still writing (the watermark); later windows are left out until the slower shards catch
 * up. A shard that has written nothing for `idleMs` while others have (its players left, or a
 * reshard closed it) no longer holds the watermark back.
 */
import type { UserRollup } from './userRollups';
import {
  PARTIAL_COLUMNS,
  rollupOf,
  type PartialCounts,
  type StoredUserRollup,
} from './userRollupItems';

/** How long a shard may stay silent, while others write, before windows stop waiting for it. */
export const DEFAULT_SHARD_IDLE_MS = 10_000;

/**
 * The shard a partial comes from. A window that Lambda ended early (its state outgrew 1 MB) is
 * written in parts named `<shard ID>~<first sequence number of the part>`.
 */
export function shardOfSource(source: string): string {
  const cut = source.indexOf('~');
  return cut < 0 ? source : source.slice(0, cut);
}

export interface MergedUserRollups {
  /** Whole windows, oldest first: the SQL apps' rollups and merged partials up to the watermark. */
  readonly rollups: UserRollup[];
  /** The newest window every writing shard has reached; undefined without partials. */
  readonly watermark: number | undefined;
}

export function mergeUserRollups(
  stored: readonly StoredUserRollup[],
  idleMs: number = DEFAULT_SHARD_IDLE_MS,
): MergedUserRollups {
  const whole = new Map<number, UserRollup>();
  const sums = new Map<number, number[]>();
  const progress = new Map<string, number>();
  for (const item of stored) {
    if (item.kind === 'window') {
      whole.set(item.rollup.windowTime, item.rollup);
      continue;
    }
    const shard = shardOfSource(item.shard.shardId);
    for (const [windowTime, counts] of item.shard.windows) {
      addInto(sums, windowTime, counts);
      progress.set(shard, Math.max(progress.get(shard) ?? Number.NEGATIVE_INFINITY, windowTime));
    }
  }
  const reached = [...progress.values()];
  const newest = Math.max(...reached);
  const writing = reached.filter((windowTime) => windowTime >= newest - idleMs);
  const watermark = writing.length === 0 ? undefined : Math.min(...writing);

  const times = [...new Set([...whole.keys(), ...sums.keys()])].sort((a, b) => a - b);
  const rollups: UserRollup[] = [];
  for (const windowTime of times) {
    // The SQL apps' rollup of a window is whole by itself, and wins over partials of it.
    const complete = whole.get(windowTime);
    if (complete) rollups.push(complete);
    else if (watermark !== undefined && windowTime <= watermark)
      rollups.push(rollupOf(windowTime, sums.get(windowTime)!));
  }
  return { rollups, watermark };
}

function addInto(sums: Map<number, number[]>, windowTime: number, counts: PartialCounts): void {
  const sum = sums.get(windowTime) ?? new Array<number>(PARTIAL_COLUMNS.length).fill(0);
  for (let i = 0; i < sum.length; i++) sum[i]! += counts[i] ?? 0;
  sums.set(windowTime, sum);
}
