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
   * The stems the classifier reads in the words: nlp.js's (lower case, accents dropped, stemmed),
   * with the parts of a compound it has not seen whole.
   */
  async stems(words: readonly string[]): Promise<string[]> {
    return Object.keys(await this.nlu.prepare(this.features.of(words)));
  }

  /**
   * Per intent of `sentences`, its key words: the stems its sentences have and the sentences of
   * at most `sharedBy` intents in all do. They mark what an intent is about ("pause", "quadrant",
   * "temperature") apart from the words every request uses ("the", "what", "play").
   */
  async keyWords(
    sentences: readonly TrainingSentence[],
    sharedBy: number,
  ): Promise<Map<string, Set<string>>> {
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
      if (intents.size > sharedBy || stem.startsWith('%')) continue;
      for (const intent of intents) {
        byIntent.set(intent, (byIntent.get(intent) ?? new Set<string>()).add(stem));
      }
    }
    return byIntent;
  }

  /** Scores per class, best first; they sum to 1. */
  async classify(words: readonly string[]): Promise<NluClassification[]> {
    const { classifications } = await this.nlu.process(this.features.of(words));
    return [...classifications].sort((a, b) => b.score - a.score);
  }
}
