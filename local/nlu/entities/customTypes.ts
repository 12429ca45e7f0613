// Finds custom slot type values and synonyms in an utterance (nlp.js enum entities, fuzzy) and resolves them to ids.
import { Container } from '@nlpjs/core';
import { Ner } from '@nlpjs/ner';
import type { LanguageData } from '../languages/languageData';
import type { ModelSlotType } from '../model/schema';
import { fold, splitWords } from '../text/words';
import type { EntityMatch, ResolvedValue } from './entityMatch';

/** Similarity (1 − edit distance / length) from which a mis-heard value still resolves. */
const FUZZY_THRESHOLD = 0.8;

interface OptionTarget {
  readonly slotType: string;
  readonly resolved: ResolvedValue;
}

/** Every form a value can be said in: the value and its synonyms, singular and plural, accent-free. */
function spokenForms(texts: readonly string[], language: LanguageData): string[] {
  const forms = new Set<string>();
  for (const text of texts) {
    const words = splitWords(
      fold(text)
        .replace(/[^\p{L}\p{N}'\s]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    const last = words[words.length - 1];
    if (last === undefined) continue;
    for (const form of language.inflections(last))
      forms.add([...words.slice(0, -1), form].join(' '));
  }
  return [...forms];
}

/** Shortest word a fuzzy match may be: shorter ones are other words, not mishearings ("on" / "one"). */
const MIN_FUZZY_LENGTH = 5;

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

export class CustomTypeMatcher {
  private readonly ner: Ner;
  private readonly targets = new Map<string, OptionTarget>();

  constructor(
    types: readonly ModelSlotType[],
    private readonly language: LanguageData,
  ) {
    this.ner = new Ner({ threshold: FUZZY_THRESHOLD }, new Container());
    for (const type of types) {
      type.values.forEach((value, index) => {
        const option = `${type.name}#${index}`;
        this.targets.set(option, {
          slotType: type.name,
          resolved: { id: value.id ?? value.name.value, name: value.name.value },
        });
        const texts = spokenForms([value.name.value, ...(value.name.synonyms ?? [])], language);
        this.ner.addRuleOptionTexts(language.nlpLanguage, type.name, option, texts);
      });
    }
  }

  /** Matches in `words`; overlapping matches of different types are all kept (the slot filler chooses). */
  async find(words: readonly string[]): Promise<EntityMatch[]> {
    if (words.length === 0 || this.targets.size === 0) return [];
    // A possessive names the same thing: "berlin central's" is Berlin Central.
    const folded = words.map((w) => fold(w).replace(/'s$/, ''));
    const text = folded.join(' ');
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
      utterance: text,
    });
    const bySpan = new Map<
      string,
      { start: number; end: number; slotType: string; accuracy: number; resolved: ResolvedValue[] }
    >();
    for (const entity of entities) {
      const target = this.targets.get(entity.option);
      if (!target) continue;
      // Whole words only: the "d" of "i'd" is not quadrant D.
      if (!wordStarts.has(entity.start) || !wordEnds.has(entity.end)) continue;
      if (entity.accuracy < 1 && !isMishearing(entity.utteranceText, entity.sourceText)) continue;
      const start = wordAt[entity.start] ?? 0;
      const end = (wordAt[entity.end] ?? words.length - 1) + 1;
      const key = `${target.slotType}:${start}:${end}`;
      const found = bySpan.get(key);
      if (!found) {
        bySpan.set(key, {
          start,
          end,
          slotType: target.slotType,
          accuracy: entity.accuracy,
          resolved: [target.resolved],
        });
      } else if (!found.resolved.some((r) => r.id === target.resolved.id)) {
        if (entity.accuracy > found.accuracy) {
          found.resolved.unshift(target.resolved);
          found.accuracy = entity.accuracy;
        } else {
          found.resolved.push(target.resolved);
        }
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

  /** Resolves a phrase said in a slot position; empty when nothing matches. */
  async resolve(slotType: string, words: readonly string[]): Promise<readonly ResolvedValue[]> {
    const matches = (await this.find(words)).filter(
      (m) => m.slotType === slotType && m.start === 0 && m.end === words.length,
    );
    return matches[0]?.resolved ?? [];
  }
}
