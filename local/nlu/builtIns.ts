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
  /** Folded phrase → yes or no, for phrases that answer a yes / no question only. */
  private readonly answers = new Map<string, BuiltInIntentName>();
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
    for (const name of [YES_INTENT, NO_INTENT] as const) {
      for (const phrase of expandTemplates(language.confirmationAnswers[name])) {
        const key = fold(cleanText(phrase, locale));
        if (!this.answers.has(key)) this.answers.set(key, name);
      }
    }
  }

  /** The yes or no `words` say as a whole when they answer a yes / no question, if any. */
  answer(words: readonly string[]): BuiltInIntentName | undefined {
    const said = this.byPhrase.get(fold(words.join(' ')));
    if (said === YES_INTENT || said === NO_INTENT) return said;
    return this.answers.get(fold(words.join(' ')));
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
