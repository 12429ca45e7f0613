/** Highest, lowest and average over a spoken period: a sensor type at a station, and the players. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent, Slot } from '../../../domain/names';
import { impliedStatistic } from '../../../domain/spokenNames';
import { isStatistic, type Statistic } from '../../../domain/vocabulary';
import type { SensorStatistics } from '../../rollups/statistics';
import { answer } from '../answer';
import { askedPeriod } from '../request/period';
import { isIntent } from '../request/requests';
import { readSlot } from '../request/slots';
import { chooseSensorAtStation } from '../request/station';
import type { SkillDependencies } from '../services';
import type { Voice } from '../voice';

/** Decimals a statistic is said with: readings keep two, and "31.5" is said as it was measured. */
const DECIMALS = 2;

/**
 * The statistic the request asks for, or the question that asks which. Unsaid, it can be in the
 * sensor's word: "how cold did it get" asks for the lowest temperature (domain/spokenNames.ts).
 */
function askedStatistic(
  input: Parameters<RequestHandler['handle']>[0],
  voice: Voice,
): { statistic: Statistic } | { question: string } {
  const slot = readSlot(input, Slot.Statistic);
  if (slot.status === 'match' && isStatistic(slot.id)) return { statistic: slot.id };
  const sensor = readSlot(input, Slot.Sensor);
  if (slot.status === 'empty' && sensor.status === 'match') {
    const implied = impliedStatistic(voice.locale, sensor.spoken);
    if (implied) return { statistic: implied };
  }
  return { question: voice.t('statistics.missingStatistic') };
}

/** The figure of the sensor statistics a statistic names, with the window it is of (none for the average). */
function sensorFigure(
  stats: SensorStatistics,
  statistic: Statistic,
): { value: number; windowTime?: number } | undefined {
  if (statistic === 'avg')
    return stats.average === undefined ? undefined : { value: stats.average };
  const extreme = statistic === 'max' ? stats.highest : stats.lowest;
  return extreme && { value: extreme.value, windowTime: extreme.windowTime };
}

export function statisticsHandlers({
  statistics,
  catalog,
  config,
  now,
  voiceOf,
}: Pick<
  SkillDependencies,
  'statistics' | 'catalog' | 'config' | 'now' | 'voiceOf'
>): RequestHandler[] {
  const SensorStatistics: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.SensorStatistics),
    async handle(input) {
      const voice = voiceOf(input);
      const { t, number } = voice;

      const asked = askedStatistic(input, voice);
      if ('question' in asked) return answer(input, voice, { question: asked.question });
      const chosen = chooseSensorAtStation(input, voice, catalog);
      if ('question' in chosen) return answer(input, voice, { question: chosen.question });
      if ('notMeasured' in chosen) {
        return answer(input, voice, { sentences: [chosen.notMeasured], card: 'cards.statistics' });
      }
      const { sensor, station, words } = chosen;
      const period = askedPeriod(input, voice, {
        now: now(),
        timeZone: station.timeZone,
        retentionDays: config.retentionDays,
      });
      if (period.since === undefined) return answer(input, voice, { question: period.question });

      const stats = await statistics.sensorStatistics({
        stationId: station.id,
        sensor,
        since: period.since,
      });
      const capped = period.cappedNote === undefined ? [] : [period.cappedNote];
      const figure = sensorFigure(stats, asked.statistic);
      if (stats.windows === 0 || figure === undefined) {
        return answer(input, voice, {
          sentences: [...capped, t('statistics.sensorNone', { ...words, period: period.words })],
          card: 'cards.statistics',
        });
      }
      const sentence = t(`statistics.sensor.${asked.statistic}`, {
        ...words,
        period: period.words,
        value: number(figure.value, DECIMALS),
        count: stats.messageCount,
        n: number(stats.messageCount),
        ...(figure.windowTime !== undefined && {
          time: voice.clock(figure.windowTime, station.timeZone),
        }),
      });
      // Only an extreme can be off when windows kept no minimum and maximum; an average is exact.
      const caveat =
        asked.statistic !== 'avg' && stats.extremesFromAverages
          ? [t('statistics.fromAverages')]
          : [];
      return answer(input, voice, {
        sentences: [...capped, sentence, ...caveat],
        card: 'cards.statistics',
      });
    },
  };

  const PlayersStatistics: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.PlayersStatistics),
    async handle(input) {
      const voice = voiceOf(input);
      const { t, number } = voice;
      const asked = askedStatistic(input, voice);
      if ('question' in asked) return answer(input, voice, { question: asked.question });
      const period = askedPeriod(input, voice, {
        now: now(),
        timeZone: config.timeZone,
        retentionDays: config.retentionDays,
      });
      if (period.since === undefined) return answer(input, voice, { question: period.question });

      const stats = await statistics.playerStatistics({ since: period.since });
      const capped = period.cappedNote === undefined ? [] : [period.cappedNote];
      const figure =
        asked.statistic === 'avg'
          ? stats.average === undefined
            ? undefined
            : { value: Math.round(stats.average) }
          : asked.statistic === 'max'
            ? stats.peak
            : stats.low;
      if (stats.windows === 0 || figure === undefined) {
        return answer(input, voice, {
          sentences: [...capped, t('statistics.playersNone', { period: period.words })],
          card: 'cards.statistics',
        });
      }
      const sentence = t(`statistics.players.${asked.statistic}`, {
        period: period.words,
        count: figure.value,
        n: number(figure.value),
        ...('windowTime' in figure && { time: voice.clock(figure.windowTime) }),
      });
      return answer(input, voice, { sentences: [...capped, sentence], card: 'cards.statistics' });
    },
  };

  return [SensorStatistics, PlayersStatistics];
}
