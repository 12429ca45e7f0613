/** Maps character offsets in words joined by single spaces back to word positions. */

/** Word index for every character offset of `words.join(' ')` (a space belongs to the word after it). */
export function wordIndexByOffset(words: readonly string[]): number[] {
  const index: number[] = [];
  words.forEach((word, i) => {
    for (let c = 0; c <= word.length; c += 1) index.push(i);
  });
  return index;
}

/** The words [start, end) covered by the inclusive character range [first, last]. */
export function wordSpan(
  offsets: readonly number[],
  first: number,
  last: number,
): { start: number; end: number } {
  const start = offsets[first] ?? 0;
  const end = (offsets[last] ?? offsets[offsets.length - 1] ?? 0) + 1;
  return { start, end };
}
