/**
 * What the classifier reads besides the stems nlp.js makes of the words: the parts of a German
 * compound it has not seen whole ("spieleranzahl" → "spieler anzahl"), and the exact form of a
 * word whose stem stands for several forms the samples tell apart ("post" / "posts").
 */
import type { LanguageData } from '../languages/languageData';
import { fold } from '../text/words';

/** A part of a compound shorter than this is no word of its own ("er", "an"). */
const MIN_PART = 3;
/** A compound split without both parts known needs its known part this long. */
const MIN_KNOWN_PART = 4;
/** The mark on a word kept in its exact form; nlp.js's stemmers leave it alone. */
const EXACT_FORM = '_w';

export class TextFeatures {
  private readonly vocabulary: ReadonlySet<string>;

  private constructor(
    private readonly language: LanguageData,
    vocabulary: ReadonlySet<string>,
    private readonly exactForms: ReadonlySet<string>,
  ) {
    this.vocabulary = vocabulary;
  }

  /**
   * Learns from the training sentences which words are known and which forms share a stem:
   * `stem` is the classifier's own stemmer, so "post" and "posts" are seen as nlp.js sees them.
   */
  static async learn(
    language: LanguageData,
    sentences: readonly string[],
    stem: (word: string) => Promise<string>,
  ): Promise<TextFeatures> {
    const vocabulary = new Set<string>();
    for (const sentence of sentences) {
      for (const word of sentence.split(' ')) if (isWord(word)) vocabulary.add(fold(word));
    }
    const formsByStem = new Map<string, Set<string>>();
    for (const word of vocabulary) {
      const stemmed = await stem(word);
      const forms = formsByStem.get(stemmed) ?? new Set<string>();
      forms.add(word);
      formsByStem.set(stemmed, forms);
    }
    const exactForms = new Set<string>();
    for (const forms of formsByStem.values()) {
      if (forms.size > 1) for (const form of forms) exactForms.add(form);
    }
    return new TextFeatures(language, vocabulary, exactForms);
  }

  /** The text the classifier gets for `words` (lower case, placeholders as they are). */
  of(words: readonly string[]): string {
    const out: string[] = [];
    for (const word of words) {
      const folded = fold(word);
      out.push(word);
      if (!isWord(word)) continue;
      if (this.exactForms.has(folded)) out.push(`${folded}${EXACT_FORM}`);
      if (!this.vocabulary.has(folded)) out.push(...this.compoundParts(folded));
    }
    return out.join(' ');
  }

  /**
   * The parts of an unknown compound: a known word, a linking element, and the rest (known, or
   * at least a word long); the split with the longest known head wins.
   */
  private compoundParts(word: string): string[] {
    const links = this.language.compoundLinks;
    if (links.length === 0 || word.length < MIN_PART * 2) return [];
    let best: { parts: string[]; score: number } | undefined;
    for (let cut = word.length - MIN_PART; cut >= MIN_PART; cut -= 1) {
      const tail = word.slice(cut);
      for (const link of links) {
        const head = word.slice(0, cut - link.length);
        if (head.length < MIN_PART || !word.slice(0, cut).endsWith(link)) continue;
        const headKnown = this.vocabulary.has(head);
        const tailKnown = this.vocabulary.has(tail);
        const score = (headKnown ? head.length : 0) + (tailKnown ? tail.length : 0);
        const usable =
          (headKnown && tailKnown) ||
          (headKnown && head.length >= MIN_KNOWN_PART) ||
          (tailKnown && tail.length >= MIN_KNOWN_PART);
        if (usable && (!best || score > best.score)) best = { parts: [head, tail], score };
      }
    }
    return best?.parts ?? [];
  }
}

/** A word, not a slot placeholder ("%station%"). */
function isWord(token: string): boolean {
  return token !== '' && !token.startsWith('%');
}
