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

  /**
   * The share of what was said (its stems) that the intent's training sentences contain: how much
   * of the utterance the intent accounts for.
   */
  async coverage(words: readonly string[], intent: string): Promise<number> {
    const tokens = Object.keys(await this.nlu.prepare(words.join(' ')));
    const known = this.nlu.intentFeatures?.[intent] ?? {};
    if (tokens.length === 0) return 0;
    return tokens.filter((token) => known[token] !== undefined).length / tokens.length;
  }

  /** Scores per class, best first; they sum to 1. */
  async classify(words: readonly string[]): Promise<NluClassification[]> {
    const { classifications } = await this.nlu.process(this.features.of(words));
    return [...classifications].sort((a, b) => b.score - a.score);
  }
}
