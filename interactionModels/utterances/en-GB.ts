/** British English voice text: the shared English phrasing plus "at the moment", "switch" and "alright". */
import { Intent, Slot } from '../../domain/names';
import { phrasings } from '../templates';
import { englishIntervalAnswers, englishStationAnswers, withLocalPhrasing } from './english';
import type { LocaleUtterances } from './types';

export const enGB: LocaleUtterances = {
  invocationName: 'live pulse',
  samples: withLocalPhrasing({
    [Intent.PlayersOnline]: phrasings(Intent.PlayersOnline, [
      'how many (players|people) are (online|playing|on) at the moment',
      'how many (players|people) have we got [(online|on)] [at the moment]',
      'how busy is the game at the moment',
      'how many (punters|people|players) are (on|about|knocking about) [(at the moment|at the mo)]',
      'how many are (on|about|playing) at the mo',
      '(is anyone|is anybody) (on|about|knocking about) [at the moment]',
    ]),
    [Intent.PlayersByOs]: phrasings(Intent.PlayersByOs, [
      'how many (players|people) are (on|playing on) {os} at the moment',
    ]),
    [Intent.PlayersByQuadrant]: phrasings(Intent.PlayersByQuadrant, [
      'how many players are in quadrant {quadrant} at the moment',
      'how many players have we got in quadrant {quadrant}',
    ]),
    [Intent.PlayersTrend]: phrasings(Intent.PlayersTrend, ['is the player count (rising|falling)']),
    [Intent.SensorReading]: phrasings(Intent.SensorReading, [
      "what's the {sensor} (like|doing) (at|in) {station} [at the moment]",
      "what's the {sensor} at {station} at the moment",
    ]),
    [Intent.StationStatus]: phrasings(Intent.StationStatus, [
      'is everything alright (at|in) {station}',
      'is {station} up and running',
    ]),
    [Intent.SetStationLight]: phrasings(Intent.SetStationLight, [
      'switch the light {lightState}',
      'switch {lightState} the light',
      'put the light {lightState} (at|in) {station}',
    ]),
    [Intent.SetReportingInterval]: phrasings(Intent.SetReportingInterval, [
      'have {station} send its readings every {interval}',
    ]),
  }),
  elicitation: {
    [Intent.SetStationLight]: {
      [Slot.Station]: {
        prompts: ['Which station should I switch the light at?', 'Which station do you mean?'],
        samples: englishStationAnswers,
      },
      [Slot.LightState]: {
        prompts: ['Should I switch the light on or off?'],
        samples: [
          '{lightState}',
          'switch it {lightState}',
          'turn it {lightState}',
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
