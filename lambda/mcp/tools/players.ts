/** Players online now (total, by OS, by quadrant) and the player trend over a span: the skill's answers, as data. */
import { z } from 'zod';
import {
  OPERATING_SYSTEM_IDS,
  OPERATING_SYSTEMS,
  QUADRANTS,
  type OperatingSystem,
  type Quadrant,
} from '../../../domain/vocabulary';
import { windowAge } from '../../rollups/freshness';
import type { PlayerRollup } from '../../rollups/playerRollups';
import { DEFAULT_TREND_SECONDS, playerTrendOver } from '../../rollups/playerTrend';
import type { McpDependencies } from '../services';
import { age, change, iso, lastSpan, wholeSeconds } from '../text';
import { READS, tool, type Tool } from './define';

const count = z.number().int().nonnegative();

const playersNow = z.object({
  available: z.boolean().describe('False until the game has streamed any player events.'),
  windowTime: z.iso.datetime().optional().describe('The one-second window counted, UTC.'),
  ageSeconds: z.number().int().nonnegative().optional(),
  stale: z.boolean().optional().describe('No update for longer than the freshness threshold.'),
  total: count.optional().describe('Distinct players in the window.'),
  byOs: z
    .object(Object.fromEntries(OPERATING_SYSTEM_IDS.map((os) => [os, count])))
    .optional()
    .describe(`Players per operating system: ${OPERATING_SYSTEM_IDS.join(', ')}.`),
  byQuadrant: z
    .object(Object.fromEntries(QUADRANTS.map((quadrant) => [quadrant, count])))
    .optional()
    .describe('Players per map quadrant, A to D.'),
});

const trendOutput = z.object({
  available: z.boolean().describe('False when the span holds fewer than two windows of players.'),
  requestedMinutes: z.number(),
  minutes: z.number().describe('The span covered: the one asked for, at most the longest allowed.'),
  capped: z.boolean().describe('More was asked than the longest span allowed.'),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  windows: count.describe('Seconds in the span with player numbers.'),
  first: count.optional(),
  last: count.optional(),
  min: count.optional(),
  max: count.optional(),
  average: z.number().optional(),
  changePercent: z
    .number()
    .nullable()
    .optional()
    .describe('Change from first to last in percent; null when it started from zero.'),
});

function breakdown<K extends string>(names: readonly K[], counts: Readonly<Record<K, number>>) {
  return Object.fromEntries(names.map((name) => [name, counts[name]])) as Record<K, number>;
}

function parts<K extends string>(
  names: readonly K[],
  counts: Readonly<Record<K, number>>,
  label: (name: K) => string,
): string {
  const nonZero = names.filter((name) => counts[name] > 0);
  return nonZero.length === 0 ? 'none' : nonZero.map((n) => `${label(n)} ${counts[n]}`).join(', ');
}

function playersText(rollup: PlayerRollup, stale: boolean, ageMs: number): string {
  const players = `${rollup.userCount} player${rollup.userCount === 1 ? '' : 's'}`;
  const head = stale
    ? `No player update for ${age(ageMs)}: at ${iso(rollup.windowTime)}, ${players} ${rollup.userCount === 1 ? 'was' : 'were'} online.`
    : `${players} online now (window ${iso(rollup.windowTime)}).`;
  const os = parts<OperatingSystem>(OPERATING_SYSTEM_IDS, rollup.byOs, (o) => OPERATING_SYSTEMS[o]);
  const quadrants = parts<Quadrant>(QUADRANTS, rollup.byQuadrant, (q) => q);
  return `${head} By system: ${os}. By quadrant: ${quadrants}.`;
}

export function playerTools({ players, config, now }: McpDependencies): Tool[] {
  const playersOnline = tool({
    name: 'players_online',
    title: 'Players online now',
    description:
      'How many players are online in the game right now: the latest one-second window, its total, ' +
      'and the players per operating system and per map quadrant. Says when the data is old.',
    input: z.object({}).strict(),
    output: playersNow,
    annotations: READS,
    async run() {
      const rollup = await players.latestPlayerRollup();
      if (!rollup) {
        return {
          structured: { available: false },
          text: 'No player numbers yet: they arrive once the game streams its events.',
        };
      }
      const { ageMs, stale } = windowAge(rollup.windowTime, now(), config.userRollupStaleSeconds);
      return {
        structured: {
          available: true,
          windowTime: iso(rollup.windowTime),
          ageSeconds: wholeSeconds(ageMs),
          stale,
          total: rollup.userCount,
          byOs: breakdown(OPERATING_SYSTEM_IDS, rollup.byOs),
          byQuadrant: breakdown(QUADRANTS, rollup.byQuadrant),
        },
        text: playersText(rollup, stale, ageMs),
      };
    },
  });

  const maxMinutes = config.trendMaxMinutes;
  const playerTrend = tool({
    name: 'player_trend',
    title: 'Player trend',
    description:
      `How the number of players online changed over the last minutes: change in percent from the ` +
      `first second to the last, low, high and average. Up to ${maxMinutes} minutes; a longer span is ` +
      `cut to ${maxMinutes} and says so.`,
    input: z
      .object({
        minutes: z
          .number()
          .positive('minutes must be more than 0')
          .default(DEFAULT_TREND_SECONDS / 60)
          .describe(`How far back to look, in minutes (default 10, at most ${maxMinutes}).`),
      })
      .strict(),
    output: trendOutput,
    annotations: READS,
    async run({ minutes }) {
      const nowMs = now();
      const asked = Math.max(1, Math.round(minutes * 60));
      const span = await playerTrendOver(players, asked, maxMinutes * 60, nowMs);
      const covered = span.seconds / 60;
      const base = {
        requestedMinutes: minutes,
        minutes: covered,
        capped: span.capped,
        from: iso(span.fromMs),
        to: iso(nowMs),
        windows: span.windows,
      };
      const note = span.capped ? `Cut to the longest span allowed, ${maxMinutes} minutes. ` : '';
      const over = lastSpan(span.seconds);
      const { trend } = span;
      if (!trend) {
        return {
          structured: { ...base, available: false },
          text: `${note}Not enough player numbers from ${over} to tell a trend.`,
        };
      }
      const changed =
        trend.changePercent === undefined
          ? trend.last === 0
            ? 'held steady at 0'
            : `went from 0 to ${trend.last}`
          : Math.round(trend.changePercent) === 0
            ? `held steady at ${trend.last}`
            : `went ${change(trend.changePercent)}, from ${trend.first} to ${trend.last}`;
      return {
        structured: {
          ...base,
          available: true,
          first: trend.first,
          last: trend.last,
          min: trend.min,
          max: trend.max,
          average: trend.average,
          changePercent: trend.changePercent ?? null,
        },
        text:
          `${note}Over ${over}, the number of players ${changed}. ` +
          `Low ${trend.min}, high ${trend.max}, average ${Math.round(trend.average)}.`,
      };
    },
  });

  return [playersOnline, playerTrend];
}
