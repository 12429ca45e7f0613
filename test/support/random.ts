/** Seeded randomness for property-style tests, so a failure reproduces with the same seed. */
import { mulberry32 } from '../../local/random';

export { mulberry32 as seeded };

export function pick<T>(next: () => number, items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
