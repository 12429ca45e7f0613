/** Fault injection for the Polly emulator: Polly's request-rate quotas as token buckets. */

export interface RateLimit {
  /** Sustained requests per second. */
  tps: number;
  /** Requests allowed at once after a quiet spell; defaults to `tps` (at least 1). */
  burst?: number;
}

export interface ThrottleOptions {
  /** SynthesizeSpeech with the standard engine. */
  standard?: RateLimit;
  /** SynthesizeSpeech with the neural engine (and long-form or generative, which no catalog voice has). */
  neural?: RateLimit;
  describeVoices?: RateLimit;
}

/** Polly's default quotas per account and region (its "Quotas in Amazon Polly" page). */
export const POLLY_RATE_LIMITS: Readonly<Required<ThrottleOptions>> = Object.freeze({
  standard: Object.freeze({ tps: 80, burst: 100 }),
  neural: Object.freeze({ tps: 8, burst: 10 }),
  describeVoices: Object.freeze({ tps: 80, burst: 100 }),
});

/** A token bucket: `burst` tokens, refilled at `tps` a second; a request without a token is throttled. */
export class TokenBucket {
  private readonly capacity: number;
  private readonly perMs: number;
  private tokens: number;
  private last: number;

  constructor(
    limit: RateLimit,
    private readonly now: () => number,
  ) {
    if (!(limit.tps > 0)) throw new RangeError(`a rate limit needs tps > 0, got ${limit.tps}`);
    this.capacity = Math.max(1, limit.burst ?? limit.tps);
    this.perMs = limit.tps / 1000;
    this.tokens = this.capacity;
    this.last = now();
  }

  take(): boolean {
    const at = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, at - this.last) * this.perMs);
    this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
