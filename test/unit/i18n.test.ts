import { LOCALES } from '../../domain/locales';
import { translatorFor, type MessageKey } from '../../lambda/skill/i18n';
import { enUS } from '../../lambda/skill/i18n/en-US';

function keysOf(table: object, prefix = ''): string[] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [`${prefix}${key.replace(/_(one|other)$/, '')}`]
      : keysOf(value as object, `${prefix}${key}.`),
  );
}

const KEYS = [...new Set(keysOf(enUS))] as MessageKey[];

/** A stand-in for each placeholder, so a sentence still showing "{{" lacks a value. */
const valueFor = (placeholder: string) => `<${placeholder}>`;

describe.each(LOCALES)('%s words', (locale) => {
  const t = translatorFor(locale);

  it.each(KEYS)('has %s, with every placeholder filled', (key) => {
    for (const count of [1, 2]) {
      const text = t(key, {
        ...Object.fromEntries(placeholders(key).map((p) => [p, valueFor(p)])),
        count,
      });
      expect(text).not.toBe(key);
      expect(text).not.toMatch(/\{\{|\}\}/);
    }
  });
});

function placeholders(key: MessageKey): string[] {
  const found = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string')
      for (const m of value.matchAll(/\{\{(\w+)\}\}/g)) found.add(m[1]!);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  let node: unknown = enUS;
  for (const part of key.split('.')) {
    const table = node as Record<string, unknown>;
    node =
      part in table ? table[part] : { one: table[`${part}_one`], other: table[`${part}_other`] };
  }
  walk(node);
  return [...found];
}

it('uses plural forms by count', () => {
  expect(translatorFor('en-US')('players.total', { count: 1, n: '1' })).toBe(
    '1 player is online right now.',
  );
  expect(translatorFor('de-DE')('players.total', { count: 3, n: '3' })).toBe(
    'Gerade sind 3 Spieler online.',
  );
});

it('refuses a key no locale has', () => {
  expect(() => translatorFor('en-GB')('no.such.key' as MessageKey)).toThrow(/no en-GB text/);
});
