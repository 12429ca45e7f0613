/** How old a rollup window is when it is read, and whether that is too old to go unsaid: one rule for every way in. */

export interface WindowAge {
  /** Milliseconds from the window to the moment it is read. */
  readonly ageMs: number;
  /** Older than the threshold: an answer from it says so. */
  readonly stale: boolean;
}

/** The window at `windowTime`, read at `nowMs`, is stale after `staleSeconds`. */
export function windowAge(windowTime: number, nowMs: number, staleSeconds: number): WindowAge {
  const ageMs = nowMs - windowTime;
  return { ageMs, stale: ageMs > staleSeconds * 1000 };
}
