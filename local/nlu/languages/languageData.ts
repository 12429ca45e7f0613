/** One language's knowledge the NLU brings itself (as Alexa does): built-in intents' phrasings, what no skill handles, how people address a skill. */
import type { Locale } from '../../../domain/locales';
import { english } from './english';
import { german } from './german';

/** The standard built-in intents the NLU knows the phrasings of. */
export const BUILT_IN_INTENTS = [
  'AMAZON.CancelIntent',
  'AMAZON.HelpIntent',
  'AMAZON.StopIntent',
  'AMAZON.YesIntent',
  'AMAZON.NoIntent',
  'AMAZON.PauseIntent',
  'AMAZON.ResumeIntent',
  'AMAZON.NextIntent',
  'AMAZON.PreviousIntent',
  'AMAZON.RepeatIntent',
  'AMAZON.StartOverIntent',
  'AMAZON.LoopOnIntent',
  'AMAZON.LoopOffIntent',
  'AMAZON.ShuffleOnIntent',
  'AMAZON.ShuffleOffIntent',
  'AMAZON.NavigateHomeIntent',
] as const;

export type BuiltInIntentName = (typeof BUILT_IN_INTENTS)[number];

export function isBuiltInIntentName(name: string): name is BuiltInIntentName {
  return (BUILT_IN_INTENTS as readonly string[]).includes(name);
}

export interface LanguageData {
  /** The nlp.js language code. */
  readonly nlpLanguage: 'en' | 'de';
  /**
   * What people say for each built-in intent, as templates (`(a|b)`, `[optional]`). Amazon
   * supplies these on a real device; Alexa sends a built-in only for its own phrasings, so they are
   * matched whole (after politeness at the edges is dropped) and generalised only a little.
   */
  readonly builtIns: Readonly<Record<BuiltInIntentName, readonly string[]>>;
  /**
   * Words that are yes or no only as the answer to a yes / no question Alexa asked ("go on" to
   * "Shall I…?"); said otherwise they are another built-in's ("go on" resumes). Templates too.
   */
  readonly confirmationAnswers: Readonly<
    Record<'AMAZON.YesIntent' | 'AMAZON.NoIntent', readonly string[]>
  >;
  /** Requests no skill of this kind handles: the classifier's out-of-domain class. */
  readonly outOfDomain: readonly string[];
  /**
   * Words that name what no skill of this kind handles (timers, forecasts, music): a request that
   * says one is out of domain, unless the model's own samples say it too.
   */
  readonly outOfDomainTopics: readonly string[];
  /** Names people call the device by. */
  readonly wakeWords: readonly string[];
  /** One-shot forms before the request; "{invocation}" stands for the invocation name. */
  readonly invocationPrefixes: readonly string[];
  /** One-shot forms after the request ("… using live pulse"). */
  readonly invocationSuffixes: readonly string[];
  /** Whole utterances that start the skill with no request ("open {invocation}"). */
  readonly launchPhrases: readonly string[];
  /** Whole utterances that leave the skill: Alexa ends the session itself (SessionEndedRequest). */
  readonly exitPhrases: readonly string[];
  /** Hesitations, dropped anywhere. */
  readonly hesitations: readonly string[];
  /** Politeness and discourse words, dropped at either end before a built-in's phrase is matched. */
  readonly edgeFillers: readonly string[];
  /**
   * Words that close a request after free text and are not part of it: politeness, and in German
   * the verb particles and infinitives that end a clause ("lies den Beitrag über Katzen vor").
   */
  readonly closingWords: readonly string[];
  /** Articles a value may be said with or without ("the airport", "airport"). */
  readonly articles: readonly string[];
  /** The singular and plural forms of a word, the word included. */
  inflections(word: string): string[];
  /**
   * Linking elements between the parts of a compound word ("Spieler|anzahl", "Wind|s|tärke"
   * would be "Windstärke"); empty for a language that does not write compounds as one word.
   */
  readonly compoundLinks: readonly string[];
}

const LANGUAGES: Readonly<Record<Locale, LanguageData>> = {
  'en-US': english,
  'en-GB': english,
  'de-DE': german,
};

export function languageFor(locale: Locale): LanguageData {
  return LANGUAGES[locale];
}
