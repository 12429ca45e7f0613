/** British English voice text: the shared English phrasing plus "at the moment", "switch" and "alright". */
import { Intent, Slot } from '../../domain/names';
import { englishIntervalAnswers, englishStationAnswers, withLocalPhrasing } from './english';
import type { LocaleUtterances } from './types';

export const enGB: LocaleUtterances = {
  invocationName: 'live pulse',
  samples: withLocalPhrasing({
    [Intent.PlayersOnline]: [
      'how many players are online at the moment',
      'how many people are playing at the moment',
      'how many players are on at the moment',
      'how busy is the game at the moment',
    ],
    [Intent.PlayersByOs]: [
      'how many players are on {os} at the moment',
      'how many people are playing on {os} at the moment',
    ],
    [Intent.PlayersByQuadrant]: ['how many players are in quadrant {quadrant} at the moment'],
    [Intent.PlayersTrend]: ['is the player count rising', 'is the player count falling'],
    [Intent.SensorReading]: [
      "what's the {sensor} like at {station}",
      "what's the {sensor} at {station} at the moment",
    ],
    [Intent.StationStatus]: ['is everything alright at {station}', 'is {station} up and running'],
    [Intent.SetStationLight]: [
      'switch the light {lightState}',
      'switch {lightState} the light',
      'put the light {lightState} at {station}',
    ],
    [Intent.SetReportingInterval]: ['have {station} send its readings every {interval}'],
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
