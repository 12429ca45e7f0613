/** English durations and numbers through Microsoft's offline Recognizers-Text, resolved the way Alexa resolves them. */
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import { recognizeNumber } from '@microsoft/recognizers-text-number';
import type { EntityMatch } from '../entityMatch';
import { DURATION, joinAdjacent, NUMBER, type QuantityRecognizer } from './quantity';
import { wordIndexByOffset, wordSpan } from '../wordSpans';
import { addDurations, parseIsoDuration, toIsoDuration, type DurationParts } from './isoDuration';

interface Found {
  start: number;
  end: number;
  parts: DurationParts;
}

/** The recogniser's resolution, as far as the engine reads it. */
interface Resolution {
  values?: { timex?: string; type?: string; value?: string }[];
  value?: string;
}

function resolutionOf(result: { resolution: unknown }): Resolution {
  return (result.resolution ?? {}) as Resolution;
}

/** The duration a recogniser result stands for: a duration, a set ("every two minutes") or a range's length. */
function durationOf(typeName: string, timex: string): DurationParts | undefined {
  if (typeName === 'datetimeV2.duration' || typeName === 'datetimeV2.set')
    return parseIsoDuration(timex);
  if (typeName.endsWith('range')) {
    const length = /,(P[^,)]+)\)$/.exec(timex)?.[1];
    return length === undefined ? undefined : parseIsoDuration(length);
  }
  return undefined;
}

/** Fractions of an hour the recogniser does not read ("a quarter of an hour"). */
const QUARTERS: readonly { words: string[]; minutes: number }[] = [
  { words: ['three', 'quarters', 'of', 'an', 'hour'], minutes: 45 },
  { words: ['a', 'quarter', 'of', 'an', 'hour'], minutes: 15 },
  { words: ['one', 'quarter', 'of', 'an', 'hour'], minutes: 15 },
  { words: ['quarter', 'of', 'an', 'hour'], minutes: 15 },
  { words: ['a', 'quarter', 'hour'], minutes: 15 },
  { words: ['quarter', 'hour'], minutes: 15 },
];

function quarterHours(words: readonly string[]): Found[] {
  const found: Found[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const quarter = QUARTERS.find((q) => q.words.every((w, k) => words[i + k] === w));
    if (quarter && !found.some((f) => i < f.end)) {
      found.push({ start: i, end: i + quarter.words.length, parts: { minutes: quarter.minutes } });
    }
  }
  return found;
}

/** Words that qualify a duration without being part of it ("the last ten minutes", "every hour"). */
const QUALIFIERS = new Set([
  'last',
  'past',
  'previous',
  'every',
  'each',
  'next',
  'the',
  'this',
  'per',
  'once',
]);
const UNITS: Readonly<Record<string, keyof DurationParts>> = {
  second: 'seconds',
  minute: 'minutes',
  hour: 'hours',
  day: 'days',
  week: 'weeks',
  month: 'months',
  year: 'years',
};

/** A unit said without an amount after a qualifier means one of it: "every minute", "the past hour". */
function bareUnits(words: readonly string[]): Found[] {
  const found: Found[] = [];
  words.forEach((word, i) => {
    const unit = UNITS[word];
    if (unit && i > 0 && QUALIFIERS.has(words[i - 1] ?? ''))
      found.push({ start: i, end: i + 1, parts: { [unit]: 1 } });
  });
  return found;
}

/** Drops qualifiers the recogniser includes in its match, so the match covers the duration only. */
function withoutQualifiers(found: Found, words: readonly string[]): Found {
  let start = found.start;
  while (start < found.end - 1 && QUALIFIERS.has(words[start] ?? '')) start += 1;
  return { ...found, start };
}

function recognizedDurations(words: readonly string[], offset: number): Found[] {
  const text = words.join(' ');
  const offsets = wordIndexByOffset(words);
  const found: Found[] = [];
  for (const result of recognizeDateTime(text, Culture.English)) {
    const span = wordSpan(offsets, result.start, result.end);
    const timex = resolutionOf(result).values?.[0]?.timex ?? '';
    const parts = durationOf(result.typeName, timex);
    // "quarterly", "hourly", "daily" say how often, not how long: no AMAZON.DURATION value.
    const adverb = span.end - span.start === 1 && /ly$/.test(words[span.start] ?? '');
    if (parts && adverb) continue;
    if (parts) {
      found.push({ start: span.start + offset, end: span.end + offset, parts });
    } else if (words[span.end - 1] === 'ago' && span.end - span.start > 1) {
      // "ten minutes ago" is a point in time; its length is the duration the user said.
      found.push(
        ...recognizedDurations(words.slice(span.start, span.end - 1), span.start + offset),
      );
    }
  }
  return found;
}

export const englishQuantities: QuantityRecognizer = {
  durations(words) {
    if (words.length === 0) return [];
    const quarters = quarterHours(words);
    const recognized = recognizedDurations(words, 0).map((f) => withoutQualifiers(f, words));
    const overlapsAny = (f: Found, others: readonly Found[]): boolean =>
      others.some((o) => f.start < o.end && o.start < f.end);
    const others = recognized.filter((f) => !overlapsAny(f, quarters));
    const bare = bareUnits(words).filter((f) => !overlapsAny(f, [...quarters, ...others]));
    const joined = joinAdjacent(
      [...quarters, ...others, ...bare],
      words,
      new Set(['and']),
      (a, b) => ({
        start: a.start,
        end: b.end,
        parts: addDurations(a.parts, b.parts),
      }),
    );
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
    if (words.length === 0) return [];
    const offsets = wordIndexByOffset(words);
    return recognizeNumber(words.join(' '), Culture.English).flatMap((result): EntityMatch[] => {
      const value = resolutionOf(result).value;
      if (value === undefined || value === '') return [];
      const span = wordSpan(offsets, result.start, result.end);
      return [{ slotType: NUMBER, ...span, value, resolved: [], accuracy: 1 }];
    });
  },
};
