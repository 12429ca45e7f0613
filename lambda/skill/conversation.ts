/** What every handler needs for one request: the locale's words and formats, the data, the config. */
import type { HandlerInput } from 'ask-sdk-core';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../interactionModels/locales';
import { Speech, formatNumber, voiceFor } from '../../ssml';
import type { StationCatalog } from '../devices/catalog';
import type { StationShadows } from '../devices/shadows';
import type { AudioStore } from '../posts/audioStore';
import type { PostsRepository } from '../posts/repository';
import type { SensorRollupReader } from '../rollups/sensorRollups';
import type { PlayerRollupReader } from '../rollups/playerRollups';
import type { SkillConfig } from './config';
import { exactSpan, roundedAge } from './durations';
import { translatorFor, type Translate } from './i18n';

export interface SkillServices {
  readonly users: PlayerRollupReader;
  readonly sensors: SensorRollupReader;
  readonly shadows: StationShadows;
  readonly catalog: StationCatalog;
  readonly posts: Pick<PostsRepository, 'get' | 'list'>;
  /** Presigned URLs for post audio, valid this many seconds. */
  readonly postAudio: { readonly store: Pick<AudioStore, 'url'>; readonly urlSeconds: number };
  /** Epoch milliseconds; tests pin it. */
  readonly now: () => number;
}

export interface Conversation {
  readonly locale: Locale;
  readonly t: Translate;
  readonly services: SkillServices;
  readonly config: SkillConfig;
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
}

/** The request's locale as Alexa sent it; some request types carry none. */
export function requestedLocale(input: HandlerInput): string | undefined {
  const request: { locale?: unknown } = input.requestEnvelope.request;
  return typeof request.locale === 'string' ? request.locale : undefined;
}

/** Alexa sends locales Pulse has no words for (en-AU, de-AT, fr-FR): answer in the nearest one. */
export function nearestLocale(requested: string | undefined): Locale {
  if (isLocale(requested)) return requested;
  if (requested?.toLowerCase().startsWith('de')) return 'de-DE';
  return DEFAULT_LOCALE;
}

export function createConversation(
  requestedLocale: string | undefined,
  services: SkillServices,
  config: SkillConfig,
): Conversation {
  const locale = nearestLocale(requestedLocale);
  const t = translatorFor(locale);
  const voice = voiceFor(locale, config.voices[locale]);
  const number = (value: number, maximumFractionDigits = 0) =>
    formatNumber(locale, value, { maximumFractionDigits });
  return {
    locale,
    t,
    services,
    config,
    speech: () => new Speech({ locale, voice, target: config.ssmlTarget }),
    number,
    clock: (epochMs, timeZone = config.timeZone) => {
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
  };
}

const CONVERSATION = 'pulse.conversation';

export function attachConversation(input: HandlerInput, conversation: Conversation): void {
  input.attributesManager.setRequestAttributes({
    ...input.attributesManager.getRequestAttributes(),
    [CONVERSATION]: conversation,
  });
}

export function conversationOf(input: HandlerInput): Conversation {
  const conversation: unknown = input.attributesManager.getRequestAttributes()[CONVERSATION];
  if (!conversation) throw new Error('no conversation attached: is the interceptor registered?');
  return conversation as Conversation;
}
