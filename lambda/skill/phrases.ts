/** What more than one topic says: how fresh the data is, and the headline number of players online. */
import { windowAge } from '../rollups/freshness';
import type { PlayerCount } from '../rollups/playerRollups';
import type { Voice } from './voice';

/** How old the data an answer comes from is, in words, and whether that is too old to go unsaid. */
export interface Freshness {
  readonly stale: boolean;
  /** "5 minutes" */
  readonly age: string;
  /** The window's clock time: "10:42 AM". */
  readonly time: string;
}

/** Data from the window at `windowTime`, heard at `now`, is stale after `staleSeconds`; its time is said in `timeZone`. */
export function freshness(
  voice: Voice,
  windowTime: number,
  now: number,
  staleSeconds: number,
  timeZone?: string,
): Freshness {
  const { ageMs, stale } = windowAge(windowTime, now, staleSeconds);
  // Worded only when said: fresh data goes without its time, and the first clock time a process
  // formats loads ICU's date patterns (about 12 ms of a cold start).
  return {
    stale,
    get age() {
      return voice.age(ageMs);
    },
    get time() {
      return voice.clock(windowTime, timeZone);
    },
  };
}

/** "I haven't had an update for 5 minutes. As of 10:42:" ahead of an answer from stale data; nothing when it is fresh. */
export function stalePrefix(voice: Voice, fresh: Freshness): string[] {
  return fresh.stale ? [voice.t('stale.prefix', { age: fresh.age, time: fresh.time })] : [];
}

/** The players online now, as the launch greets with it or as an answer leads with it. */
export function playersHeadline(
  voice: Voice,
  rollup: PlayerCount,
  fresh: Freshness,
  as: 'greeting' | 'answer',
): string {
  const { stale } = fresh;
  const values = {
    count: rollup.userCount,
    n: voice.number(rollup.userCount),
    ...(stale ? { age: fresh.age, time: fresh.time } : {}),
  };
  if (as === 'greeting') return voice.t(stale ? 'launch.headlineStale' : 'launch.headline', values);
  return voice.t(stale ? 'players.totalStale' : 'players.total', values);
}
