/** The project's generated interaction models for the NLU's and the Echo's tests, and variants of them built in the test. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locale } from '../../domain/locales';
import { SKILL_PACKAGE_DIR } from '../../interactionModels/generate';
import type { Slot } from 'ask-sdk-model';
import { trainNlu, type Nlu, type NluOptions, type Understanding } from '../../local/nlu';

type Document = {
  interactionModel: { languageModel: { intents: { name: string; samples?: string[] }[] } };
};

/** The committed model of a locale (a fresh copy each time). */
export function projectModel(locale: Locale): unknown {
  const path = join(SKILL_PACKAGE_DIR, 'interactionModels', 'custom', `${locale}.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/** The model with extra built-in intents declared, where it lacks them. */
export function withBuiltIns(document: unknown, names: readonly string[]): unknown {
  const copy = structuredClone(document) as Document;
  const intents = copy.interactionModel.languageModel.intents;
  for (const name of names)
    if (!intents.some((i) => i.name === name)) intents.push({ name, samples: [] });
  return copy;
}

/** The model without the named intents. */
export function withoutIntents(document: unknown, names: readonly string[]): unknown {
  const copy = structuredClone(document) as Document;
  const model = copy.interactionModel.languageModel;
  model.intents = model.intents.filter((i) => !names.includes(i.name));
  return copy;
}

const trained = new Map<string, Promise<Nlu>>();

/** An NLU per model variant (named by `key`) and locale, trained once per test file. */
export function nluFor(
  key: string,
  locale: Locale,
  model: unknown,
  options: NluOptions = {},
): Promise<Nlu> {
  const id = `${key}/${locale}`;
  let nlu = trained.get(id);
  if (!nlu) {
    nlu = trainNlu(model, locale, options);
    trained.set(id, nlu);
  }
  return nlu;
}

/** The project's own model of a locale, trained once per test file. */
export function projectNlu(locale: Locale): Promise<Nlu> {
  return nluFor('project', locale, projectModel(locale));
}

/** A slot of what was understood. */
export function slotOf(understanding: Understanding, name: string): Slot | undefined {
  return understanding.intent.slots?.[name];
}

/** The id entity resolution gave a slot's value, if any. */
export function resolvedIdOf(understanding: Understanding, name: string): string | undefined {
  return slotOf(understanding, name)?.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value
    .id;
}
