/** Helpers for tests that start the whole local stack: a free range of ports, and waiting on it. */
import { createServer } from 'node:net';
import { isDeepStrictEqual } from 'node:util';

/** A base port whose six neighbours are free too. */
export async function freeBasePort(): Promise<number> {
  const isFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(Array.from({ length: 7 }, (_, i) => isFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free range of seven ports');
}

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
