/** Type declarations for the parts of nlp.js (shipped without types) that the engine uses. */

declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(): Promise<Container>;
  export const Container: new () => Container;
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}

declare module '@nlpjs/lang-de' {
  export const LangDe: unknown;
}

declare module '@nlpjs/nlu' {
  import type { Container } from '@nlpjs/core';

  export interface NluCorpusItem {
    utterance: string;
    intent: string;
  }
  export interface NluClassification {
    intent: string;
    score: number;
  }
  export interface NluNeuralSettings {
    locale: string;
    useNoneFeature?: boolean;
    log?: boolean;
    keepStopwords?: boolean;
    spellCheck?: boolean;
    iterations?: number;
  }
  export class NluNeural {
    constructor(settings: NluNeuralSettings, container: Container);
    train(corpus: NluCorpusItem[]): Promise<unknown>;
    process(utterance: string): Promise<{ classifications: NluClassification[] }>;
    /** Normalised, tokenised, stemmed tokens of a text, as a set. */
    prepare(text: string): Promise<Record<string, number>>;
    /** After training: intent → its tokens. */
    intentFeatures?: Record<string, Record<string, number>>;
  }
}

declare module '@nlpjs/ner' {
  import type { Container } from '@nlpjs/core';

  export interface NerEntity {
    start: number;
    end: number;
    len: number;
    accuracy: number;
    entity: string;
    option: string;
    sourceText: string;
    utteranceText: string;
  }
  export class Ner {
    constructor(settings: { threshold?: number }, container: Container);
    addRuleOptionTexts(locale: string, name: string, option: string, texts: string[]): void;
    process(input: { locale: string; utterance: string; threshold?: number }): Promise<{
      entities: NerEntity[];
    }>;
  }
}
