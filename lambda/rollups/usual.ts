/**
 * What is usual: the range a value keeps to at an hour of day, from the same hour on the days
 * before (the rollups kept), as a low and a high percentile, and whether a value lies outside it.
 */

/** How a usual range is drawn, and how much history it needs. */
export interface UsualSettings {
  /** The percentile below which a value is unusually low (10). */
  readonly lowPercentile: number;
  /** The percentile above which a value is unusually high (90). */
  readonly highPercentile: number;
  /** Earlier days that must have values in the hour (3): fewer, and the range is unknown. */
  readonly minDays: number;
  /** Values the hour must have across those days (30). */
  readonly minSamples: number;
}

export const DEFAULT_USUAL_SETTINGS: UsualSettings = {
  lowPercentile: 10,
  highPercentile: 90,
  minDays: 3,
  minSamples: 30,
};

interface UsualHour {
  /** The hour of day (0–23) in `timeZone` the range is for. */
  readonly hour: number;
  readonly timeZone: string;
  /** Earlier days that had values in the hour. */
  readonly days: number;
  /** Values across those days: windows for a sensor, seconds for players. */
  readonly samples: number;
}

export type UsualRange =
  | (UsualHour & { readonly known: true; readonly low: number; readonly high: number })
  | (UsualHour & {
      readonly known: false;
      /** Too few earlier days, or too few values, to say what is usual. */
      readonly reason: 'not-enough-history';
    });

export type UsualVerdict = 'below' | 'within' | 'above' | 'unknown';

/** Where `value` lies against the usual range: below it, within it (its ends included), above it. */
export function usualVerdict(value: number, range: UsualRange): UsualVerdict {
  if (!range.known) return 'unknown';
  if (value < range.low) return 'below';
  if (value > range.high) return 'above';
  return 'within';
}

/**
 * The p-th percentile (0–100) of sorted values, interpolating between the two nearest ranks (the
 * way spreadsheets and numpy's default do).
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('no values to take a percentile of');
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (rank - below);
}

/** The usual range of one hour from its values on each earlier day (one list per day, empty where a day had none). */
export function usualRangeOf(
  valuesByDay: readonly (readonly number[])[],
  hour: { readonly hour: number; readonly timeZone: string },
  settings: UsualSettings = DEFAULT_USUAL_SETTINGS,
): UsualRange {
  const days = valuesByDay.filter((values) => values.length > 0).length;
  const values = valuesByDay.flat().sort((a, b) => a - b);
  const base = { hour: hour.hour, timeZone: hour.timeZone, days, samples: values.length };
  if (days < settings.minDays || values.length < settings.minSamples) {
    return { ...base, known: false, reason: 'not-enough-history' };
  }
  return {
    ...base,
    known: true,
    low: percentile(values, settings.lowPercentile),
    high: percentile(values, settings.highPercentile),
  };
}
