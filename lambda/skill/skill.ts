/** The skill composed: one handler per conversation topic, the conversation interceptor, the error handler. */
import { SkillBuilders, type Skill } from 'ask-sdk-core';
import type { SkillConfig } from './config';
import {
  attachConversation,
  createConversation,
  requestedLocale,
  type SkillServices,
} from './conversation';
import { RememberLastAnswer } from './lastAnswer';
import { CanFulfillIntentHandler } from './topics/canFulfill';
import { SkillErrorHandler } from './topics/errors';
import { LaunchHandler } from './topics/launch';
import {
  FallbackHandler,
  HelpHandler,
  NavigateHomeHandler,
  StopHandler,
} from './topics/navigation';
import {
  PlayersByOsHandler,
  PlayersByQuadrantHandler,
  PlayersOnlineHandler,
} from './topics/players';
import {
  NextHandler,
  PlaybackModeHandler,
  PreviousHandler,
  RepeatHandler,
  StartOverHandler,
} from './topics/playback';
import { SensorReadingHandler } from './topics/sensors';
import { ExceptionEncounteredHandler, SessionEndedHandler } from './topics/session';
import { StationStatusHandler } from './topics/stationStatus';
import { SetReportingIntervalHandler, SetStationLightHandler } from './topics/stationSettings';
import {
  AudioPlayerEventHandler,
  ListPostsHandler,
  PauseHandler,
  PlayPostHandler,
  ReadLatestPostHandler,
  ResumeHandler,
} from './topics/posts';
import { PlayersTrendHandler } from './topics/trend';

export function buildSkill(services: SkillServices, config: SkillConfig): Skill {
  const builder = SkillBuilders.custom()
    .addRequestHandlers(
      LaunchHandler,
      PlayersOnlineHandler,
      PlayersByOsHandler,
      PlayersByQuadrantHandler,
      PlayersTrendHandler,
      SensorReadingHandler,
      StationStatusHandler,
      SetStationLightHandler,
      SetReportingIntervalHandler,
      ReadLatestPostHandler,
      ListPostsHandler,
      PlayPostHandler,
      PauseHandler,
      ResumeHandler,
      NextHandler,
      PreviousHandler,
      StartOverHandler,
      RepeatHandler,
      PlaybackModeHandler,
      AudioPlayerEventHandler,
      HelpHandler,
      StopHandler,
      NavigateHomeHandler,
      FallbackHandler,
      CanFulfillIntentHandler,
      SessionEndedHandler,
      ExceptionEncounteredHandler,
    )
    .addRequestInterceptors({
      process(input) {
        attachConversation(input, createConversation(requestedLocale(input), services, config));
      },
    })
    .addResponseInterceptors(RememberLastAnswer)
    .addErrorHandlers(SkillErrorHandler);
  if (config.skillId) builder.withSkillId(config.skillId);
  return builder.create();
}
