/** The player trend over a spoken duration: change in percent, low, high and average. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent, Slot } from '../../../interactionModels/names';
import type { PlayerCount } from '../../rollups/playerRollups';
import { answer } from '../answer';
import { conversationOf } from '../conversation';
import { durationSeconds } from '../durations';
import { rawSlotValue } from '../slots';
import { isIntent } from './requests';

export const DEFAULT_TREND_SECONDS = 10 * 60;

export interface Trend {
  readonly first: number;
  readonly last: number;
  readonly min: number;
  readonly max: number;
  readonly average: number;
  /** Change from first to last in percent; undefined when it started from zero. */
  readonly changePercent: number | undefined;
}

export function playerTrend(rollups: readonly PlayerCount[]): Trend | undefined {
  const first = rollups[0];
  const last = rollups[rollups.length - 1];
  if (!first || !last || rollups.length < 2) return undefined;
  const counts = rollups.map((r) => r.userCount);
  return {
    first: first.userCount,
    last: last.userCount,
    min: Math.min(...counts),
    max: Math.max(...counts),
    average: counts.reduce((sum, n) => sum + n, 0) / counts.length,
    changePercent:
      first.userCount === 0
        ? undefined
        : ((last.userCount - first.userCount) / first.userCount) * 100,
  };
}

export const PlayersTrendHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.PlayersTrend),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t, number, services, config } = conversation;
    const spoken = rawSlotValue(input, Slot.Duration);
    const asked = spoken === undefined ? DEFAULT_TREND_SECONDS : durationSeconds(spoken);
    if (asked === undefined) {
      return answer(input, conversation, { sentences: [], question: t('trend.badDuration') });
    }
    const limit = config.trendMaxMinutes * 60;
    const seconds = Math.min(asked, limit);
    const span = conversation.lastSpan(seconds);
    const sentences: string[] = [];
    if (asked > limit) sentences.push(t('trend.capped', { limit: conversation.span(limit), span }));

    const trend = playerTrend(
      await services.users.playerCountsSince(services.now() - seconds * 1000),
    );
    if (!trend) {
      sentences.push(t('trend.notEnough', { span }));
      return answer(input, conversation, { sentences, card: 'cards.trend' });
    }
    const values = { span, first: number(trend.first), last: number(trend.last) };
    if (trend.changePercent === undefined) {
      sentences.push(trend.last === 0 ? t('trend.flat', values) : t('trend.fromZero', values));
    } else {
      const percent = Math.round(Math.abs(trend.changePercent));
      const direction = percent === 0 ? 'flat' : trend.changePercent > 0 ? 'up' : 'down';
      sentences.push(t(`trend.${direction}`, { ...values, percent: number(percent) }));
    }
    sentences.push(
      t('trend.range', {
        min: number(trend.min),
        max: number(trend.max),
        average: number(trend.average),
      }),
    );
    return answer(input, conversation, { sentences, card: 'cards.trend' });
  },
};
