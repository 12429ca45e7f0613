/** American English voice text: the shared English phrasing plus "right now" and US spellings. */
import { Intent, Slot } from '../../domain/names';
import { phrasings } from '../templates';
import { englishIntervalAnswers, englishStationAnswers, withLocalPhrasing } from './english';
import type { LocaleUtterances } from './types';

export const enUS: LocaleUtterances = {
  invocationName: 'live pulse',
  samples: withLocalPhrasing({
    [Intent.PlayersOnline]: phrasings(Intent.PlayersOnline, [
      'how many (players|people) are (online|playing|on) right now',
    ]),
    [Intent.PlayersTrend]: phrasings(Intent.PlayersTrend, [
      'is the player count trending (up|down)',
    ]),
    [Intent.SensorReading]: phrasings(Intent.SensorReading, [
      "(what's|what is) the {sensor} (at|in) {station} right now",
    ]),
    [Intent.StationStatus]: phrasings(Intent.StationStatus, [
      'is everything okay (at|in) {station}',
      'is {station} working right now',
    ]),
    [Intent.SetStationLight]: phrasings(Intent.SetStationLight, [
      'turn the light {lightState} over at {station}',
    ]),
    [Intent.SetReportingInterval]: phrasings(Intent.SetReportingInterval, [
      'have {station} check in every {interval}',
    ]),
  }),
  elicitation: {
    [Intent.SetStationLight]: {
      [Slot.Station]: {
        prompts: ['Which station should I change the light at?', 'Which station do you mean?'],
        samples: englishStationAnswers,
      },
      [Slot.LightState]: {
        prompts: ['Should I turn the light on or off?'],
        samples: [
          '{lightState}',
          'turn it {lightState}',
          'switch it {lightState}',
          '{lightState} please',
        ],
      },
    },
    [Intent.SetReportingInterval]: {
      [Slot.Station]: {
        prompts: ["Which station's reporting interval should I change?", 'For which station?'],
        samples: englishStationAnswers,
      },
      [Slot.Interval]: {
        prompts: ['How often should the station report? For example, every five minutes.'],
        samples: englishIntervalAnswers,
      },
    },
  },
};
