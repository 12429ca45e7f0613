/** The player trend over a spoken duration: change in percent, low, high and average. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent, Slot } from '../../../domain/names';
import { DEFAULT_TREND_SECONDS, playerTrendOver, type Trend } from '../../rollups/playerTrend';
import { answer } from '../answer';
import { durationSeconds } from '../../../domain/durations';
import { isIntent } from '../request/requests';
import { rawSlotValue } from '../request/slots';
import type { SkillDependencies } from '../services';
import type { Voice } from '../voice';

/** "Over the last 10 minutes, the number of players went up 20 percent, from 80 to 96." */
function change(voice: Voice, trend: Trend, span: string): string {
  const { t, number } = voice;
  const values = { span, first: number(trend.first), last: number(trend.last) };
  if (trend.changePercent === undefined) {
    return trend.last === 0 ? t('trend.flat', values) : t('trend.fromZero', values);
  }
  const percent = Math.round(Math.abs(trend.changePercent));
  const direction = percent === 0 ? 'flat' : trend.changePercent > 0 ? 'up' : 'down';
  return t(`trend.${direction}`, { ...values, percent: number(percent) });
}

export function trendHandlers({
  players,
  config,
  now,
  voiceOf,
}: Pick<SkillDependencies, 'players' | 'config' | 'now' | 'voiceOf'>): RequestHandler[] {
  const PlayersTrend: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.PlayersTrend),
    async handle(input) {
      const voice = voiceOf(input);
      const { t, number } = voice;
      const spoken = rawSlotValue(input, Slot.Duration);
      const asked = spoken === undefined ? DEFAULT_TREND_SECONDS : durationSeconds(spoken);
      if (asked === undefined) return answer(input, voice, { question: t('trend.badDuration') });

      const limit = config.trendMaxMinutes * 60;
      const { seconds, capped, trend } = await playerTrendOver(players, asked, limit, now());
      const span = voice.lastSpan(seconds);
      const cappedNote = capped ? [t('trend.capped', { limit: voice.span(limit), span })] : [];
      if (!trend) {
        return answer(input, voice, {
          sentences: [...cappedNote, t('trend.notEnough', { span })],
          card: 'cards.trend',
        });
      }
      const range = t('trend.range', {
        min: number(trend.min),
        max: number(trend.max),
        average: number(trend.average),
      });
      return answer(input, voice, {
        sentences: [...cappedNote, change(voice, trend, span), range],
        card: 'cards.trend',
      });
    },
  };
  return [PlayersTrend];
}
