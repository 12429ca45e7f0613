/** Every locale's voice text, by locale. */
import type { Locale } from '../../domain/locales';
import { deDE } from './de-DE';
import { enGB } from './en-GB';
import { enUS } from './en-US';
import type { LocaleUtterances } from './types';

export const LOCALE_UTTERANCES: Readonly<Record<Locale, LocaleUtterances>> = {
  'en-US': enUS,
  'en-GB': enGB,
  'de-DE': deDE,
};
