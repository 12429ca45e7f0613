/** Opening the skill: lead with the headline number, then say what Pulse can answer. */
import type { RequestHandler } from 'ask-sdk-core';
import { answer } from '../answer';
import { freshness, playersHeadline } from '../phrases';
import { isRequestType } from '../request/requests';
import type { SkillDependencies } from '../services';

export function launchHandlers({
  players,
  config,
  now,
  voiceOf,
}: Pick<SkillDependencies, 'players' | 'config' | 'now' | 'voiceOf'>): RequestHandler[] {
  const Launch: RequestHandler = {
    canHandle: (input) => isRequestType(input, 'LaunchRequest'),
    async handle(input) {
      const voice = voiceOf(input);
      const { t } = voice;
      // Only the players: a greeting says no breakdown, and 32 items read lean parse faster.
      const rollup = await players.latestPlayerCount();
      const headline = rollup
        ? playersHeadline(
            voice,
            rollup,
            freshness(voice, rollup.windowTime, now(), config.userRollupStaleSeconds),
            'greeting',
          )
        : t('launch.noData');
      return answer(input, voice, {
        sentences: [headline],
        question: t('launch.prompt'),
        card: 'cards.players',
      });
    },
  };
  return [Launch];
}
