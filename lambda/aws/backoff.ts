/** Full-jitter exponential back-off, as AWS advises for throttling and other passing errors. */

export interface BackoffOptions {
  /** The cap of the first retry's wait (attempt 0); it doubles with each attempt. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
}

/**
 * How long to wait before retry `attempt`: uniformly random up to `baseMs · 2^attempt`, capped at
 * `maxMs`. The jitter spreads out callers that failed together, so they do not retry together.
 */
export function fullJitterMs(
  attempt: number,
  { baseMs, maxMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  return random() * Math.min(maxMs, baseMs * 2 ** attempt);
}
