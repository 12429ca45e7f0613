/** Opening the skill: lead with the headline number, then say what Pulse can answer. */
import type { RequestHandler } from 'ask-sdk-core';
import { answer } from '../answer';
import { conversationOf } from '../conversation';
import { staleness } from './players';
import { isRequestType } from './requests';

export const LaunchHandler: RequestHandler = {
  canHandle: (input) => isRequestType(input, 'LaunchRequest'),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t, number, services, config } = conversation;
    const rollup = await services.users.latestPlayerRollup();
    let headline = t('launch.noData');
    if (rollup) {
      const freshness = staleness(conversation, rollup.windowTime, config.userRollupStaleSeconds);
      const values = { count: rollup.userCount, n: number(rollup.userCount), ...freshness.values };
      headline = freshness.stale ? t('launch.headlineStale', values) : t('launch.headline', values);
    }
    return answer(input, conversation, {
      sentences: [headline],
      question: t('launch.prompt'),
      card: 'cards.players',
    });
  },
};
