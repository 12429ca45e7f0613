/** The Amazon Polly voices Alexa's <voice> tag accepts, per locale, and how Pulse picks one. */
import { SsmlError } from './errors';

function freezeVoices(
  voices: Record<string, readonly string[]>,
): Readonly<Record<string, readonly string[]>> {
  return Object.freeze(
    Object.fromEntries(
      Object.entries(voices).map(([locale, names]) => [locale, Object.freeze([...names])]),
    ),
  );
}

export const ALEXA_VOICES: Readonly<Record<string, readonly string[]>> = freezeVoices({
  'en-US': ['Ivy', 'Joanna', 'Joey', 'Justin', 'Kendra', 'Kimberly', 'Matthew', 'Salli'],
  'en-GB': ['Amy', 'Brian', 'Emma'],
  'en-AU': ['Nicole', 'Russell'],
  'en-IN': ['Aditi', 'Raveena'],
  'de-DE': ['Hans', 'Marlene', 'Vicki'],
  'es-ES': ['Conchita', 'Enrique'],
  'it-IT': ['Carla', 'Giorgio'],
  'ja-JP': ['Mizuki', 'Takumi'],
  'fr-FR': ['Celine', 'Lea', 'Mathieu'],
});

export const DEFAULT_VOICES = Object.freeze({
  'en-US': 'Matthew',
  'en-GB': 'Amy',
  'de-DE': 'Vicki',
} as const);

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Equal ignoring case and accents ("léa" is "Lea"). Plain ASCII is compared without a collator:
 * the first one a process makes costs milliseconds, and locales and voice names are ASCII.
 */
function sameName(a: string, b: string): boolean {
  if (PRINTABLE_ASCII.test(a) && PRINTABLE_ASCII.test(b))
    return a.toLowerCase() === b.toLowerCase();
  return a.localeCompare(b, 'en', { sensitivity: 'base' }) === 0;
}

/** The ALEXA_VOICES key for a locale, tolerating case ("en-us") since locales arrive from requests and config. */
export function alexaLocale(locale: string): string | undefined {
  return Object.keys(ALEXA_VOICES).find((known) => sameName(known, locale));
}

/** The locale a Polly voice that Alexa accepts belongs to, or undefined for any other name. */
export function localeOfVoice(name: string): string | undefined {
  return Object.entries(ALEXA_VOICES).find(([, names]) =>
    names.some((v) => sameName(v, name)),
  )?.[0];
}

/** True when Alexa's <voice name> accepts the name (any locale), spelled exactly as Alexa expects. */
export function isAlexaVoice(name: string): boolean {
  return Object.values(ALEXA_VOICES).some((names) => names.includes(name));
}

function defaultVoiceFor(locale: string): string | undefined {
  return Object.entries(DEFAULT_VOICES).find(([known]) => known === locale)?.[1];
}

function voiceError(issue: string): SsmlError {
  return new SsmlError([issue], 'No usable voice');
}

/**
 * The voice to speak a locale in. A configured voice must be one Alexa accepts for that locale; it is
 * matched ignoring case and accents ("léa") and returned in Alexa's spelling ("Lea"). Without one, the
 * locale's default; a blank value counts as none, because unset environment variables often arrive as "".
 * Throws SsmlError for an unknown locale, a voice of another locale or none Alexa knows, naming the choices.
 */
export function voiceFor(locale: string, configured?: string): string {
  const known = alexaLocale(locale);
  if (known === undefined) {
    const locales = Object.keys(ALEXA_VOICES).join(', ');
    throw voiceError(`unknown locale "${locale}"; voices exist for ${locales}`);
  }
  const allowed = ALEXA_VOICES[known] ?? [];
  const wanted = configured?.trim() ?? '';
  if (wanted === '') {
    const fallback = defaultVoiceFor(known);
    if (fallback !== undefined) return fallback;
    throw voiceError(`no default voice for ${known}; configure one of ${allowed.join(', ')}`);
  }
  const match = allowed.find((name) => sameName(name, wanted));
  if (match !== undefined) return match;
  const home = localeOfVoice(wanted);
  const why = home === undefined ? 'is not a voice Alexa accepts' : `speaks ${home}, not ${known}`;
  throw voiceError(`voice "${wanted}" ${why}; choose one of ${allowed.join(', ')}`);
}

export type PollyEngine = 'standard' | 'neural';

export interface PollyVoice {
  readonly id: string;
  readonly languageCode: string;
  readonly gender: 'Female' | 'Male';
  readonly engines: readonly PollyEngine[];
}

/**
 * The Polly voices Pulse renders posts with: the ones Alexa's <voice> accepts, so a post sounds like
 * the skill. Engines as Polly's voice list gives them (it may be dated; this is the one place).
 */
export const POLLY_VOICES: readonly PollyVoice[] = Object.freeze(
  (
    [
      ['Ivy', 'en-US', 'Female', ['standard', 'neural']],
      ['Joanna', 'en-US', 'Female', ['standard', 'neural']],
      ['Joey', 'en-US', 'Male', ['standard', 'neural']],
      ['Justin', 'en-US', 'Male', ['standard', 'neural']],
      ['Kendra', 'en-US', 'Female', ['standard', 'neural']],
      ['Kimberly', 'en-US', 'Female', ['standard', 'neural']],
      ['Matthew', 'en-US', 'Male', ['standard', 'neural']],
      ['Salli', 'en-US', 'Female', ['standard', 'neural']],
      ['Amy', 'en-GB', 'Female', ['standard', 'neural']],
      ['Brian', 'en-GB', 'Male', ['standard', 'neural']],
      ['Emma', 'en-GB', 'Female', ['standard', 'neural']],
      ['Nicole', 'en-AU', 'Female', ['standard']],
      ['Russell', 'en-AU', 'Male', ['standard']],
      ['Aditi', 'en-IN', 'Female', ['standard']],
      ['Raveena', 'en-IN', 'Female', ['standard']],
      ['Hans', 'de-DE', 'Male', ['standard']],
      ['Marlene', 'de-DE', 'Female', ['standard']],
      ['Vicki', 'de-DE', 'Female', ['standard', 'neural']],
      ['Conchita', 'es-ES', 'Female', ['standard']],
      ['Enrique', 'es-ES', 'Male', ['standard']],
      ['Carla', 'it-IT', 'Female', ['standard']],
      ['Giorgio', 'it-IT', 'Male', ['standard']],
      ['Mizuki', 'ja-JP', 'Female', ['standard']],
      ['Takumi', 'ja-JP', 'Male', ['standard', 'neural']],
      ['Celine', 'fr-FR', 'Female', ['standard']],
      ['Lea', 'fr-FR', 'Female', ['standard', 'neural']],
      ['Mathieu', 'fr-FR', 'Male', ['standard']],
    ] as const
  ).map(([id, languageCode, gender, engines]) =>
    Object.freeze({ id, languageCode, gender, engines }),
  ),
);

export function pollyVoice(id: string): PollyVoice | undefined {
  return POLLY_VOICES.find((voice) => voice.id === id);
}
