/** German durations and numbers (no offline recogniser covers German in JavaScript): "zehn Minuten", "einer halben Stunde", "anderthalb Stunden". */
import { fold } from '../../text/words';
import type { EntityMatch } from '../entityMatch';
import { germanFraction, germanInteger, isGermanArticle } from './germanNumbers';
import { DURATION, joinAdjacent, NUMBER, type QuantityRecognizer } from './quantity';
import { addDurations, toIsoDuration, type DurationParts } from './isoDuration';

type Unit = keyof DurationParts;

const UNIT_WORDS: Readonly<Record<string, Unit>> = {
  sekunde: 'seconds',
  sekunden: 'seconds',
  sek: 'seconds',
  minute: 'minutes',
  minuten: 'minutes',
  min: 'minutes',
  minutchen: 'minutes',
  stunde: 'hours',
  stunden: 'hours',
  std: 'hours',
  stundchen: 'hours',
  tag: 'days',
  tage: 'days',
  tagen: 'days',
  woche: 'weeks',
  wochen: 'weeks',
  monat: 'months',
  monate: 'months',
  monaten: 'months',
  jahr: 'years',
  jahre: 'years',
  jahren: 'years',
};
/** Units with their amount in one word: "Viertelstunde", "Dreiviertelstunde", "halbe Stunde" written together. */
const COMPOUND_UNITS: Readonly<Record<string, DurationParts>> = {
  viertelstunde: { minutes: 15 },
  dreiviertelstunde: { minutes: 45 },
  halbstunde: { minutes: 30 },
};
/** Words after which a bare unit means one of it: "jede Minute", "in der letzten Stunde". */
const ONE_OF = new Set([
  'jede',
  'jeden',
  'jedes',
  'alle',
  'pro',
  'einmal',
  'letzte',
  'letzten',
  'vergangene',
  'vergangenen',
]);

function unitOf(word: string): Unit | undefined {
  return UNIT_WORDS[fold(word)];
}

function scale(unit: Unit, amount: number): DurationParts {
  return { [unit]: amount };
}

interface Found {
  start: number;
  end: number;
  parts: DurationParts;
}

/** One amount-and-unit phrase starting at `i`, e.g. "einer halben Stunde", "zwei Stunden", "Viertelstunde". */
function phraseAt(words: readonly string[], i: number): Found | undefined {
  const first = words[i] ?? '';
  const compound = COMPOUND_UNITS[fold(first)];
  if (compound) return { start: i, end: i + 1, parts: compound };
  const next = words[i + 1] ?? '';
  if (isGermanArticle(first)) {
    const compoundAfter = COMPOUND_UNITS[fold(next)];
    if (compoundAfter) return { start: i, end: i + 2, parts: compoundAfter };
    const fraction = germanFraction(next);
    const unitAfterFraction = unitOf(words[i + 2] ?? '');
    if (fraction !== undefined && unitAfterFraction) {
      return { start: i, end: i + 3, parts: scale(unitAfterFraction, fraction) };
    }
    const unit = unitOf(next);
    if (unit) {
      // "eine Stunde und eine halbe" / "eine und eine halbe Stunde" are rare; "eine Stunde" is one hour.
      return { start: i, end: i + 2, parts: scale(unit, 1) };
    }
    return undefined;
  }
  const amount = germanFraction(first) ?? germanInteger(first);
  if (amount !== undefined) {
    const unit = unitOf(next);
    if (unit) return { start: i, end: i + 2, parts: scale(unit, amount) };
    const compoundAfter = COMPOUND_UNITS[fold(next)];
    if (compoundAfter && amount >= 1) {
      const each = compoundAfter.minutes ?? 0;
      return { start: i, end: i + 2, parts: { minutes: each * amount } };
    }
    return undefined;
  }
  const bareUnit = unitOf(first);
  if (bareUnit && i > 0 && ONE_OF.has(fold(words[i - 1] ?? ''))) {
    return { start: i, end: i + 1, parts: scale(bareUnit, 1) };
  }
  return undefined;
}

/** "… Stunde und eine halbe" / "… Stunden und dreißig Minuten" join; so does a trailing "halbe" after a unit. */
function withTrailingHalf(words: readonly string[], found: Found): Found {
  const [and, article, half] = [words[found.end], words[found.end + 1], words[found.end + 2]];
  if (
    fold(and ?? '') === 'und' &&
    isGermanArticle(article ?? '') &&
    germanFraction(half ?? '') === 0.5
  ) {
    const unit = (Object.keys(found.parts) as Unit[]).find((u) => found.parts[u] !== undefined);
    if (unit)
      return {
        start: found.start,
        end: found.end + 3,
        parts: addDurations(found.parts, scale(unit, 0.5)),
      };
  }
  return found;
}

export const germanQuantities: QuantityRecognizer = {
  durations(words) {
    const found: Found[] = [];
    for (let i = 0; i < words.length; i += 1) {
      const phrase = phraseAt(words, i);
      if (phrase) {
        const full = withTrailingHalf(words, phrase);
        found.push(full);
        i = full.end - 1;
      }
    }
    const joined = joinAdjacent(found, words, new Set(['und']), (a, b) => ({
      start: a.start,
      end: b.end,
      parts: addDurations(a.parts, b.parts),
    }));
    return joined.map((f): EntityMatch => ({
      slotType: DURATION,
      start: f.start,
      end: f.end,
      value: toIsoDuration(f.parts),
      resolved: [],
      accuracy: 1,
    }));
  },

  numbers(words) {
    const found: EntityMatch[] = [];
    words.forEach((word, i) => {
      // An article alone is not a number the user said ("ein Beitrag"); "eins" is.
      if (isGermanArticle(word)) return;
      const value =
        germanInteger(word) ?? (/^\d+[.,]\d+$/.test(word) ? germanFraction(word) : undefined);
      if (value !== undefined) {
        found.push({
          slotType: NUMBER,
          start: i,
          end: i + 1,
          value: String(value),
          resolved: [],
          accuracy: 1,
        });
      }
    });
    return found;
  },
};
