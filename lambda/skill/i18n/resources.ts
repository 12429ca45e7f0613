/** The shape of a locale's words: American English is the reference, every locale has its keys. */
import type { enUS } from './en-US';

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
type DeepPartial<T> = {
  readonly [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]>;
};

export type Resources = Widen<typeof enUS>;

type StripPlural<K extends string> = K extends `${infer Base}_one` | `${infer Base}_other`
  ? Base
  : K;

/** Every key a handler may ask for, plural suffixes folded ("players.total", not "players.total_one"). */
export type MessageKey<T = typeof enUS, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${StripPlural<K>}`
    : MessageKey<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A locale that differs from another in a few words: copy it, replacing only those. */
export function withOverrides(base: Resources, overrides: DeepPartial<Resources>): Resources {
  const merge = (into: Record<string, unknown>, from: Record<string, unknown>) => {
    const result: Record<string, unknown> = { ...into };
    for (const [key, value] of Object.entries(from)) {
      const current = result[key];
      result[key] = isTable(current) && isTable(value) ? merge(current, value) : value;
    }
    return result;
  };
  return merge(base as Record<string, unknown>, overrides as Record<string, unknown>) as Resources;
}
