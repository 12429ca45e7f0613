/** Cleaning an utterance into lower-case words, and folding words for comparison. */

/** Lower-cases, turns punctuation into spaces (keeping apostrophes inside words), collapses whitespace. */
export function cleanText(text: string, locale: string): string {
  return text
    .toLocaleLowerCase(locale)
    .replace(/[’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits cleaned text into words. */
export function splitWords(text: string): string[] {
  return text.length === 0 ? [] : text.split(' ');
}

/** Case-, accent- and ß-insensitive form of a word or phrase, for comparisons only. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/** Whether `words` has `phrase` (already split) starting at `index`, comparing folded forms. */
export function phraseAt(
  words: readonly string[],
  phrase: readonly string[],
  index: number,
): boolean {
  if (index + phrase.length > words.length) return false;
  return phrase.every((word, offset) => fold(words[index + offset] ?? '') === fold(word));
}
