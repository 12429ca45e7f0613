/** The built-in intents a model gets (its AMAZON.* intents, and yes / no for confirmations) with their phrasings in the locale's language. */
import { expandTemplates } from '../../interactionModels/templates';
import {
  BUILT_IN_INTENTS,
  isBuiltInIntentName,
  type BuiltInIntentName,
  type LanguageData,
} from './languages/languageData';
import type { ModelIntent } from './model/schema';
import { cleanText, fold } from './text/words';

export const FALLBACK_INTENT = 'AMAZON.FallbackIntent';
export const YES_INTENT = 'AMAZON.YesIntent';
export const NO_INTENT = 'AMAZON.NoIntent';

/** Yes and no are understood even when the model lacks them: Alexa needs them to confirm. */
export const ALWAYS_UNDERSTOOD: readonly BuiltInIntentName[] = [YES_INTENT, NO_INTENT];

export class BuiltInPhrases {
  /** Folded phrase → intent; a phrase two intents share stays with the first listed. */
  private readonly byPhrase = new Map<string, BuiltInIntentName>();
  readonly intents: readonly BuiltInIntentName[];

  constructor(language: LanguageData, modelIntents: readonly ModelIntent[], locale: string) {
    const declared = new Map(modelIntents.map((intent) => [intent.name, intent]));
    this.intents = BUILT_IN_INTENTS.filter(
      (name) => declared.has(name) || ALWAYS_UNDERSTOOD.includes(name),
    );
    for (const name of this.intents) {
      // A model may extend a built-in with samples of its own: they count as its phrasings.
      const extra = (declared.get(name)?.samples ?? []).filter((sample) => !sample.includes('{'));
      for (const phrase of [...extra, ...expandTemplates(language.builtIns[name])]) {
        const key = fold(cleanText(phrase, locale));
        if (!this.byPhrase.has(key)) this.byPhrase.set(key, name);
      }
    }
  }

  /** The built-in intent `words` say as a whole, if any. */
  match(words: readonly string[]): BuiltInIntentName | undefined {
    return this.byPhrase.get(fold(words.join(' ')));
  }

  /** Every phrasing with its intent, to train the classifier with. */
  examples(): { utterance: string; intent: BuiltInIntentName }[] {
    return [...this.byPhrase].map(([utterance, intent]) => ({ utterance, intent }));
  }

  static isBuiltIn(name: string): boolean {
    return isBuiltInIntentName(name);
  }
}
