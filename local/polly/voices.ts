/** Pulse's Polly voice catalog as the emulator serves it: DescribeVoices entries and the espeak-ng voice each one speaks with. */
import { POLLY_VOICES, type PollyEngine, type PollyVoice } from '../../ssml';

/** Polly's LanguageName for each language the catalog uses (DescribeVoices reports these words). */
const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  'en-US': 'US English',
  'en-GB': 'British English',
  'en-AU': 'Australian English',
  'en-IN': 'Indian English',
  'hi-IN': 'Hindi',
  'de-DE': 'German',
  'es-ES': 'Castilian Spanish',
  'it-IT': 'Italian',
  'ja-JP': 'Japanese',
  'fr-FR': 'French',
};

/**
 * Bilingual voices. POLLY_VOICES gives one language per voice; Polly lists Aditi's Hindi as an
 * additional language code, which DescribeVoices and SynthesizeSpeech's LanguageCode both honour.
 */
const ADDITIONAL_LANGUAGES: Readonly<Record<string, readonly string[]>> = {
  Aditi: ['hi-IN'],
};

/**
 * espeak-ng voice per language. espeak has no Australian or Indian English, so those fall back to
 * its British voice; "en-gb" is not a name espeak's set_voice accepts, hence the RP identifier.
 */
const ESPEAK_LANGUAGES: Readonly<Record<string, string>> = {
  'en-US': 'en-us',
  'en-GB': 'en-gb-x-rp',
  'en-AU': 'en',
  'en-IN': 'en',
  'hi-IN': 'hi',
  'de-DE': 'de',
  'es-ES': 'es',
  'it-IT': 'it',
  'ja-JP': 'ja',
  'fr-FR': 'fr',
};

// espeak's voice variants (espeak-ng-data/voices/!v); giving each voice of a language and gender its
// own variant keeps Joanna and Kendra apart by ear.
const VARIANTS: Readonly<Record<PollyVoice['gender'], readonly string[]>> = {
  Female: ['f1', 'f2', 'f3', 'f4', 'f5'],
  Male: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'],
};

export interface DescribedVoice {
  Gender: PollyVoice['gender'];
  Id: string;
  LanguageCode: string;
  LanguageName: string;
  Name: string;
  SupportedEngines: PollyEngine[];
  AdditionalLanguageCodes?: string[];
}

export function languagesOf(voice: PollyVoice): readonly string[] {
  return [voice.languageCode, ...(ADDITIONAL_LANGUAGES[voice.id] ?? [])];
}

/** The espeak voice name (with variant) that speaks a Polly voice in one of its languages. */
export function espeakVoiceFor(voice: PollyVoice, languageCode = voice.languageCode): string {
  const language = ESPEAK_LANGUAGES[languageCode] ?? 'en';
  const siblings = POLLY_VOICES.filter(
    (other) => other.languageCode === voice.languageCode && other.gender === voice.gender,
  );
  const variants = VARIANTS[voice.gender];
  const variant = variants[siblings.indexOf(voice) % variants.length] ?? variants[0];
  return `${language}+${variant}`;
}

export function describeVoice(voice: PollyVoice): DescribedVoice {
  const additional = ADDITIONAL_LANGUAGES[voice.id];
  return {
    Gender: voice.gender,
    Id: voice.id,
    LanguageCode: voice.languageCode,
    LanguageName: LANGUAGE_NAMES[voice.languageCode] ?? voice.languageCode,
    Name: voice.id,
    SupportedEngines: [...voice.engines],
    ...(additional !== undefined && { AdditionalLanguageCodes: [...additional] }),
  };
}

export interface VoiceFilter {
  engine?: string;
  languageCode?: string;
  includeAdditionalLanguageCodes?: boolean;
}

/** DescribeVoices' filtering: by engine, and by language (additional languages only when asked). */
export function matchingVoices(filter: VoiceFilter): PollyVoice[] {
  return POLLY_VOICES.filter((voice) => {
    if (filter.engine !== undefined && !voice.engines.some((engine) => engine === filter.engine)) {
      return false;
    }
    if (filter.languageCode === undefined) return true;
    if (voice.languageCode === filter.languageCode) return true;
    return (
      filter.includeAdditionalLanguageCodes === true &&
      (ADDITIONAL_LANGUAGES[voice.id] ?? []).includes(filter.languageCode)
    );
  });
}
