/** Phrasing both English locales share; en-US.ts and en-GB.ts add their own idioms on top of it. */
import { Intent, type CustomIntentName } from '../names';

export const sharedEnglishSamples: { readonly [I in CustomIntentName]: readonly string[] } = {
  [Intent.PlayersOnline]: [
    'how many players are online',
    'how many players are online now',
    'how many players are there',
    'how many players are playing',
    'how many people are playing',
    'how many people are online',
    'how many players are in the game',
    'how many players are logged in',
    'how many gamers are online',
    'how many are online',
    "what's the player count",
    'what is the player count',
    'what is the current player count',
    'give me the player count',
    'tell me how many players are online',
    'how busy is the game',
    'the player count',
  ],
  [Intent.PlayersByOs]: [
    'how many players are on {os}',
    'how many players are online on {os}',
    'how many {os} players are online',
    'how many {os} players are there',
    'how many people are playing on {os}',
    'how many players use {os}',
    'how many players are using {os}',
    'how many {os} users are online',
    "what's the player count on {os}",
    'what is the player count for {os}',
    'the player count for {os}',
  ],
  [Intent.PlayersByQuadrant]: [
    'how many players are in quadrant {quadrant}',
    'how many players are in {quadrant}',
    'how many players are in the {quadrant} quadrant',
    'how many people are playing in quadrant {quadrant}',
    'how many players are there in quadrant {quadrant}',
    'how many are in quadrant {quadrant}',
    'how busy is quadrant {quadrant}',
    'how crowded is quadrant {quadrant}',
    "what's the player count in quadrant {quadrant}",
    'the player count for quadrant {quadrant}',
  ],
  [Intent.PlayersTrend]: [
    'how has the player count changed over the last {duration}',
    'how has the player count changed in the last {duration}',
    'how did the number of players change over the past {duration}',
    "what's the player trend over the last {duration}",
    'what is the player trend for the last {duration}',
    'are there more players than {duration} ago',
    'are there fewer players than {duration} ago',
    'is the player count going up',
    'is the player count going down',
    'how is the player count trending',
    'the player trend for the last {duration}',
  ],
  [Intent.SensorReading]: [
    "what's the {sensor} at {station}",
    'what is the {sensor} at {station}',
    "what's the {sensor} in {station}",
    "what's the current {sensor} at {station}",
    'what was the {sensor} at {station} in the last minute',
    'what did the {sensor} sensor at {station} measure',
    'what are the {sensor} readings at {station}',
    'how high is the {sensor} at {station}',
    'give me the {sensor} at {station}',
    'read the {sensor} at {station}',
    'what the {sensor} is at {station}',
    'what the {sensor} is in {station}',
    'the {sensor} at {station}',
  ],
  [Intent.StationStatus]: [
    "what's the status of {station}",
    'what is the status of {station}',
    "what's the device status at {station}",
    'how is {station} doing',
    'is {station} online',
    'is the station at {station} working',
    'are the sensors at {station} working',
    'check the status of {station}',
    'give me a status report for {station}',
    'the status of {station}',
  ],
  [Intent.SetStationLight]: [
    'turn the light {lightState} at {station}',
    'turn the light {lightState} in {station}',
    'turn {lightState} the light at {station}',
    'turn the lights {lightState} at {station}',
    'turn {lightState} the lights at {station}',
    'switch the light {lightState} at {station}',
    'switch {lightState} the light at {station}',
    'set the light at {station} to {lightState}',
    'turn the light {lightState}',
    'turn {lightState} the light',
  ],
  [Intent.SetReportingInterval]: [
    'set the reporting interval at {station} to {interval}',
    'set the reporting interval for {station} to {interval}',
    'change the reporting interval at {station} to {interval}',
    'change the reporting interval for {station} to {interval}',
    'update the reporting interval at {station} to {interval}',
    'set the reporting interval to {interval}',
    'make {station} report every {interval}',
    'have {station} report every {interval}',
    'set {station} to report every {interval}',
    'let {station} send data every {interval}',
    'change how often {station} reports to every {interval}',
  ],
};

/** What users answer when Alexa asks for a station, an interval or a light state, in either English. */
export const englishStationAnswers = [
  '{station}',
  'at {station}',
  'in {station}',
  'for {station}',
  'the station at {station}',
] as const;

export const englishIntervalAnswers = [
  '{interval}',
  'every {interval}',
  'once every {interval}',
  'set it to {interval}',
] as const;

/** The shared samples plus a locale's own phrasings, intent by intent. */
export function withLocalPhrasing(localPhrasing: {
  readonly [I in CustomIntentName]?: readonly string[];
}): { readonly [I in CustomIntentName]: readonly string[] } {
  const merged = { ...sharedEnglishSamples };
  for (const intent of Object.keys(merged) as CustomIntentName[]) {
    merged[intent] = [...sharedEnglishSamples[intent], ...(localPhrasing[intent] ?? [])];
  }
  return merged;
}
