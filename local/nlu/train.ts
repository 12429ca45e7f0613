/** Trains the NLU for one interaction model and locale: reads the model, builds the recognisers and the classifier. */
import { performance } from 'node:perf_hooks';
import { LOCALES, isLocale } from '../../domain/locales';
import { BuiltInPhrases } from './builtIns';
import { IntentClassifier } from './classifier/intentClassifier';
import { sampleWords, trainingCorpus } from './classifier/trainingCorpus';
import { CustomTypeMatcher } from './entities/customTypes';
import { EntityReader } from './entities/entityReader';
import { englishQuantities } from './entities/quantities/english';
import { germanQuantities } from './entities/quantities/german';
import { NluEngine } from './engine';
import { InvalidModelError, UnsupportedLocaleError } from './errors';
import { languageFor } from './languages/languageData';
import { readLanguageModel } from './model/readModel';
import type { FallbackSensitivity } from './model/schema';
import { carrierVocabulary, parseSample, slotContexts, type Sample } from './model/samples';
import { authorityFor } from './slots/alexaSlots';
import { SampleMatcher } from './slots/sampleMatcher';
import { SlotPositions } from './slots/slotPositions';
import { UtteranceWords } from './text/utteranceWords';
import { splitWords } from './text/words';
import type { Nlu, NluOptions } from './types';

/** The skill id resolution authorities name when none is given (the simulated Echo's skill). */
export const DEFAULT_SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';

/**
 * The classifier confidence under which words are out of domain, per fallback sensitivity: the
 * higher the sensitivity, the more goes to AMAZON.FallbackIntent. LOW is Alexa's default.
 */
const FALLBACK_THRESHOLDS: Readonly<Record<FallbackSensitivity, number>> = {
  LOW: 0.55,
  MEDIUM: 0.65,
  HIGH: 0.75,
};

/**
 * The key words of each intent: a built-in's are the stems no other intent says (from every
 * phrasing, not just those the classifier learns from); a custom intent's, the stems of its
 * samples that a third of the custom intents at most say.
 */
async function keyWordsOf(
  classifier: IntentClassifier,
  samples: readonly Sample[],
  builtIns: BuiltInPhrases,
): Promise<Map<string, Set<string>>> {
  const custom = samples.map((sample) => ({ words: sampleWords(sample), intent: sample.intent }));
  const phrasings = builtIns
    .examples()
    .map(({ utterance, intent }) => ({ words: splitWords(utterance), intent }));
  const ofBuiltIns = await classifier.keyWords([...custom, ...phrasings], 1);
  const customIntents = new Set(custom.map((sentence) => sentence.intent)).size;
  const ofCustom = await classifier.keyWords(custom, Math.max(2, Math.ceil(customIntents / 3)));
  return new Map([
    ...[...ofBuiltIns].filter(([intent]) => BuiltInPhrases.isBuiltIn(intent)),
    ...ofCustom,
  ]);
}

/**
 * The stems of the language's out-of-domain topics ("timer", "forecast", "tomorrow") that no
 * sample and no built-in phrasing of this model says: words that say one ask for something the
 * skill does not do. A model whose samples say a topic ("rain") keeps it.
 */
async function outOfDomainWordsOf(
  classifier: IntentClassifier,
  samples: readonly Sample[],
  builtIns: BuiltInPhrases,
  topics: readonly string[],
): Promise<Set<string>> {
  const inDomain = new Set<string>();
  for (const sample of samples) {
    for (const stem of await classifier.stems(sampleWords(sample))) inDomain.add(stem);
  }
  for (const { utterance } of builtIns.examples()) {
    for (const stem of await classifier.stems(splitWords(utterance))) inDomain.add(stem);
  }
  const only = new Set<string>();
  for (const topic of topics) {
    for (const stem of await classifier.stems(splitWords(topic))) {
      // Parts of a compound shorter than a word ("o" of "o'clock") say nothing of their own.
      if (!inDomain.has(stem) && !stem.startsWith('%') && stem.length > 2) only.add(stem);
    }
  }
  return only;
}

/**
 * Trains the NLU from an ASK interaction model document (the JSON of
 * skill-package/interactionModels/custom/<locale>.json) for `locale`.
 */
export async function trainNlu(
  document: unknown,
  locale: string,
  options: NluOptions = {},
): Promise<Nlu> {
  const started = performance.now();
  if (!isLocale(locale)) throw new UnsupportedLocaleError(locale, LOCALES);
  const model = readLanguageModel(document);
  const sensitivity = model.modelConfiguration?.fallbackIntentSensitivity?.level ?? 'LOW';
  const threshold = options.fallbackThreshold ?? FALLBACK_THRESHOLDS[sensitivity];
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new InvalidModelError([`fallbackThreshold must be from 0 to 1, not ${threshold}`]);
  }
  const skillId = options.skillId ?? DEFAULT_SKILL_ID;
  const language = languageFor(locale);

  const samples = model.intents.flatMap((intent) =>
    intent.name.startsWith('AMAZON.')
      ? []
      : (intent.samples ?? []).map((sample) => parseSample(intent, sample, locale)),
  );
  const builtIns = new BuiltInPhrases(language, model.intents, locale);
  const types = model.types ?? [];
  const contexts = slotContexts(samples);
  const carrierWords = carrierVocabulary(samples);
  const entities = new EntityReader(
    new CustomTypeMatcher(types, language),
    language.nlpLanguage === 'de' ? germanQuantities : englishQuantities,
    new Set(model.intents.flatMap((intent) => (intent.slots ?? []).map((slot) => slot.type))),
    contexts,
    carrierWords,
  );
  const utteranceWords = new UtteranceWords(language, model.invocationName, locale);
  const corpus = await trainingCorpus(samples, builtIns, language, (text) =>
    entities.reading(utteranceWords.of(text)),
  );
  const classifier = await IntentClassifier.train(language, corpus);

  const slotFiller = {
    contexts,
    carrierWords,
    positions: new SlotPositions(samples, language.closingWords),
    customTypes: new Set(types.map((type) => type.name)),
    authority: (slotType: string) => authorityFor(skillId, slotType),
  };
  return new NluEngine({
    locale,
    skillId,
    intents: model.intents,
    utteranceWords,
    builtIns,
    entities,
    classifier,
    slotFiller,
    samples: new SampleMatcher(samples, slotFiller),
    keyWords: await keyWordsOf(classifier, samples, builtIns),
    outOfDomainWords: await outOfDomainWordsOf(
      classifier,
      samples,
      builtIns,
      language.outOfDomainTopics,
    ),
    fallbackThreshold: threshold,
    trainingMs: performance.now() - started,
  });
}
