/** The voice of a request: its locale's words and ways of saying numbers, times and lists, and its SSML. */
import { getLocale, type HandlerInput } from 'ask-sdk-core';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../domain/locales';
import { saidName, type LocaleNames, type Vocabulary } from '../../domain/spokenNames';
import { Speech, formatNumber, voiceFor, type SsmlTarget } from '../../ssml';
import type { SkillConfig } from './config';
import { exactSpan, roundedAge } from '../../domain/durations';
import { translatorFor, type Translate } from './i18n';

export interface Voice {
  readonly locale: Locale;
  readonly t: Translate;
  /** A new SSML document in this voice. */
  speech(): Speech;
  number(value: number, maximumFractionDigits?: number): string;
  /** A clock time ("10:42 AM", "10:42 Uhr") in the given zone, or the configured one. */
  clock(epochMs: number, timeZone?: string): string;
  /** How long ago, in words ("5 minutes", German dative "5 Minuten"). */
  age(milliseconds: number): string;
  /** A plain span ("60 minutes"). */
  span(seconds: number): string;
  /** How often ("every minute", "alle 30 Sekunden"). */
  every(seconds: number): string;
  /** A span looking back ("the last 10 minutes", "der letzten Stunde"). */
  lastSpan(seconds: number): string;
  /** "A, B and C" in the locale's way. */
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string;
  /** A vocabulary value as a sentence says it ("Windows Phone", "temperature", "on"). */
  said<V extends Vocabulary>(vocabulary: V, id: keyof LocaleNames[V] & string): string;
}

/** How a voice sounds: the Polly voice (null: Alexa's own) and the SSML target; the zone clock times are in. */
export interface VoiceSettings {
  readonly pollyVoice: string | null;
  readonly ssmlTarget: SsmlTarget;
  readonly timeZone: string;
}

/** Alexa sends locales Pulse has no words for (en-AU, de-AT, fr-FR): answer in the nearest one. */
export function nearestLocale(requested: string | undefined): Locale {
  if (isLocale(requested)) return requested;
  if (requested?.toLowerCase().startsWith('de')) return 'de-DE';
  return DEFAULT_LOCALE;
}

/** The locale Pulse answers a request in; some request types carry none. */
export function localeOf(input: HandlerInput): Locale {
  const requested: unknown = getLocale(input.requestEnvelope);
  return nearestLocale(typeof requested === 'string' ? requested : undefined);
}

export function createVoice(locale: Locale, settings: VoiceSettings): Voice {
  const t = translatorFor(locale);
  const number = (value: number, maximumFractionDigits = 0) =>
    formatNumber(locale, value, { maximumFractionDigits });
  return {
    locale,
    t,
    speech: () => new Speech({ locale, voice: settings.pollyVoice, target: settings.ssmlTarget }),
    number,
    clock: (epochMs, timeZone = settings.timeZone) => {
      const time = new Intl.DateTimeFormat(locale, {
        hour: 'numeric',
        minute: '2-digit',
        timeZone,
      }).format(new Date(epochMs));
      return t('clock', { time });
    },
    age: (milliseconds) => {
      const { unit, count } = roundedAge(milliseconds);
      return t(`duration.${unit}`, { count, n: number(count) });
    },
    span: (seconds) => {
      const { unit, count } = exactSpan(seconds);
      return t(`duration.${unit}`, { count });
    },
    every: (seconds) => {
      const { unit, count } = exactSpan(seconds);
      return t(`every.${unit}`, { count });
    },
    lastSpan: (seconds) => {
      const { unit, count } = exactSpan(seconds);
      return t(`lastSpan.${unit}`, { count });
    },
    list: (items, type = 'conjunction') =>
      new Intl.ListFormat(locale, { style: 'long', type }).format(items),
    said: (vocabulary, id) => saidName(locale, vocabulary, id),
  };
}

/** Finds the voice a request is answered in. */
export type VoiceOf = (input: HandlerInput) => Voice;

/**
 * The configured voice of each request's locale. A voice depends on nothing else, so each is made
 * once; a voice setting Alexa would refuse throws on the first request in that locale.
 */
export function configuredVoices(
  config: Pick<SkillConfig, 'voices' | 'ssmlTarget' | 'timeZone'>,
): VoiceOf {
  const made = new Map<Locale, Voice>();
  return (input) => {
    const locale = localeOf(input);
    let voice = made.get(locale);
    if (voice === undefined) {
      voice = createVoice(locale, {
        pollyVoice: voiceFor(locale, config.voices[locale]),
        ssmlTarget: config.ssmlTarget,
        timeZone: config.timeZone,
      });
      made.set(locale, voice);
    }
    return voice;
  };
}

/** The request's words in Alexa's own voice: what must be said even when the voice setting is what failed. */
export function plainVoiceOf(input: HandlerInput): Voice {
  return createVoice(localeOf(input), { pollyVoice: null, ssmlTarget: 'alexa', timeZone: 'UTC' });
}
