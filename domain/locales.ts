/** The locales Pulse speaks; every per-locale table in the project is keyed by these. */
export const LOCALES = ['en-US', 'en-GB', 'de-DE'] as const;

export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en-US';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
