/** Waiting on data that reaches the local stack's readers on its own schedule: generous waits, exact assertions. */
import { isDeepStrictEqual } from 'node:util';

/** Probes until it yields a value; the stack's data arrives on its own schedule. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Reads until the value is `expected` (deep equality) or the time is up, and returns the last
 * value read either way, so that the caller's assertion shows what differs. Data reaches the
 * stack's readers on its own schedule: waiting is generous, the assertion exact.
 */
export async function settled<T>(
  read: () => Promise<T>,
  expected: T,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDeepStrictEqual(value, expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
