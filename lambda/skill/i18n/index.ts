/** One i18next instance per locale, made once: re-initialising a shared instance per request is unsafe. */
import i18next from 'i18next';
import type { Locale } from '../../../domain/locales';
import { MissingTextError } from '../errors';
import { deDE } from './de-DE';
import { enGB } from './en-GB';
import { enUS } from './en-US';
import type { MessageKey, Resources } from './resources';

export type { MessageKey } from './resources';

const RESOURCES: Readonly<Record<Locale, Resources>> = {
  'en-US': enUS,
  'en-GB': enGB,
  'de-DE': deDE,
};

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
    resources: { [locale]: { translation: RESOURCES[locale] } },
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
