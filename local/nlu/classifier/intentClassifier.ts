/** The intent classifier: an nlp.js neural network trained in process on example sentences, with a class for what is out of domain. */
import { containerBootstrap } from '@nlpjs/core';
import { LangDe } from '@nlpjs/lang-de';
import { LangEn } from '@nlpjs/lang-en';
import { NluNeural, type NluClassification, type NluCorpusItem } from '@nlpjs/nlu';
import type { LanguageData } from '../languages/languageData';
import { TextFeatures } from './textFeatures';

/** The class of everything the skill does not handle. */
export const NONE_CLASS = 'None';

/** A training sentence: its words (slots as placeholders) and its class. */
export interface TrainingSentence {
  readonly words: readonly string[];
  readonly intent: string;
}

export class IntentClassifier {
  private constructor(
    private readonly nlu: NluNeural,
    private readonly features: TextFeatures,
  ) {}

  /** Trains on `sentences` (out-of-domain ones under NONE_CLASS). */
  static async train(
    language: LanguageData,
    sentences: readonly TrainingSentence[],
  ): Promise<IntentClassifier> {
    const container = await containerBootstrap();
    container.use(language.nlpLanguage === 'de' ? LangDe : LangEn);
    const nlu = new NluNeural(
      { locale: language.nlpLanguage, useNoneFeature: true, log: false },
      container,
    );
    const features = await TextFeatures.learn(
      language,
      sentences.map((sentence) => sentence.words.join(' ')),
      async (word) => Object.keys(await nlu.prepare(word))[0] ?? word,
    );
    const corpus: NluCorpusItem[] = sentences.map((sentence) => ({
      utterance: features.of(sentence.words),
      intent: sentence.intent,
    }));
    await nlu.train(corpus);
    return new IntentClassifier(nlu, features);
  }

  /** The stems nlp.js makes of the words (lower case, accents dropped, stemmed). */
  async stems(words: readonly string[]): Promise<string[]> {
    return Object.keys(await this.nlu.prepare(words.join(' ')));
  }

  /**
   * Per intent of `sentences`, the stems that only its sentences have: what marks a built-in
   * intent's own phrasings ("pause", "previous") apart from words every request uses ("the", "play").
   */
  async keyWords(sentences: readonly TrainingSentence[]): Promise<Map<string, Set<string>>> {
    const intentsOf = new Map<string, Set<string>>();
    for (const sentence of sentences) {
      for (const stem of await this.stems(sentence.words)) {
        const intents = intentsOf.get(stem) ?? new Set<string>();
        intents.add(sentence.intent);
        intentsOf.set(stem, intents);
      }
    }
    const byIntent = new Map<string, Set<string>>();
    for (const [stem, intents] of intentsOf) {
      if (intents.size !== 1 || stem.startsWith('%')) continue;
      const [intent] = intents;
      byIntent.set(intent!, (byIntent.get(intent!) ?? new Set<string>()).add(stem));
    }
    return byIntent;
  }

  /** Scores per class, best first; they sum to 1. */
  async classify(words: readonly string[]): Promise<NluClassification[]> {
    const { classifications } = await this.nlu.process(this.features.of(words));
    return [...classifications].sort((a, b) => b.score - a.score);
  }
}
