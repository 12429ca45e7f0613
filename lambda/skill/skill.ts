/** The skill composed: each topic's handlers built with what they need, the last-answer memory, the error handler. */
import { SkillBuilders, type Skill } from 'ask-sdk-core';
import type { SkillConfig } from './config';
import { SkillErrorHandler } from './errorHandler';
import { RememberLastAnswer } from './request/lastAnswer';
import type { SkillServices } from './services';
import { alertsHandlers } from './topics/alerts';
import { canFulfillHandlers } from './topics/canFulfill';
import { launchHandlers } from './topics/launch';
import { navigationHandlers } from './topics/navigation';
import { playbackHandlers } from './topics/playback';
import { playersHandlers } from './topics/players';
import { postsHandlers } from './topics/posts';
import { sensorHandlers } from './topics/sensors';
import { sessionHandlers } from './topics/session';
import { stationSettingsHandlers } from './topics/stationSettings';
import { stationStatusHandlers } from './topics/stationStatus';
import { statisticsHandlers } from './topics/statistics';
import { trendHandlers } from './topics/trend';
import { configuredVoices } from './voice';

export function buildSkill(services: SkillServices, config: SkillConfig): Skill {
  const dependencies = { ...services, config, voiceOf: configuredVoices(config) };
  const builder = SkillBuilders.custom()
    .addRequestHandlers(
      ...launchHandlers(dependencies),
      ...playersHandlers(dependencies),
      ...trendHandlers(dependencies),
      ...sensorHandlers(dependencies),
      ...statisticsHandlers(dependencies),
      ...alertsHandlers(dependencies),
      ...stationStatusHandlers(dependencies),
      ...stationSettingsHandlers(dependencies),
      ...postsHandlers(dependencies),
      ...playbackHandlers(dependencies),
      ...navigationHandlers(dependencies),
      ...canFulfillHandlers(dependencies),
      ...sessionHandlers(dependencies),
    )
    .addResponseInterceptors(RememberLastAnswer)
    .addErrorHandlers(SkillErrorHandler);
  if (config.skillId) builder.withSkillId(config.skillId);
  return builder.create();
}
