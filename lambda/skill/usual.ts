/** What is usual for the hour, said after a latest value when it lies outside; never in the way of the answer itself. */
import type { AgainstUsual } from '../rollups/statistics';
import { logger } from './logger';
import type { Voice } from './voice';

/**
 * The latest value against what is usual, or undefined when that could not be read: the answer
 * of the latest value stands on its own, so a failed read of the history is logged, not spoken.
 */
export async function againstUsualOrNothing<Latest>(
  read: () => Promise<AgainstUsual<Latest>>,
): Promise<AgainstUsual<Latest> | undefined> {
  try {
    return await read();
  } catch (error) {
    logger.warn('could not read what is usual for the hour', { error });
    return undefined;
  }
}

/** "That is unusually high for this hour: it is usually between 12 and 18 degrees Celsius." Nothing within the range, or when it is unknown. */
export function usualSentences(
  voice: Voice,
  against: AgainstUsual<unknown> | undefined,
  /** The unit and decimals of a sensor's values; none for the players. */
  sensor?: { readonly unit: string; readonly decimals: number },
): string[] {
  if (!against || !against.usual.known) return [];
  const { verdict, usual } = against;
  if (verdict !== 'above' && verdict !== 'below') return [];
  if (sensor === undefined) {
    const values = { low: voice.number(usual.low), high: voice.number(usual.high) };
    return [voice.t(verdict === 'above' ? 'usual.playersAbove' : 'usual.playersBelow', values)];
  }
  const values = {
    low: voice.number(usual.low, sensor.decimals),
    high: voice.number(usual.high, sensor.decimals),
    unit: sensor.unit,
  };
  return [voice.t(verdict === 'above' ? 'usual.above' : 'usual.below', values)];
}
