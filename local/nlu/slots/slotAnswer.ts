/** Reads words against samples: the answer to "which station?" through the slot's samples ("at {station}"), and a whole request said as a sample says it. */
import type { EntityMatch } from '../entities/entityMatch';
import { parseSample, type SampleToken } from '../model/samples';
import type { ModelIntent } from '../model/schema';
import { fold } from '../text/words';
import type { HeardSlot } from '../types';
import { plainSlot, resolvedSlot } from './alexaSlots';
import { SEARCH_QUERY, type SlotFillerParts } from './slotFiller';

/** How sure the answer is, from an exact value in a sample (best) to unknown words said on their own. */
export type SlotAnswerKind =
  /** Every slot in the sample is a value of its type ("at berlin", "thirty seconds"). */
  | 'value'
  /** Free text for an AMAZON.SearchQuery slot. */
  | 'free-text'
  /** Words that are no value of the type, framed by the sample's own words ("at hamburg"). */
  | 'unknown-in-sample'
  /** Words that are no value of the type, said on their own ("hamburg"). */
  | 'unknown-alone';

export interface SlotAnswer {
  readonly kind: SlotAnswerKind;
  /** How many of the words are the sample's own (the rest fill its slots). */
  readonly carrierWords: number;
  /** The slots the answer fills (the elicited one, and any other the sample names). */
  readonly slots: Readonly<Record<string, HeardSlot>>;
  readonly confidence: number;
}

/** Most words a value no entity recogniser knows may have (as slot filling allows). */
const MAX_UNKNOWN_WORDS = 4;

type Filling =
  | { readonly slot: string; readonly type: string; readonly match: EntityMatch }
  | { readonly slot: string; readonly type: string; readonly start: number; readonly end: number };

export interface Reading {
  readonly fillings: readonly Filling[];
  readonly carrierWords: number;
}

export const RANK: Readonly<Record<SlotAnswerKind, number>> = {
  value: 3,
  'free-text': 2,
  'unknown-in-sample': 1,
  'unknown-alone': 0,
};

/**
 * Reads `words` as an answer for `slot` of `intent`: through each of the slot's samples (and the
 * bare value, which Alexa always accepts), filling slot references with recognised values of their
 * type, free text, or (for custom types) unknown words. The best reading wins; none when no sample fits.
 */
export function answerForSlot(
  intent: ModelIntent,
  slot: string,
  words: readonly string[],
  entities: readonly EntityMatch[],
  parts: SlotFillerParts,
  locale: string,
): SlotAnswer | undefined {
  const modelSlot = (intent.slots ?? []).find((s) => s.name === slot);
  if (!modelSlot) return undefined;
  const samples = new Set([`{${slot}}`, ...(modelSlot.samples ?? [])]);
  const folded = words.map(fold);
  let best: SlotAnswer | undefined;
  for (const sample of samples) {
    const tokens = parseSample(intent, sample, locale).tokens;
    if (!tokens.some((t) => 'slot' in t && t.slot === slot)) continue;
    for (const reading of readings(tokens, 0, folded, 0, entities, parts)) {
      const answer = toAnswer(reading, words, parts);
      if (
        !best ||
        RANK[answer.kind] > RANK[best.kind] ||
        (RANK[answer.kind] === RANK[best.kind] && answer.confidence > best.confidence)
      ) {
        best = answer;
      }
    }
  }
  return best;
}

/** Every way the tokens from `t` on cover the words from `w` on to the end. */
export function* readings(
  tokens: readonly SampleToken[],
  t: number,
  words: readonly string[],
  w: number,
  entities: readonly EntityMatch[],
  parts: SlotFillerParts,
): Generator<Reading> {
  const token = tokens[t];
  if (token === undefined) {
    if (w === words.length) yield { fillings: [], carrierWords: 0 };
    return;
  }
  if ('word' in token) {
    if (words[w] !== fold(token.word)) return;
    for (const rest of readings(tokens, t + 1, words, w + 1, entities, parts)) {
      yield { fillings: rest.fillings, carrierWords: rest.carrierWords + 1 };
    }
    return;
  }
  const { slot, type } = token;
  const prepend = function* (filling: Filling, end: number): Generator<Reading> {
    for (const rest of readings(tokens, t + 1, words, end, entities, parts)) {
      yield { fillings: [filling, ...rest.fillings], carrierWords: rest.carrierWords };
    }
  };
  for (const match of entities) {
    if (match.slotType === type && match.start === w)
      yield* prepend({ slot, type, match }, match.end);
  }
  const freeText = type === SEARCH_QUERY;
  if (!freeText && !parts.customTypes.has(type)) return;
  const longest = freeText ? words.length - w : Math.min(MAX_UNKNOWN_WORDS, words.length - w);
  for (let length = 1; length <= longest; length += 1) {
    const span = words.slice(w, w + length);
    // Carrier words alone ("the", "at") are no value; a known value is read above.
    if (!freeText && span.every((word) => parts.carrierWords.has(word))) continue;
    yield* prepend({ slot, type, start: w, end: w + length }, w + length);
  }
}

export function toAnswer(
  reading: Reading,
  words: readonly string[],
  parts: SlotFillerParts,
): SlotAnswer {
  const slots: Record<string, HeardSlot> = {};
  const kinds: SlotAnswerKind[] = [];
  let accuracy = 0;
  for (const filling of reading.fillings) {
    if ('match' in filling) {
      const { match } = filling;
      accuracy += match.accuracy;
      kinds.push('value');
      slots[filling.slot] = parts.customTypes.has(filling.type)
        ? resolvedSlot(filling.slot, match.value, parts.authority(filling.type), match.resolved)
        : plainSlot(filling.slot, match.value);
      continue;
    }
    const value = words.slice(filling.start, filling.end).join(' ');
    if (filling.type === SEARCH_QUERY) {
      slots[filling.slot] = plainSlot(filling.slot, value);
      kinds.push('free-text');
    } else {
      slots[filling.slot] = resolvedSlot(filling.slot, value, parts.authority(filling.type), []);
      kinds.push(reading.carrierWords > 0 ? 'unknown-in-sample' : 'unknown-alone');
    }
    accuracy += 0.5;
  }
  // The answer is only as sure as its least sure slot.
  const kind = kinds.reduce<SlotAnswerKind>(
    (worst, k) => (RANK[k] < RANK[worst] ? k : worst),
    'value',
  );
  const confidence = reading.fillings.length > 0 ? accuracy / reading.fillings.length : 0;
  return { kind, slots, confidence, carrierWords: reading.carrierWords };
}
