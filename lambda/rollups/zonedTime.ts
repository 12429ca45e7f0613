/** Wall-clock time in a station's time zone: the hour of day, local midnight, the same hour on earlier days (DST-aware, through Intl). */

export interface WallClock {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  /** 0–23. */
  readonly hour: number;
  readonly minute: number;
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone (numeric date, 24-hour time to the minute), made once: Intl's are slow to make. */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Throws RangeError for a zone Intl does not know: the caller's input, said as it is.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall clock in `timeZone` at the instant `ms`. */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour! % 24,
    minute: fields.minute!,
  };
}

/** How far the zone's wall clock is ahead of UTC at `ms`, in milliseconds (minutes precision). */
function offsetAt(ms: number, timeZone: string): number {
  const wall = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

function sameClock(a: WallClock, b: WallClock): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute
  );
}

/**
 * The instant the zone's wall clock shows `wall`; undefined when it never does (the hour skipped
 * when clocks go forward). When it shows it twice (clocks going back), the earlier of the two.
 */
export function instantOf(wall: WallClock, timeZone: string): number | undefined {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The two offsets around the time; the earlier instant that fits wins.
  const candidates = [
    ...new Set([
      offsetAt(asUtc - 12 * HOUR_MS, timeZone),
      offsetAt(asUtc + 12 * HOUR_MS, timeZone),
    ]),
  ]
    .map((offset) => asUtc - offset)
    .sort((a, b) => a - b);
  // Normalised, so that a wall clock given as day 0 or hour 24 is read as the calendar would.
  const wanted = wallClockAt(asUtc, 'UTC');
  return candidates.find((instant) => sameClock(wallClockAt(instant, timeZone), wanted));
}

/** The instant the local day holding `ms` began in `timeZone` (its midnight, or its first hour where midnight was skipped). */
export function startOfLocalDay(ms: number, timeZone: string): number {
  const { year, month, day } = wallClockAt(ms, timeZone);
  for (let hour = 0; hour < 24; hour++) {
    const instant = instantOf({ year, month, day, hour, minute: 0 }, timeZone);
    if (instant !== undefined) return instant;
  }
  // Unreachable for any real zone: no day lacks every hour.
  return ms - (ms % 86_400_000);
}

/**
 * The hour of day `hour` on the local day `daysBefore` days before the one holding `ms`, as
 * [start, end) instants; undefined when that day had no such hour (clocks went forward through it).
 */
export function localHourOnDayBefore(
  ms: number,
  timeZone: string,
  hour: number,
  daysBefore: number,
): [number, number] | undefined {
  const today = wallClockAt(ms, timeZone);
  // Calendar arithmetic in UTC, where every day has 24 hours.
  const date = new Date(Date.UTC(today.year, today.month - 1, today.day - daysBefore));
  const wall = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour,
    minute: 0,
  };
  const start = instantOf(wall, timeZone);
  return start === undefined ? undefined : [start, start + HOUR_MS];
}
