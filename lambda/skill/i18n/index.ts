/**
 * One i18next instance per locale, made once: re-initialising a shared instance per request is
 * unsafe. A locale's words are read, and its instance made, on the first request in that locale.
 */
import i18next from 'i18next';
import type { Locale } from '../../../domain/locales';
import { MissingTextError } from '../errors';
import type { MessageKey, Resources } from './resources';

export type { MessageKey } from './resources';

// Requires, not imports: the bundle evaluates a locale's module (and builds British English from
// American) only when its first request comes.
/* eslint-disable @typescript-eslint/no-require-imports */
const RESOURCES: Readonly<Record<Locale, () => Resources>> = {
  'en-US': () => (require('./en-US') as typeof import('./en-US')).enUS,
  'en-GB': () => (require('./en-GB') as typeof import('./en-GB')).enGB,
  'de-DE': () => (require('./de-DE') as typeof import('./de-DE')).deDE,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export type Translate = (
  key: MessageKey,
  values?: Readonly<Record<string, string | number>>,
) => string;

const translators = new Map<Locale, Translate>();

export function translatorFor(locale: Locale): Translate {
  const known = translators.get(locale);
  if (known) return known;
  const instance = i18next.createInstance();
  // Inline resources and initAsync false make init synchronous: the instance is ready on return.
  void instance.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: RESOURCES[locale]() } },
    // Values are escaped once, by the SSML builder, when the sentence becomes speech.
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  const translate: Translate = (key, values) => {
    if (!instance.exists(key, values)) throw new MissingTextError(locale, key);
    return instance.t(key, values);
  };
  translators.set(locale, translate);
  return translate;
}
