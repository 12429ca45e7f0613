/** American English voice text: the shared English phrasing plus "right now" and US spellings. */
import { Intent, Slot } from '../../domain/names';
import { englishIntervalAnswers, englishStationAnswers, withLocalPhrasing } from './english';
import type { LocaleUtterances } from './types';

export const enUS: LocaleUtterances = {
  invocationName: 'live pulse',
  samples: withLocalPhrasing({
    [Intent.PlayersOnline]: [
      'how many players are online right now',
      'how many people are playing right now',
      'how many players are on right now',
    ],
    [Intent.PlayersByOs]: [
      'how many players are on {os} right now',
      'how many people are playing on {os} right now',
    ],
    [Intent.PlayersByQuadrant]: ['how many players are in quadrant {quadrant} right now'],
    [Intent.PlayersTrend]: ['is the player count trending up', 'is the player count trending down'],
    [Intent.SensorReading]: ["what's the {sensor} at {station} right now"],
    [Intent.StationStatus]: ['is everything okay at {station}', 'is {station} working right now'],
    [Intent.SetStationLight]: ['turn the light {lightState} over at {station}'],
    [Intent.SetReportingInterval]: ['have {station} check in every {interval}'],
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
