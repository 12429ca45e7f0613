/** The classifier's training sentences: the model's samples with slots as type placeholders, the built-ins' phrasings, requests out of domain. */
import type { BuiltInPhrases } from '../builtIns';
import { placeholderFor } from '../entities/entityContext';
import type { LanguageData } from '../languages/languageData';
import type { Sample } from '../model/samples';
import { NONE_CLASS, type TrainingSentence } from './intentClassifier';

/**
 * Phrasings of one built-in the classifier learns from. A built-in's own phrases are matched whole
 * anyway; more of them would only outweigh the skill's intents when the classifier generalises.
 */
const MAX_BUILT_IN_EXAMPLES = 40;

export function sampleWords(sample: Sample): string[] {
  return sample.tokens.map((token) => ('word' in token ? token.word : placeholderFor(token.type)));
}

/** Up to `count` items spread evenly over `items`, first and last included. */
function spread<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = (items.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, index) => items[Math.round(index * step)]!);
}

/**
 * Built-in and out-of-domain phrasings go through `reading`, the same entity placeholders live
 * utterances get, so "set a timer for ten minutes" trains the out-of-domain class with the duration
 * placeholder the classifier will see.
 */
export async function trainingCorpus(
  samples: readonly Sample[],
  builtIns: BuiltInPhrases,
  language: LanguageData,
  reading: (text: string) => Promise<string[]>,
): Promise<TrainingSentence[]> {
  const corpus: TrainingSentence[] = samples.map((sample) => ({
    words: sampleWords(sample),
    intent: sample.intent,
  }));
  const byIntent = new Map<string, string[]>();
  for (const { utterance, intent } of builtIns.examples()) {
    byIntent.set(intent, [...(byIntent.get(intent) ?? []), utterance]);
  }
  for (const [intent, phrases] of byIntent) {
    for (const phrase of spread(phrases, MAX_BUILT_IN_EXAMPLES)) {
      corpus.push({ words: await reading(phrase), intent });
    }
  }
  for (const utterance of language.outOfDomain) {
    corpus.push({ words: await reading(utterance), intent: NONE_CLASS });
  }
  return corpus;
}
