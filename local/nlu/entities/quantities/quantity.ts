/** The interface of a language's recogniser for AMAZON.DURATION and AMAZON.NUMBER values. */
import type { EntityMatch } from '../entityMatch';

export interface QuantityRecognizer {
  /** Durations, each with its ISO-8601 value, e.g. "an hour and a half" → PT1H30M. */
  durations(words: readonly string[]): EntityMatch[];
  /** Numbers, each with its digits, e.g. "forty two" → 42. */
  numbers(words: readonly string[]): EntityMatch[];
}

export const DURATION = 'AMAZON.DURATION';
export const NUMBER = 'AMAZON.NUMBER';

/** Joins durations that follow each other ("an hour" "and" "fifteen minutes") into one. */
export function joinAdjacent<T extends { start: number; end: number }>(
  items: readonly T[],
  words: readonly string[],
  joiners: ReadonlySet<string>,
  join: (a: T, b: T) => T,
): T[] {
  const sorted = [...items].sort((a, b) => a.start - b.start);
  const result: T[] = [];
  for (const item of sorted) {
    const previous = result[result.length - 1];
    const between = previous ? words.slice(previous.end, item.start) : [];
    if (
      previous &&
      item.start >= previous.end &&
      between.length <= 1 &&
      between.every((w) => joiners.has(w))
    ) {
      result[result.length - 1] = join(previous, item);
    } else {
      result.push(item);
    }
  }
  return result;
}
