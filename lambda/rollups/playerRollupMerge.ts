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
import type { PlayerRollup } from './playerRollups';
import type { StoredPlayerRollup } from './playerRollupItems';
import { rollupOf, type PartialCounts } from './playerRollupColumns';

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

export interface MergedWindows {
  /** Whole windows, oldest first: the SQL apps' and merged partials up to the watermark. */
  readonly windows: [windowTime: number, counts: PartialCounts][];
  /** The newest window every writing shard has reached; undefined without partials. */
  readonly watermark: number | undefined;
}

/** Merges counts of any width: the nine of PARTIAL_COLUMNS, or the players alone. */
export function mergeWindows(
  stored: readonly StoredPlayerRollup[],
  idleMs: number = DEFAULT_SHARD_IDLE_MS,
): MergedWindows {
  const whole = new Map<number, PartialCounts>();
  const sums = new Map<number, number[]>();
  const progress = new Map<string, number>();
  for (const item of stored) {
    if (item.kind === 'window') {
      whole.set(item.windowTime, item.counts);
      continue;
    }
    const shard = shardOfSource(item.shard.shardId);
    let reached = progress.get(shard) ?? Number.NEGATIVE_INFINITY;
    for (const [windowTime, counts] of item.shard.windows) {
      addInto(sums, windowTime, counts);
      if (windowTime > reached) reached = windowTime;
    }
    progress.set(shard, reached);
  }
  const reached = [...progress.values()];
  const newest = Math.max(...reached);
  const writing = reached.filter((windowTime) => windowTime >= newest - idleMs);
  const watermark = writing.length === 0 ? undefined : Math.min(...writing);

  const times = [...new Set([...whole.keys(), ...sums.keys()])].sort((a, b) => a - b);
  const windows: [number, PartialCounts][] = [];
  for (const windowTime of times) {
    // The SQL apps' rollup of a window is whole by itself, and wins over partials of it.
    const complete = whole.get(windowTime);
    if (complete) windows.push([windowTime, complete]);
    else if (watermark !== undefined && windowTime <= watermark)
      windows.push([windowTime, sums.get(windowTime)!]);
  }
  return { windows, watermark };
}

export interface MergedPlayerRollups {
  /** Whole windows, oldest first. */
  readonly rollups: PlayerRollup[];
  readonly watermark: number | undefined;
}

export function mergePlayerRollups(
  stored: readonly StoredPlayerRollup[],
  idleMs: number = DEFAULT_SHARD_IDLE_MS,
): MergedPlayerRollups {
  const { windows, watermark } = mergeWindows(stored, idleMs);
  return { rollups: windows.map(([time, counts]) => rollupOf(time, counts)), watermark };
}

function addInto(sums: Map<number, number[]>, windowTime: number, counts: PartialCounts): void {
  const sum = sums.get(windowTime);
  if (sum === undefined) {
    sums.set(windowTime, [...counts]);
    return;
  }
  for (let i = 0; i < counts.length; i++) sum[i]! += counts[i]!;
}
