/** British English: American English with the words and spellings that differ. */
import { enUS } from './en-US';
import { withOverrides, type Resources } from './resources';

export const enGB: Resources = withOverrides(enUS, {
  launch: {
    prompt:
      "Ask me how many players are online, about a station's sensors, or for a station's status.",
  },
  sensors: {
    type: {
      vib: { unit: 'millimetres per second' },
      wind: { unit: 'metres per second' },
    },
  },
  alerts: {
    none: "You haven't got any alerts. To set one, say, for example: alert me when the temperature at Berlin Central goes above twenty degrees.",
  },
  help: {
    speech:
      'You can ask how many players are online, how many play on Android, how many are in quadrant B, or how the players have changed over the last ten minutes. About stations, ask for the temperature at Seattle Harbour, the status of Berlin Central, or to switch its light on. Ask for the highest temperature at Berlin Central today, or the peak player count in the last hour, and say: alert me when the temperature at Berlin Central goes above twenty degrees. And I can read you your latest post. What would you like to know?',
  },
  fallback: {
    speech:
      "Sorry, Live Pulse can't help with that. You can ask about players online, a station's sensors, or a station's status. What would you like?",
  },
  errors: {
    dynamodb: "Sorry, I can't reach the live figures at the moment. Please try again shortly.",
    'iot-data': "Sorry, I can't reach the stations at the moment. Please try again shortly.",
  },
});
