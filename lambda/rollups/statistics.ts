/**
 * Statistics of the rollups kept, for every way in (the skill, the MCP server): the highest,
 * lowest and average of a sensor type at a station over a period, the players' peak and low, and
 * what is usual for the hour of day. Every read goes through the rollup readers, which merge the
 * shards' partials and give up at the dependency deadline.
 */
import type { Station, StationCatalog } from '../../domain/catalog';
import type { SensorType } from '../../domain/vocabulary';
import { inPool } from '../aws/pool';
import { InvalidPeriodError, UnknownStationError } from './errors';
import type { PlayerCount, PlayerRollupReader } from './playerRollups';
import type { SensorWindow } from './sensorRollupMerge';
import type { SensorRollupReader } from './sensorRollups';
import {
  DEFAULT_USUAL_SETTINGS,
  usualRangeOf,
  usualVerdict,
  type UsualRange,
  type UsualSettings,
  type UsualVerdict,
} from './usual';
import { localHourOnDayBefore, startOfLocalDay, wallClockAt } from './zonedTime';

const DAY_MS = 86_400_000;

/** A period, epoch milliseconds; `until` is now when absent. Both ends are included. */
export interface PeriodQuery {
  readonly since: number;
  readonly until?: number;
}

export interface SensorStatisticsQuery extends PeriodQuery {
  readonly stationId: string;
  readonly sensor: SensorType;
}

/** A value and the window it was seen in (epoch milliseconds: a sensor window's end, a player window's second). */
export interface TimedValue {
  readonly value: number;
  readonly windowTime: number;
}

export interface SensorStatistics {
  readonly stationId: string;
  readonly sensor: SensorType;
  readonly since: number;
  readonly until: number;
  /** The station's IANA time zone, in which its times and its "today" are said. */
  readonly timeZone: string;
  /** Windows with readings in the period; 0 when there were none, and then nothing below is set. */
  readonly windows: number;
  readonly messageCount: number;
  /** The highest value a sensor of the type saw, when, and which sensor. */
  readonly highest?: TimedValue & { readonly sensorId: string };
  readonly lowest?: TimedValue & { readonly sensorId: string };
  /** The mean of every reading in the period: the windows' averages weighted by their messages. */
  readonly average?: number;
  /** The newest window's average. */
  readonly latest?: TimedValue;
  /**
   * True when some window kept no minimum and maximum (the SQL apps' records, which persist
   * stores, carry none): its average stood in, so the true extremes may lie further out. A voice
   * says so ("of the minute averages").
   */
  readonly extremesFromAverages: boolean;
}

export interface PlayerStatistics {
  readonly since: number;
  readonly until: number;
  /** One-second windows with players counted in the period; 0 when there were none. */
  readonly windows: number;
  /** The most players online in one second, and when (the first such second). */
  readonly peak?: TimedValue;
  /** The fewest, and when (the first such second). */
  readonly low?: TimedValue;
  /** The mean over the windows counted. */
  readonly average?: number;
  readonly latest?: TimedValue;
}

export interface UsualSensorQuery {
  readonly stationId: string;
  readonly sensor: SensorType;
  /** The instant whose hour of day is asked about; now when absent. */
  readonly at?: number;
}

export interface UsualPlayersQuery {
  /** The zone whose hour of day counts (the skill's PULSE_TIME_ZONE). */
  readonly timeZone: string;
  readonly at?: number;
}

/** The latest value beside what is usual for its hour. */
export interface AgainstUsual<Latest> {
  readonly latest: Latest | undefined;
  readonly usual: UsualRange;
  /** Where the latest value lies; 'unknown' without a latest value or a known range. */
  readonly verdict: UsualVerdict;
}

