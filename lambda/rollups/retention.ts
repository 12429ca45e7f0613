/** How long a rollup is kept: the TTL of its item, from the window or the record's arrival. */
import type { IngestConfig } from './ingestConfig';

/**
 * The TTL counts from the window or from when the record arrived, whichever is later: a record
 * replayed from an old stream lives its full retention, and a redelivered record makes the very
 * same item, since both times belong to the record.
 */
export function rollupExpiresAt(
  config: IngestConfig,
  windowTime: number,
  arrivalMs: number,
): number {
  return Math.floor(Math.max(windowTime, arrivalMs) / 1000) + config.retentionSeconds;
}
