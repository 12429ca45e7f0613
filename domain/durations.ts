/** Time spans in the units people use: ISO 8601 durations as AMAZON.DURATION gives them ("PT10M", "P1DT2H"), in seconds, and spans and ages in whole units. */

const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

// Calendar units have no fixed length; these are the usual approximations for spoken spans.
const UNIT_SECONDS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1] as const;

/** Seconds in the duration, or undefined when it is not a whole, positive ISO 8601 duration. */
export function durationSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = ISO_DURATION.exec(value.trim().toUpperCase());
  if (!match || value.trim().toUpperCase().endsWith('T')) return undefined;
  let seconds = 0;
  UNIT_SECONDS.forEach((unit, index) => {
    const amount = match[index + 1];
    if (amount !== undefined) seconds += Number(amount) * unit;
  });
  const whole = Math.round(seconds);
  return whole > 0 ? whole : undefined;
}

export type SpanUnit = 'seconds' | 'minutes' | 'hours' | 'days';

/** The largest unit that says the span exactly, for speaking it ("90 seconds", "2 hours"). */
export function exactSpan(seconds: number): { unit: SpanUnit; count: number } {
  if (seconds % 86400 === 0) return { unit: 'days', count: seconds / 86400 };
  if (seconds % 3600 === 0) return { unit: 'hours', count: seconds / 3600 };
  if (seconds % 60 === 0) return { unit: 'minutes', count: seconds / 60 };
  return { unit: 'seconds', count: seconds };
}

/** An age, rounded to the unit a person would use ("about 5 minutes", not "312 seconds"). */
export function roundedAge(milliseconds: number): { unit: SpanUnit; count: number } {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 90) return { unit: 'seconds', count: seconds };
  if (seconds < 90 * 60) return { unit: 'minutes', count: Math.round(seconds / 60) };
  if (seconds < 36 * 3600) return { unit: 'hours', count: Math.round(seconds / 3600) };
  return { unit: 'days', count: Math.round(seconds / 86400) };
}
