/** Local clock time in an IANA time zone, which the daily rhythms of players and weather follow. */
import { zoneFormatter } from '../../lambda/rollups/zonedTime';

// Bound once per module: under jest's sandbox every lookup of the Math global is slow, and the
// simulation makes millions of these calls when a test runs through a day.
const { floor, round } = Math;

export interface LocalTime {
  /** Hours since local midnight, with fractions: 19.5 is half past seven in the evening. */
  readonly hourOfDay: number;
  /** 0 on 1 January; the seasonal temperature cycle runs on it. */
  readonly dayOfYear: number;
}

// Formatting is the slow part and every sensor asks every second; the offset only changes at minute
// boundaries (even for zones with odd offsets), so one lookup per zone and minute is exact.
const minuteCache = new Map<string, { minute: number; hour: number; dayOfYear: number }>();

export function localTime(epochSeconds: number, timeZone: string): LocalTime {
  const minute = floor(epochSeconds / 60);
  let cached = minuteCache.get(timeZone);
  if (cached === undefined || cached.minute !== minute) {
    const parts = zoneFormatter(timeZone).formatToParts(new Date(minute * 60_000));
    const part = (type: Intl.DateTimeFormatPartTypes): number =>
      Number(parts.find((p) => p.type === type)?.value);
    const year = part('year');
    const dayOfYear = round(
      (Date.UTC(year, part('month') - 1, part('day')) - Date.UTC(year, 0, 1)) / 86_400_000,
    );
    cached = { minute, hour: part('hour') + part('minute') / 60, dayOfYear };
    minuteCache.set(timeZone, cached);
  }
  const secondsIntoMinute = epochSeconds - minute * 60;
  return { hourOfDay: cached.hour + secondsIntoMinute / 3600, dayOfYear: cached.dayOfYear };
}
