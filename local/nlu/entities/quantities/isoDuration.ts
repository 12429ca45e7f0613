/** ISO-8601 durations as Alexa sends them for AMAZON.DURATION (PT10M, PT1H30M, P2D, P1W). */

/** A spoken duration by unit; any field may be fractional ("anderthalb Stunden" → hours 1.5). */
export interface DurationParts {
  readonly years?: number;
  readonly months?: number;
  readonly weeks?: number;
  readonly days?: number;
  readonly hours?: number;
  readonly minutes?: number;
  readonly seconds?: number;
}

const SECONDS = { hours: 3600, minutes: 60, seconds: 1 } as const;

export function addDurations(a: DurationParts, b: DurationParts): DurationParts {
  const sum = (x?: number, y?: number): number | undefined =>
    x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0);
  return {
    years: sum(a.years, b.years),
    months: sum(a.months, b.months),
    weeks: sum(a.weeks, b.weeks),
    days: sum(a.days, b.days),
    hours: sum(a.hours, b.hours),
    minutes: sum(a.minutes, b.minutes),
    seconds: sum(a.seconds, b.seconds),
  };
}

function number(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

/**
 * Formats parts the way Alexa resolves a spoken duration: the time of day part in whole hours,
 * minutes and seconds ("an hour and a half" → PT1H30M, "half an hour" → PT30M), calendar units
 * as said ("two weeks" → P2W). A fraction of a day or week carries into the time part.
 */
export function toIsoDuration(parts: DurationParts): string {
  const { years = 0, months = 0 } = parts;
  let { weeks = 0, days = 0 } = parts;
  let timeSeconds =
    (parts.hours ?? 0) * SECONDS.hours +
    (parts.minutes ?? 0) * SECONDS.minutes +
    (parts.seconds ?? 0);
  if (!Number.isInteger(weeks)) {
    days += (weeks % 1) * 7;
    weeks = Math.floor(weeks);
  }
  if (!Number.isInteger(days)) {
    timeSeconds += (days % 1) * 86400;
    days = Math.floor(days);
  }
  timeSeconds = Math.round(timeSeconds);
  const hours = Math.floor(timeSeconds / 3600);
  const minutes = Math.floor((timeSeconds % 3600) / 60);
  const seconds = timeSeconds % 60;
  let date = '';
  if (years) date += `${number(years)}Y`;
  if (months) date += `${number(months)}M`;
  if (weeks) date += `${number(weeks)}W`;
  if (days) date += `${number(days)}D`;
  let time = '';
  if (hours) time += `${hours}H`;
  if (minutes) time += `${minutes}M`;
  if (seconds) time += `${seconds}S`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

/** Reads a timex / ISO duration such as PT0.5H, P2W or P1DT1.5H into parts; undefined if it is not one. */
export function parseIsoDuration(text: string): DurationParts | undefined {
  const match =
    /^P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/.exec(
      text,
    );
  if (!match || text === 'P' || text === 'PT') return undefined;
  const read = (i: number): number | undefined =>
    match[i] === undefined ? undefined : Number(match[i]);
  return {
    years: read(1),
    months: read(2),
    weeks: read(3),
    days: read(4),
    hours: read(5),
    minutes: read(6),
    seconds: read(7),
  };
}
