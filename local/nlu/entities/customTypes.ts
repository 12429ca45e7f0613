/**
 * Finds the values of custom slot types in an utterance and resolves them to ids, as Alexa's entity
 * resolution does: every span that says a value or synonym (any case, accents, singular or plural,
 * with or without an article), and, through nlp.js's fuzzy enum entities, a value misheard a little.
 */
import { Container } from '@nlpjs/core';
import { Ner } from '@nlpjs/ner';
import type { LanguageData } from '../languages/languageData';
import type { ModelSlotType } from '../model/schema';
import { fold, splitWords } from '../text/words';
import type { EntityMatch, ResolvedValue } from './entityMatch';

/** Similarity (1 − edit distance / length) from which a misheard value still resolves. */
const FUZZY_THRESHOLD = 0.8;
/** Shortest word a fuzzy match may be: shorter ones are other words, not mishearings ("on" / "one"). */
const MIN_FUZZY_LENGTH = 5;

interface Target {
  readonly slotType: string;
  readonly resolved: ResolvedValue;
}

/** A word as values are compared: folded, and a possessive's "'s" dropped ("berlin central's"). */
function comparable(word: string): string {
  return fold(word).replace(/'s$/, '');
}

/**
 * Every form a value can be said in: the value and its synonyms, the last word singular or
 * plural, and without a leading article ("the harbor" is said "harbor" too, and the reverse).
 */
function spokenForms(texts: readonly string[], language: LanguageData): string[] {
  const forms = new Set<string>();
  const articles = new Set(language.articles);
  for (const text of texts) {
    const words = splitWords(
      comparable(text)
        .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const last = words.at(-1);
    if (last === undefined) continue;
    for (const form of language.inflections(last)) {
      const said = [...words.slice(0, -1), form];
      forms.add(said.join(' '));
      if (said.length > 1 && articles.has(said[0]!)) forms.add(said.slice(1).join(' '));
    }
  }
  return [...forms];
}

/**
 * Whether `heard` can be a mishearing of the value `written`: as many words, each the same or a
 * long word beginning with the same letter ("the harbour" for "the harbor" yes; "phones" for
 * "iphones" no, nor "quadrant" for "quadrant a").
 */
function isMishearing(heard: string, written: string): boolean {
  const heardWords = splitWords(heard);
  const writtenWords = splitWords(written);
  return (
    heardWords.length === writtenWords.length &&
    heardWords.every((word, index) => {
      const value = writtenWords[index] ?? '';
      return word === value || (word.length >= MIN_FUZZY_LENGTH && word[0] === value[0]);
    })
  );
}

interface Found {
  readonly start: number;
  readonly end: number;
  readonly slotType: string;
  accuracy: number;
  readonly resolved: ResolvedValue[];
}

export class CustomTypeMatcher {
  private readonly ner: Ner;
  private readonly targets = new Map<string, Target>();
  /** Every spoken form, word by word, to the values it says. */
  private readonly exact = new Map<string, Target[]>();
  private readonly longestForm: number;

  constructor(
    types: readonly ModelSlotType[],
    private readonly language: LanguageData,
  ) {
    this.ner = new Ner({ threshold: FUZZY_THRESHOLD }, new Container());
    let longest = 0;
    for (const type of types) {
      type.values.forEach((value, index) => {
        const option = `${type.name}#${index}`;
        const target = {
          slotType: type.name,
          resolved: { id: value.id ?? value.name.value, name: value.name.value },
        };
        this.targets.set(option, target);
        const written = [value.name.value, ...(value.name.synonyms ?? [])];
        for (const form of spokenForms(written, language)) {
          this.exact.set(form, [...(this.exact.get(form) ?? []), target]);
          longest = Math.max(longest, splitWords(form).length);
        }
        // Mishearings of the forms as written, not of every inflection the rules make up.
        const forms = written.map((text) => comparable(text).replace(/\s+/g, ' ').trim());
        this.ner.addRuleOptionTexts(language.nlpLanguage, type.name, option, forms);
      });
    }
    this.longestForm = longest;
  }

  /**
   * Every value said in `words`, by span; overlapping spans are all kept ("quadrant d" and "d"),
   * the slot filler chooses. Exact forms first, then a misheard value where none was said exactly.
   */
  async find(words: readonly string[], misheard = true): Promise<EntityMatch[]> {
    if (words.length === 0 || this.targets.size === 0) return [];
    const folded = words.map(comparable);
    const bySpan = new Map<string, Found>();
    const add = (start: number, end: number, target: Target, accuracy: number): void => {
      const key = `${target.slotType}:${start}:${end}`;
      const found = bySpan.get(key);
      if (!found) {
        bySpan.set(key, {
          start,
          end,
          slotType: target.slotType,
          accuracy,
          resolved: [target.resolved],
        });
      } else if (!found.resolved.some((r) => r.id === target.resolved.id)) {
        if (accuracy > found.accuracy) {
          found.resolved.unshift(target.resolved);
          found.accuracy = accuracy;
        } else {
          found.resolved.push(target.resolved);
        }
      }
    };
    for (let start = 0; start < folded.length; start += 1) {
      const last = Math.min(folded.length, start + this.longestForm);
      for (let end = start + 1; end <= last; end += 1) {
        for (const target of this.exact.get(folded.slice(start, end).join(' ')) ?? []) {
          add(start, end, target, 1);
        }
      }
    }
    if (misheard) {
      for (const fuzzy of await this.misheard(folded)) {
        add(fuzzy.start, fuzzy.end, fuzzy.target, fuzzy.accuracy);
      }
    }
    return [...bySpan.values()].map((m) => ({
      slotType: m.slotType,
      start: m.start,
      end: m.end,
      value: words.slice(m.start, m.end).join(' '),
      resolved: m.resolved,
      accuracy: m.accuracy,
    }));
  }

  /** Values misheard a little, as nlp.js's fuzzy enum matching finds them, whole words only. */
  private async misheard(
    folded: readonly string[],
  ): Promise<{ start: number; end: number; target: Target; accuracy: number }[]> {
    const wordAt: number[] = [];
    const wordStarts = new Set<number>();
    const wordEnds = new Set<number>();
    folded.forEach((word, index) => {
      wordStarts.add(wordAt.length);
      wordEnds.add(wordAt.length + word.length - 1);
      for (let i = 0; i <= word.length; i += 1) wordAt.push(index);
    });
    const { entities } = await this.ner.process({
      locale: this.language.nlpLanguage,
      utterance: folded.join(' '),
    });
    return entities.flatMap((entity) => {
      const target = this.targets.get(entity.option);
      // Whole words only (the "d" of "i'd" is not quadrant D); exact forms are found above.
      if (!target || entity.accuracy >= 1) return [];
      if (!wordStarts.has(entity.start) || !wordEnds.has(entity.end)) return [];
      if (!isMishearing(entity.utteranceText, entity.sourceText)) return [];
      const start = wordAt[entity.start] ?? 0;
      const end = (wordAt[entity.end] ?? folded.length - 1) + 1;
      return [{ start, end, target, accuracy: entity.accuracy }];
    });
  }
}
