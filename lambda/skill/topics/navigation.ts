/** The built-in intents every skill answers: help, stop, cancel, fallback, navigate home. */
import type { RequestHandler } from 'ask-sdk-core';
import { Intent } from '../../../domain/names';
import { answer } from '../answer';
import { isIntent } from '../request/requests';
import type { SkillDependencies } from '../services';

export function navigationHandlers({
  voiceOf,
}: Pick<SkillDependencies, 'voiceOf'>): RequestHandler[] {
  const Help: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.Help),
    handle(input) {
      const voice = voiceOf(input);
      return answer(input, voice, {
        sentences: [voice.t('help.speech')],
        reprompt: voice.t('help.reprompt'),
      });
    },
  };

  const Stop: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.Stop, Intent.Cancel),
    handle(input) {
      const voice = voiceOf(input);
      return answer(input, voice, { sentences: [voice.t('goodbye')], endSession: true });
    },
  };

  /** Home on a screen device: leave quietly, as the user asked to go elsewhere. */
  const NavigateHome: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.NavigateHome),
    handle: (input) => answer(input, voiceOf(input), { endSession: true }),
  };

  const Fallback: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.Fallback),
    handle(input) {
      const voice = voiceOf(input);
      return answer(input, voice, { question: voice.t('fallback.speech') });
    },
  };

  return [Help, Stop, NavigateHome, Fallback];
}
