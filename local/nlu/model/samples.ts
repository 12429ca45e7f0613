/** Sample utterances split into carrier words and slot references, with where each slot sits among the words. */
import { cleanText, fold, splitWords } from '../text/words';
import type { ModelIntent } from './schema';

export type SampleToken =
  { readonly word: string } | { readonly slot: string; readonly type: string };

export interface Sample {
  readonly intent: string;
  readonly tokens: readonly SampleToken[];
}

/** Sentence boundaries in slot contexts. */
export const START = '^';
export const END = '$';

/** The words said right before and right after a slot, over all samples. */
export interface SlotContext {
  readonly before: ReadonlySet<string>;
  readonly after: ReadonlySet<string>;
}

export function parseSample(intent: ModelIntent, sample: string, locale: string): Sample {
  const types = new Map((intent.slots ?? []).map((s) => [s.name, s.type]));
  const tokens: SampleToken[] = [];
  for (const part of sample.split(/(\{[^}]*\})/)) {
    const slot = /^\{([^}]*)\}$/.exec(part)?.[1];
    if (slot !== undefined) {
      tokens.push({ slot, type: types.get(slot) ?? '' });
    } else {
      for (const word of splitWords(cleanText(part, locale))) tokens.push({ word });
    }
  }
  return { intent: intent.name, tokens };
}

function wordOf(token: SampleToken | undefined, boundary: string): string {
  if (token === undefined) return boundary;
  return 'word' in token ? fold(token.word) : `{${token.type}}`;
}

/** Context of every slot (keyed "Intent.slot") and of every slot type (keyed by type). */
export function slotContexts(samples: readonly Sample[]): Map<string, SlotContext> {
  const contexts = new Map<string, { before: Set<string>; after: Set<string> }>();
  const add = (key: string, before: string, after: string): void => {
    const context = contexts.get(key) ?? { before: new Set<string>(), after: new Set<string>() };
    context.before.add(before);
    context.after.add(after);
    contexts.set(key, context);
  };
  for (const sample of samples) {
    sample.tokens.forEach((token, i) => {
      if (!('slot' in token)) return;
      const before = wordOf(sample.tokens[i - 1], START);
      const after = wordOf(sample.tokens[i + 1], END);
      add(`${sample.intent}.${token.slot}`, before, after);
      add(token.type, before, after);
    });
  }
  return contexts;
}

/** Every carrier word of the samples, folded. */
export function carrierVocabulary(samples: readonly Sample[]): Set<string> {
  const words = new Set<string>();
  for (const sample of samples)
    for (const token of sample.tokens) if ('word' in token) words.add(fold(token.word));
  return words;
}
