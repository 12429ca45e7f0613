/** The player trend over a span: change in percent, low, high and average, for every way in (the skill, the MCP server). */
import type { PlayerCount, PlayerRollupReader } from './playerRollups';

/** The span a trend covers when none is asked for. */
export const DEFAULT_TREND_SECONDS = 10 * 60;

export interface Trend {
  readonly first: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  readonly average: number;
  /** Change from first to last in percent; undefined when it started from zero. */
  readonly changePercent: number | undefined;
}

/** The trend of whole windows, oldest first; undefined with fewer than two. */
export function playerTrend(rollups: readonly PlayerCount[]): Trend | undefined {
  const first = rollups[0];
  const last = rollups[rollups.length - 1];
  if (!first || !last || rollups.length < 2) return undefined;
  const counts = rollups.map((r) => r.userCount);
  return {
    first: first.userCount,
    last: last.userCount,
    min: Math.min(...counts),
    max: Math.max(...counts),
    average: counts.reduce((sum, n) => sum + n, 0) / counts.length,
    changePercent:
      first.userCount === 0
        ? undefined
        : ((last.userCount - first.userCount) / first.userCount) * 100,
  };
}

/** A trend over the last span, as asked and as covered. */
export interface TrendOverSpan {
  /** The span covered: the one asked for, or the longest allowed when it asked for more. */
  readonly seconds: number;
  /** It asked for more than the longest span allowed. */
  readonly capped: boolean;
  /** Epoch milliseconds where the span starts. */
  readonly fromMs: number;
  /** Whole windows found in the span. */
  readonly windows: number;
  /** Undefined when the span holds fewer than two windows. */
  readonly trend?: Trend;
}

/**
 * The trend over the last `askedSeconds` (at most `maxSeconds`) up to `nowMs`: one lean read of
 * the players of each whole window, shards' partials merged.
 */
export async function playerTrendOver(
  players: Pick<PlayerRollupReader, 'playerCountsSince'>,
  askedSeconds: number,
  maxSeconds: number,
  nowMs: number,
): Promise<TrendOverSpan> {
  const seconds = Math.min(askedSeconds, maxSeconds);
  const fromMs = nowMs - seconds * 1000;
  const counts = await players.playerCountsSince(fromMs);
  const trend = playerTrend(counts);
  return {
    seconds,
    capped: askedSeconds > maxSeconds,
    fromMs,
    windows: counts.length,
    ...(trend === undefined ? {} : { trend }),
  };
}