export interface RollupStatistics {
  sensorStatistics(query: SensorStatisticsQuery): Promise<SensorStatistics>;
  playerStatistics(query: PeriodQuery): Promise<PlayerStatistics>;
  /** The usual range of the station's sensor type at the hour of day of `at` (station time). */
  usualSensorRange(query: UsualSensorQuery): Promise<UsualRange>;
  /** The usual number of players at the hour of day of `at` in `timeZone`. */
  usualPlayerRange(query: UsualPlayersQuery): Promise<UsualRange>;
  /** The station's latest window of the type, and whether it is outside what is usual for the hour. */
  sensorAgainstUsual(query: Omit<UsualSensorQuery, 'at'>): Promise<AgainstUsual<SensorWindow>>;
  /** The latest players online, and whether the count is unusually high or low for the hour. */
  playersAgainstUsual(query: Omit<UsualPlayersQuery, 'at'>): Promise<AgainstUsual<PlayerCount>>;
  /** The station's time zone: its "today" starts at `startOfLocalDay(now, timeZone)`. */
  stationTimeZone(stationId: string): string;
}

export interface StatisticsOptions {
  readonly sensors: SensorRollupReader;
  readonly players: PlayerRollupReader;
  readonly catalog: StationCatalog;
  /** How long rollups are kept: the longest period, and how many earlier days "usual" looks at. */
  readonly retentionDays: number;
  readonly usual?: UsualSettings;
  readonly now?: () => number;
}

/** Reads of the earlier days of a usual range in flight at once: a week is one round. */
const USUAL_READS_IN_FLIGHT = 8;

/** The statistics of a station's windows over a period (pure: the windows are read already). */
export function sensorStatisticsOf(
  windows: readonly SensorWindow[],
  context: Pick<SensorStatistics, 'stationId' | 'sensor' | 'since' | 'until' | 'timeZone'>,
): SensorStatistics {
  let messages = 0;
  let weighted = 0;
  let fromAverages = false;
  let highest: SensorStatistics['highest'];
  let lowest: SensorStatistics['lowest'];
  for (const window of windows) {
    messages += window.messageCount;
    weighted += window.average * window.messageCount;
    if (window.extremesFromAverages) fromAverages = true;
    if (highest === undefined || window.highest.value > highest.value)
      highest = { ...window.highest, windowTime: window.windowTime };
    if (lowest === undefined || window.lowest.value < lowest.value)
      lowest = { ...window.lowest, windowTime: window.windowTime };
  }
  const newest = windows.at(-1);
  return {
    ...context,
    windows: windows.length,
    messageCount: messages,
    ...(highest && { highest }),
    ...(lowest && { lowest }),
    ...(messages > 0 && { average: weighted / messages }),
    ...(newest && { latest: { value: newest.average, windowTime: newest.windowTime } }),
    extremesFromAverages: fromAverages,
  };
}

/** The statistics of the players' windows over a period (pure). */
export function playerStatisticsOf(
  counts: readonly PlayerCount[],
  period: Pick<PlayerStatistics, 'since' | 'until'>,
): PlayerStatistics {
  let peak: TimedValue | undefined;
  let low: TimedValue | undefined;
  let total = 0;
  for (const { windowTime, userCount } of counts) {
    total += userCount;
    if (peak === undefined || userCount > peak.value) peak = { value: userCount, windowTime };
    if (low === undefined || userCount < low.value) low = { value: userCount, windowTime };
  }
  const newest = counts.at(-1);
  return {
    ...period,
    windows: counts.length,
    ...(peak && { peak }),
    ...(low && { low }),
    ...(counts.length > 0 && { average: total / counts.length }),
    ...(newest && { latest: { value: newest.userCount, windowTime: newest.windowTime } }),
  };
}

