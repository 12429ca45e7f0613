/**
 * Statistics of the rollups kept, as the skill speaks them: the highest, lowest and average of a
 * sensor type at a station over a period, the players' peak and low, and whether the latest value
 * is usual for the hour of day. Alerts are not here: they belong to an Alexa user, whom an MCP
 * client's token does not name (README, "MCP server").
 */
import { z } from 'zod';
import type { Station } from '../../../domain/catalog';
import { durationSeconds } from '../../../domain/durations';
import { SENSOR_QUANTITIES, SENSOR_TYPES, type SensorType } from '../../../domain/vocabulary';
import { startOfLocalDay } from '../../rollups/statistics';
import { DEFAULT_USUAL_SETTINGS, type UsualRange, type UsualVerdict } from '../../rollups/usual';
import { ToolInputError } from '../errors';
import type { McpDependencies } from '../services';
import { findStation, stationArgument, stationRef, stationRefSchema } from '../stations';
import { iso, lastSpan, reading } from '../text';
import { READS, tool, type Tool } from './define';

const sensorType = z.enum(SENSOR_TYPES);

/** The period arguments every statistics tool takes: a duration back from now, or today. */
const periodInput = {
  period: z
    .string()
    .min(1)
    .default('PT1H')
    .describe(
      'How far back from now, as an ISO 8601 duration: "PT1H" (the default), "PT30M", "P1D". ' +
        'At most the days rollups are kept.',
    ),
  today: z
    .boolean()
    .default(false)
    .describe(
      "true: since midnight today instead of `period` (the station's own time zone; for players, Pulse's).",
    ),
};

const timed = z.object({ value: z.number(), at: z.iso.datetime() });

const periodOutput = {
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  timeZone: z.string().describe('The IANA zone "today" and hours of day are in.'),
  windows: z
    .number()
    .int()
    .nonnegative()
    .describe('Windows with values in the period; 0 when there were none.'),
};

const usualOutput = z.object({
  known: z.boolean().describe('False when the earlier days hold too little of this hour.'),
  hour: z.number().int().min(0).max(23).describe('The hour of day, in timeZone.'),
  timeZone: z.string(),
  days: z.number().int().nonnegative().describe('Earlier days with values in the hour.'),
  samples: z.number().int().nonnegative(),
  low: z.number().optional().describe('The 10th percentile of the hour on the earlier days.'),
  high: z.number().optional().describe('The 90th percentile.'),
});

/** The period asked for, as epoch milliseconds and in words. */
function periodOf(
  args: { period: string; today: boolean },
  nowMs: number,
  timeZone: string,
): { since: number; said: string } {
  if (args.today) return { since: startOfLocalDay(nowMs, timeZone), said: 'today' };
  const seconds = durationSeconds(args.period);
  if (seconds === undefined)
    throw new ToolInputError(
      `period must be an ISO 8601 duration such as PT1H, PT30M or P1D, not ${JSON.stringify(args.period)}.`,
    );
  return { since: nowMs - seconds * 1000, said: lastSpan(seconds) };
}

/** "10:42 UTC": a clock time in a zone, for the text. */
function clock(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(epochMs);
}

function usualOf(range: UsualRange): z.infer<typeof usualOutput> {
  const { known, hour, timeZone, days, samples } = range;
  return {
    known,
    hour,
    timeZone,
    days,
    samples,
    ...(range.known ? { low: range.low, high: range.high } : {}),
  };
}

/** "10:00–11:00 Europe/Berlin". */
function hourOf(range: UsualRange): string {
  const pad = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  return `${pad(range.hour)}–${pad(range.hour + 1)} ${range.timeZone}`;
}

function verdictText(verdict: UsualVerdict, range: UsualRange, unit: string): string {
  if (!range.known) {
    return (
      `Not enough history to say what is usual for ${hourOf(range)}: ${range.days} earlier ` +
      `day${range.days === 1 ? '' : 's'} with values (${DEFAULT_USUAL_SETTINGS.minDays} needed) and ` +
      `${range.samples} values (${DEFAULT_USUAL_SETTINGS.minSamples} needed).`
    );
  }
  const span = `${reading(range.low)} to ${reading(range.high)}${unit}`;
  const where =
    verdict === 'within'
      ? 'within'
      : verdict === 'above'
        ? 'unusually high: above'
        : 'unusually low: below';
  return `That is ${where} the usual ${span} for ${hourOf(range)} (${range.days} earlier days).`;
}

/** The sensor types a station measures. */
function measured(station: Station): SensorType[] {
  return SENSOR_TYPES.filter((type) => station.sensors.some((sensor) => sensor.type === type));
}

