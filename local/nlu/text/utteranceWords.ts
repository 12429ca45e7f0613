/** Turns a raw utterance into the words of the request itself: no wake word, invocation phrasing or hesitations. */
import type { LanguageData } from '../languages/languageData';
import type { Invocation } from '../types';
import { cleanText, fold, phraseAt, splitWords } from './words';

function expand(patterns: readonly string[], invocation: string, locale: string): string[][] {
  return patterns
    .map((pattern) => splitWords(cleanText(pattern.replace('{invocation}', invocation), locale)))
    .sort((a, b) => b.length - a.length);
}

/** Strips what a user says around a request on a real device, keeping the request's own words. */
export class UtteranceWords {
  private readonly prefixes: string[][];
  private readonly suffixes: string[][];
  private readonly launches: ReadonlySet<string>;
  private readonly exits: ReadonlySet<string>;
  private readonly hesitations: ReadonlySet<string>;
  private readonly wakeWords: ReadonlySet<string>;

  constructor(
    private readonly language: LanguageData,
    invocationName: string,
    private readonly locale: string,
  ) {
    this.prefixes = expand(language.invocationPrefixes, invocationName, locale);
    this.suffixes = expand(language.invocationSuffixes, invocationName, locale);
    const whole = (patterns: readonly string[]): Set<string> =>
      new Set(expand(patterns, invocationName, locale).map((p) => fold(p.join(' '))));
    this.launches = whole(language.launchPhrases);
    this.exits = whole(language.exitPhrases);
    this.hesitations = new Set(language.hesitations);
    this.wakeWords = new Set(language.wakeWords);
  }

  /** The request's words, lower case, without punctuation. */
  of(utterance: string): string[] {
    const { form, words } = this.invocation(utterance);
    // A launch or exit phrase is no request, but its words are still what was said.
    return form === 'launch' || form === 'exit' ? this.spoken(utterance) : [...words];
  }

  /**
   * How the utterance addresses the skill: a launch phrase or an exit phrase said as a whole, a
   * one-shot request with the invocation before or after it, or no invocation at all.
   */
  invocation(utterance: string): Invocation {
    let words = this.spoken(utterance);
    const whole = fold(this.withoutEdgeFillers(words).join(' '));
    if (this.exits.has(whole)) return { form: 'exit', words: [] };
    if (this.launches.has(whole)) return { form: 'launch', words: [] };
    let form: Invocation['form'] = 'none';
    const prefix = this.prefixes.find((p) => p.length < words.length && phraseAt(words, p, 0));
    if (prefix) {
      words = words.slice(prefix.length);
      form = 'one-shot';
    }
    const suffix = this.suffixes.find(
      (s) => s.length < words.length && phraseAt(words, s, words.length - s.length),
    );
    if (suffix) {
      words = words.slice(0, words.length - suffix.length);
      form = 'one-shot';
    }
    return { form, words };
  }

  /** The words said, lower case, without hesitations and without the wake word at either end. */
  private spoken(utterance: string): string[] {
    let words = splitWords(cleanText(utterance, this.locale)).filter(
      (w) => !this.hesitations.has(w),
    );
    if (words.length > 1 && this.wakeWords.has(words[0] ?? '')) words = words.slice(1);
    if (words.length > 1 && this.wakeWords.has(words[words.length - 1] ?? ''))
      words = words.slice(0, -1);
    return words;
  }

  /** Drops politeness and discourse words at either end ("okay stop please" → "stop"). */
  withoutEdgeFillers(words: readonly string[]): string[] {
    const fillers = this.language.edgeFillers.map((f) => splitWords(f));
    let result = [...words];
    let changed = true;
    while (changed && result.length > 1) {
      changed = false;
      for (const filler of fillers) {
        if (filler.length < result.length && phraseAt(result, filler, 0)) {
          result = result.slice(filler.length);
          changed = true;
        } else if (
          filler.length < result.length &&
          phraseAt(result, filler, result.length - filler.length)
        ) {
          result = result.slice(0, result.length - filler.length);
          changed = true;
        }
      }
    }
    return result;
  }
}
