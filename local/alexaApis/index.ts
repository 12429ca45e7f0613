/** Public API of the local Alexa APIs: Login with Amazon's token endpoint and the Proactive Events API, with the events accepted. */
export {
  startAlexaApis,
  type AlexaApi,
  type AlexaApis,
  type AlexaApisOptions,
  type ProactiveEventsStageName,
  type RecordedNotification,
} from './server';
export { AMAZON_EVENT_SCHEMAS, checkEvent } from './events';
export { CLIENT_CREDENTIALS_SCOPES, type SkillClient } from './tokens';
export { LwaError, NotificationsFileError, ProactiveEventsError } from './errors';