function checkMeasures(station: Station, sensor: SensorType): void {
  if (!measured(station).includes(sensor))
    throw new ToolInputError(
      `${stationRef(station).name} does not measure ${SENSOR_QUANTITIES[sensor].quantity} (${sensor}); it measures ${measured(station).join(', ')}.`,
    );
}

export function statisticsTools({
  catalog,
  statistics,
  playersTimeZone,
  now,
}: McpDependencies): Tool[] {
  const sensorStatistics = tool({
    name: 'sensor_statistics',
    title: 'Sensor statistics over a period',
    description:
      'The highest, lowest and average of one sensor type at a station over a period back from now ' +
      '(an ISO 8601 duration, default one hour) or today: each extreme with when it was seen and ' +
      'which sensor saw it, the average of every reading, and the latest window. ' +
      'extremesFromAverages is true when some windows kept no minimum and maximum (rollups of the ' +
      'SQL apps), so the extremes are of the minute averages and the true ones may lie further out.',
    input: z
      .object({
        station: stationArgument,
        sensor: sensorType.describe(
          `The sensor type: ${SENSOR_TYPES.map((t) => `${t} (${SENSOR_QUANTITIES[t].quantity})`).join(', ')}.`,
        ),
        ...periodInput,
      })
      .strict(),
    output: z.object({
      station: stationRefSchema,
      sensor: sensorType,
      quantity: z.string(),
      unit: z.string(),
      ...periodOutput,
      messageCount: z.number().int().nonnegative(),
      highest: timed.extend({ sensorId: z.string() }).optional(),
      lowest: timed.extend({ sensorId: z.string() }).optional(),
      average: z.number().optional().describe('Every reading in the period, weighted by messages.'),
      latest: timed.optional().describe("The newest window's average."),
      extremesFromAverages: z.boolean(),
    }),
    annotations: READS,
    async run(args) {
      const station = findStation(catalog, args.station);
      checkMeasures(station, args.sensor);
      const nowMs = now();
      const { since, said } = periodOf(args, nowMs, station.timeZone);
      const stats = await statistics.sensorStatistics({
        stationId: station.id,
        sensor: args.sensor,
        since,
        until: nowMs,
      });
      const { quantity, unit } = SENSOR_QUANTITIES[args.sensor];
      const ref = stationRef(station);
      const structured = {
        station: ref,
        sensor: args.sensor,
        quantity,
        unit,
        from: iso(stats.since),
        to: iso(stats.until),
        timeZone: stats.timeZone,
        windows: stats.windows,
        messageCount: stats.messageCount,
        ...(stats.highest && {
          highest: {
            value: stats.highest.value,
            at: iso(stats.highest.windowTime),
            sensorId: stats.highest.sensorId,
          },
        }),
        ...(stats.lowest && {
          lowest: {
            value: stats.lowest.value,
            at: iso(stats.lowest.windowTime),
            sensorId: stats.lowest.sensorId,
          },
        }),
        ...(stats.average !== undefined && { average: stats.average }),
        ...(stats.latest && {
          latest: { value: stats.latest.value, at: iso(stats.latest.windowTime) },
        }),
        extremesFromAverages: stats.extremesFromAverages,
      };
      const what = `${quantity[0]!.toUpperCase()}${quantity.slice(1)} at ${ref.name}`;
      if (!stats.highest || !stats.lowest || stats.average === undefined) {
        return { structured, text: `No ${quantity} readings at ${ref.name} from ${said}.` };
      }
      const at = (ms: number) => clock(ms, station.timeZone);
      return {
        structured,
        text:
          `${what}, ${said} (${structured.from} to ${structured.to}): ` +
          `highest ${reading(stats.highest.value)} ${unit} at ${at(stats.highest.windowTime)}, ` +
          `lowest ${reading(stats.lowest.value)} ${unit} at ${at(stats.lowest.windowTime)}, ` +
          `average ${reading(stats.average)} ${unit}, over ${stats.windows} minute window${stats.windows === 1 ? '' : 's'}.` +
          (stats.extremesFromAverages
            ? ' The highest and lowest are of the minute averages: some windows kept no minimum and maximum.'
            : ''),
      };
    },
  });

  const playerStatistics = tool({
    name: 'player_statistics',
    title: 'Player statistics over a period',
    description:
      'The most and fewest players online in one second over a period back from now (an ISO 8601 ' +
      'duration, default one hour) or today, each with when, the average, and the latest count.',
    input: z.object(periodInput).strict(),
    output: z.object({
      ...periodOutput,
      peak: timed.optional().describe('The most players online in one second (the first such).'),
      low: timed.optional(),
      average: z.number().optional(),
      latest: timed.optional(),
    }),
    annotations: READS,
    async run(args) {
      const nowMs = now();
      const { since, said } = periodOf(args, nowMs, playersTimeZone);
      const stats = await statistics.playerStatistics({ since, until: nowMs });
      const timedOf = (value: { value: number; windowTime: number } | undefined) =>
        value && { value: value.value, at: iso(value.windowTime) };
      const structured = {
        from: iso(stats.since),
        to: iso(stats.until),
        timeZone: playersTimeZone,
        windows: stats.windows,
        ...(stats.peak && { peak: timedOf(stats.peak)! }),
        ...(stats.low && { low: timedOf(stats.low)! }),
        ...(stats.average !== undefined && { average: stats.average }),
        ...(stats.latest && { latest: timedOf(stats.latest)! }),
      };
      if (!stats.peak || !stats.low || stats.average === undefined)
        return { structured, text: `No player numbers from ${said}.` };
      const at = (ms: number) => clock(ms, playersTimeZone);
      return {
        structured,
        text:
          `Players online, ${said} (${structured.from} to ${structured.to}): ` +
          `peak ${stats.peak.value} at ${at(stats.peak.windowTime)}, ` +
          `low ${stats.low.value} at ${at(stats.low.windowTime)}, ` +
          `average ${Math.round(stats.average)}, over ${stats.windows} second${stats.windows === 1 ? '' : 's'} counted.`,
      };
    },
  });

  const usualRange = tool({
    name: 'usual_range',
    title: 'What is usual now',
    description:
      'Whether the latest value is usual for this hour of day: the range the same hour kept to on ' +
      'the earlier days the rollups hold (10th to 90th percentile), and where the latest value lies ' +
      '(below, within, above, or unknown without enough history). For a sensor type at a station ' +
      '(its hours in its own time zone), or, with no station, for the players online.',
    input: z
      .object({
        station: stationArgument
          .optional()
          .describe('The station (id or name); leave out, with sensor, for the players online.'),
        sensor: sensorType
          .optional()
          .describe('The sensor type at the station; required with a station.'),
      })
      .strict(),
    output: z.object({
      subject: z.enum(['players', 'sensor']),
      station: stationRefSchema.optional(),
      sensor: sensorType.optional(),
      unit: z.string().optional(),
      latest: timed.optional().describe('The latest value: a window average, or players online.'),
      usual: usualOutput,
      verdict: z.enum(['below', 'within', 'above', 'unknown']),
    }),
    annotations: READS,
    async run(args) {
      if (args.station === undefined) {
        if (args.sensor !== undefined)
          throw new ToolInputError(
            'A sensor type needs a station: name the station, or leave both out for the players.',
          );
        const { latest, usual, verdict } = await statistics.playersAgainstUsual({
          timeZone: playersTimeZone,
        });
        return {
          structured: {
            subject: 'players' as const,
            ...(latest && { latest: { value: latest.userCount, at: iso(latest.windowTime) } }),
            usual: usualOf(usual),
            verdict,
          },
          text: latest
            ? `${latest.userCount} players online (${iso(latest.windowTime)}). ${verdictText(verdict, usual, '')}`
            : `No player numbers yet. ${verdictText(verdict, usual, '')}`,
        };
      }
      const station = findStation(catalog, args.station);
      if (args.sensor === undefined)
        throw new ToolInputError(
          `Name the sensor type at ${stationRef(station).name}: ${measured(station).join(', ')}.`,
        );
      checkMeasures(station, args.sensor);
      const { latest, usual, verdict } = await statistics.sensorAgainstUsual({
        stationId: station.id,
        sensor: args.sensor,
      });
      const { quantity, unit } = SENSOR_QUANTITIES[args.sensor];
      const ref = stationRef(station);
      return {
        structured: {
          subject: 'sensor' as const,
          station: ref,
          sensor: args.sensor,
          unit,
          ...(latest && { latest: { value: latest.average, at: iso(latest.windowTime) } }),
          usual: usualOf(usual),
          verdict,
        },
        text: latest
          ? `${quantity[0]!.toUpperCase()}${quantity.slice(1)} at ${ref.name}: ${reading(latest.average)} ${unit} (window ${iso(latest.windowTime)}). ${verdictText(verdict, usual, ` ${unit}`)}`
          : `No ${quantity} readings at ${ref.name} yet. ${verdictText(verdict, usual, ` ${unit}`)}`,
      };
    },
  });

  return [sensorStatistics, playerStatistics, usualRange];
}
