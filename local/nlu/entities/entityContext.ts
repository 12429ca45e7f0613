/** How well an entity fits where it was said, judged against where the samples put slots of its type. */
import { END, START, type SlotContext } from '../model/samples';
import { fold } from '../text/words';
import { overlaps, type EntityMatch } from './entityMatch';

/** What the word before / after a span is, as slot contexts name it. */
function neighbours(
  match: EntityMatch,
  words: readonly string[],
  all: readonly EntityMatch[],
): [string, string] {
  const name = (index: number, boundary: string): string => {
    if (index < 0 || index >= words.length) return boundary;
    const covering = all.find(
      (m) => m !== match && m.start <= index && index < m.end && !overlaps(m, match),
    );
    return covering ? `{${covering.slotType}}` : fold(words[index] ?? '');
  };
  return [name(match.start - 1, START), name(match.end, END)];
}

/** 0 when neither neighbour is one the samples have next to such a slot, 1 when both are. */
export function contextFit(
  match: EntityMatch,
  words: readonly string[],
  context: SlotContext | undefined,
  all: readonly EntityMatch[] = [],
): number {
  if (!context) return 0;
  const [before, after] = neighbours(match, words, all);
  return (context.before.has(before) ? 0.5 : 0) + (context.after.has(after) ? 0.5 : 0);
}

/** A match made only of words the samples also use as carrier words ("a", "an", "on") may not be a value at all. */
export function isAmbiguous(
  match: EntityMatch,
  words: readonly string[],
  vocabulary: ReadonlySet<string>,
): boolean {
  return words.slice(match.start, match.end).every((w) => vocabulary.has(fold(w)));
}

/** Keeps the best of overlapping matches: exact before fuzzy, then longer, then earlier. */
export function nonOverlapping(matches: readonly EntityMatch[]): EntityMatch[] {
  const ranked = [...matches].sort(
    (a, b) => b.accuracy - a.accuracy || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: EntityMatch[] = [];
  for (const match of ranked) if (!kept.some((k) => overlaps(k, match))) kept.push(match);
  return kept.sort((a, b) => a.start - b.start);
}

/** The placeholder a slot of `type` becomes in the classifier's training and input text. */
export function placeholderFor(type: string): string {
  return `%${type.toLowerCase().replace(/[^a-z0-9]/g, '')}%`;
}

/** `words` with each match replaced by its type's placeholder (matches must not overlap). */
export function withPlaceholders(
  words: readonly string[],
  matches: readonly { start: number; end: number; slotType: string }[],
): string[] {
  const result: string[] = [];
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const match of sorted) {
    result.push(...words.slice(next, match.start), placeholderFor(match.slotType));
    next = match.end;
  }
  result.push(...words.slice(next));
  return result;
}