export function rollupStatistics(options: StatisticsOptions): RollupStatistics {
  const { sensors, players, catalog, retentionDays } = options;
  const now = options.now ?? Date.now;
  const settings = options.usual ?? DEFAULT_USUAL_SETTINGS;

  function stationOf(stationId: string): Station {
    const station = catalog.byId(stationId);
    if (!station)
      throw new UnknownStationError(`no station ${JSON.stringify(stationId)} in the catalog`);
    return station;
  }

  function period({ since, until }: PeriodQuery): { since: number; until: number } {
    const end = until ?? now();
    if (!Number.isFinite(since) || !Number.isFinite(end))
      throw new InvalidPeriodError('not-a-time', `the period ${since} to ${end} is not two times`);
    if (since > end)
      throw new InvalidPeriodError(
        'reversed',
        `the period starts (${new Date(since).toISOString()}) after it ends (${new Date(end).toISOString()})`,
      );
    // A day's grace: "since yesterday morning" on the last day of the retention still fits.
    if (end - since > (retentionDays + 1) * DAY_MS)
      throw new InvalidPeriodError(
        'too-long',
        `the period is longer than the ${retentionDays} days rollups are kept`,
      );
    return { since, until: end };
  }

  /** The hour's values on each of the earlier days the rollups keep, read in parallel. */
  async function earlierHours(
    at: number,
    timeZone: string,
    read: (start: number, endInclusive: number) => Promise<number[]>,
  ): Promise<UsualRange> {
    const { hour } = wallClockAt(at, timeZone);
    const days = Array.from({ length: Math.ceil(retentionDays) }, (_, i) => i + 1);
    const valuesByDay = await inPool(days, USUAL_READS_IN_FLIGHT, async (daysBefore) => {
      const range = localHourOnDayBefore(at, timeZone, hour, daysBefore);
      return range ? read(range[0], range[1] - 1) : [];
    });
    return usualRangeOf(valuesByDay, { hour, timeZone }, settings);
  }

  const service: RollupStatistics = {
    async sensorStatistics(query) {
      const { timeZone } = stationOf(query.stationId);
      const { since, until } = period(query);
      const windows = await sensors.sensorWindowsBetween(
        query.stationId,
        query.sensor,
        since,
        until,
      );
      return sensorStatisticsOf(windows, {
        stationId: query.stationId,
        sensor: query.sensor,
        since,
        until,
        timeZone,
      });
    },

    async playerStatistics(query) {
      const { since, until } = period(query);
      return playerStatisticsOf(await players.playerCountsBetween(since, until), { since, until });
    },

    async usualSensorRange({ stationId, sensor, at }) {
      const { timeZone } = stationOf(stationId);
      return earlierHours(at ?? now(), timeZone, async (start, end) =>
        (await sensors.sensorWindowsBetween(stationId, sensor, start, end)).map((w) => w.average),
      );
    },

    async usualPlayerRange({ timeZone, at }) {
      // Checked before any read: a bad zone is the caller's, not the table's.
      wallClockAt(0, timeZone);
      return earlierHours(at ?? now(), timeZone, async (start, end) =>
        (await players.playerCountsBetween(start, end)).map((count) => count.userCount),
      );
    },

    async sensorAgainstUsual({ stationId, sensor }) {
      const station = stationOf(stationId);
      const expected = catalog.sensorsOfType(station, sensor).length;
      const [latest, usualNow] = await Promise.all([
        sensors.latestSensorWindow(stationId, sensor, expected),
        service.usualSensorRange({ stationId, sensor, at: now() }),
      ]);
      // The range of the latest window's own hour, which an old window may not share with now.
      const usual =
        latest && wallClockAt(latest.windowTime, station.timeZone).hour !== usualNow.hour
          ? await service.usualSensorRange({ stationId, sensor, at: latest.windowTime })
          : usualNow;
      return {
        latest,
        usual,
        verdict: latest ? usualVerdict(latest.average, usual) : 'unknown',
      };
    },

    async playersAgainstUsual({ timeZone }) {
      const [latest, usualNow] = await Promise.all([
        players.latestPlayerCount(),
        service.usualPlayerRange({ timeZone, at: now() }),
      ]);
      const usual =
        latest && wallClockAt(latest.windowTime, timeZone).hour !== usualNow.hour
          ? await service.usualPlayerRange({ timeZone, at: latest.windowTime })
          : usualNow;
      return {
        latest: latest && { windowTime: latest.windowTime, userCount: latest.userCount },
        usual,
        verdict: latest ? usualVerdict(latest.userCount, usual) : 'unknown',
      };
    },

    stationTimeZone(stationId) {
      return stationOf(stationId).timeZone;
    },
  };
  return service;
}

export { startOfLocalDay };
