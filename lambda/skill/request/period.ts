/** The period a statistics question covers: a spoken duration, a calendar period ("today"), or the last hour. */
import type { HandlerInput } from 'ask-sdk-core';
import { durationSeconds } from '../../../domain/durations';
import { Slot } from '../../../domain/names';
import { isPeriod } from '../../../domain/vocabulary';
import { startOfLocalDay } from '../../rollups/zonedTime';
import type { Voice } from '../voice';
import { rawSlotValue, readSlot } from './slots';

/** The span a statistic covers when the question names none. */
export const DEFAULT_STATISTICS_SECONDS = 3600;

export type AskedPeriod =
  | {
      readonly since: number;
      /** How the answer says the period: "in the last hour", "today". */
      readonly words: string;
      /** Set when the period asked for was longer than the rollups are kept: "I keep readings for 7 days…". */
      readonly cappedNote?: string;
    }
  | { readonly since?: undefined; readonly question: string };

/**
 * The period of the request: the PERIOD slot's calendar period (today, from midnight in
 * `timeZone`), else the DURATION slot's span back from now, else the last hour. A span longer than
 * the rollups are kept is shortened to the retention, and the answer says so.
 */
export function askedPeriod(
  input: HandlerInput,
  voice: Voice,
  options: { readonly now: number; readonly timeZone: string; readonly retentionDays: number },
): AskedPeriod {
  const { t } = voice;
  const period = readSlot(input, Slot.Period);
  if (period.status === 'match' && isPeriod(period.id)) {
    return { since: startOfLocalDay(options.now, options.timeZone), words: t('statistics.today') };
  }
  const spoken = rawSlotValue(input, Slot.Duration);
  const asked = spoken === undefined ? DEFAULT_STATISTICS_SECONDS : durationSeconds(spoken);
  if (asked === undefined) return { question: t('statistics.badDuration') };
  const limit = Math.floor(options.retentionDays * 86_400);
  const seconds = Math.min(asked, limit);
  const words = t('statistics.inSpan', { span: voice.lastSpan(seconds) });
  return {
    since: options.now - seconds * 1000,
    words,
    ...(asked > limit && {
      cappedNote: t('statistics.capped', { limit: voice.span(limit), span: voice.lastSpan(limit) }),
    }),
  };
}
