/**
 * How people really ask, past the samples: change asked as change, the newest post said loosely,
 * a title in any carrier, navigation and yes / no in everyday words, a sensor named by what it
 * measures, and what Pulse does not know (forecasts, clocks) left to AMAZON.FallbackIntent.
 */
import type { Locale } from '../../../domain/locales';
import type { Nlu } from '../../../local/nlu';
import { projectNlu } from '../../support/nluModels';

const nlus = new Map<Locale, Nlu>();

beforeAll(async () => {
  for (const locale of ['en-US', 'en-GB', 'de-DE'] as const)
    nlus.set(locale, await projectNlu(locale));
}, 120_000);

async function heard(locale: Locale, utterance: string, options = {}) {
  const understood = await nlus.get(locale)!.understand(utterance, options);
  const slots = Object.fromEntries(
    Object.values(understood.intent.slots ?? {})
      .filter((slot) => slot.value !== undefined)
      .map((slot) => [
        slot.name,
        slot.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value.id ?? slot.value,
      ]),
  );
  return { intent: understood.intent.name, slots };
}

describe.each([
  ['en-US', 'is the game getting quieter', 'PlayersTrendIntent'],
  ['en-US', 'have we gained players', 'PlayersTrendIntent'],
  ['en-GB', 'has the head count dropped', 'PlayersTrendIntent'],
  ['de-DE', 'werden es gerade weniger', 'PlayersTrendIntent'],
  ['de-DE', 'sind die spielerzahlen zurückgegangen', 'PlayersTrendIntent'],
  ['en-US', 'got anything new', 'ReadLatestPostIntent'],
  ['en-GB', 'read the newest one', 'ReadLatestPostIntent'],
  ['en-US', 'what have they posted last', 'ReadLatestPostIntent'],
  ['de-DE', 'hast du was neues', 'ReadLatestPostIntent'],
  ['en-US', "what's been posted lately", 'ListPostsIntent'],
  ['en-US', 'go back one', 'AMAZON.PreviousIntent'],
  ['de-DE', 'das davor', 'AMAZON.PreviousIntent'],
  ['en-GB', 'hang on a tick', 'AMAZON.PauseIntent'],
  ['de-DE', 'halte bitte kurz an', 'AMAZON.PauseIntent'],
  ['en-GB', 'ta', 'AMAZON.YesIntent'],
  ['en-GB', 'nah cheers', 'AMAZON.NoIntent'],
  ['de-DE', 'nee lass mal', 'AMAZON.NoIntent'],
] as const)('%s "%s"', (locale, utterance, intent) => {
  it(`is ${intent}`, async () => {
    expect((await heard(locale, utterance)).intent).toBe(intent);
  });
});

describe("a statistic asked by the sensor's adjective, in the past", () => {
  it.each([
    ['en-US', 'how cold did it get in berlin today', 'SensorStatisticsIntent', 'temp'],
    [
      'en-US',
      'how hot did it get at the airport in the last three hours',
      'SensorStatisticsIntent',
      'temp',
    ],
    ['en-GB', 'how windy was it in london today', 'SensorStatisticsIntent', 'wind'],
    ['de-DE', 'wie kalt wurde es heute in berlin', 'SensorStatisticsIntent', 'temp'],
    ['de-DE', 'wie warm war es heute am flughafen', 'SensorStatisticsIntent', 'temp'],
    // The present stays a reading.
    ['en-US', 'how cold is it in berlin', 'SensorReadingIntent', 'temp'],
    ['en-GB', 'is it windy out in london', 'SensorReadingIntent', 'wind'],
    ['de-DE', 'wie kalt ist es in berlin', 'SensorReadingIntent', 'temp'],
  ] as const)('%s "%s" is %s of %s', async (locale, utterance, intent, sensor) => {
    const understood = await heard(locale, utterance);
    expect(understood.intent).toBe(intent);
    expect(understood.slots.sensor).toBe(sensor);
  });

  it.each([
    ['en-US', "what's the strongest wind in london today", 'max'],
    ['de-DE', 'was war der stärkste wind heute in london', 'max'],
  ] as const)('%s "%s" names the %s by a superlative', async (locale, utterance, statistic) => {
    const understood = await heard(locale, utterance);
    expect(understood.intent).toBe('SensorStatisticsIntent');
    expect(understood.slots.statistic).toBe(statistic);
  });
});

describe('a sensor named by what it measures', () => {
  it.each([
    ['en-GB', 'is it blowing a gale at the airport', 'wind'],
    ['en-US', 'how much is portland bridge swaying', 'vib'],
    ['en-GB', 'is it nippy in london', 'temp'],
    ['de-DE', 'wie stark wackelt die brücke', 'vib'],
    ['de-DE', 'was misst der vibrationssensor an der portland brücke', 'vib'],
  ] as const)('%s "%s" is a reading of %s', async (locale, utterance, sensor) => {
    expect(await heard(locale, utterance)).toMatchObject({
      intent: 'SensorReadingIntent',
      slots: { sensor },
    });
  });

  it('asks for every reading when only a value is asked for', async () => {
    expect(await heard('en-US', "what's the current value at seattle harbor")).toEqual({
      intent: 'SensorReadingIntent',
      slots: { station: 'vzqHb8vgh0' },
    });
  });
});

describe('a post asked for by title', () => {
  it.each([
    ['en-US', 'play season kickoff', 'season kickoff'],
    ['en-US', 'i wanna hear the roadmap post', 'roadmap'],
    ['en-GB', 'put on the one called the derby', 'the derby'],
    ['de-DE', 'spiel saisonstart', 'saisonstart'],
    ['de-DE', 'lies mir den beitrag namens fehlerbehebungen vor', 'fehlerbehebungen'],
  ] as const)('%s "%s" plays "%s"', async (locale, utterance, title) => {
    expect(await heard(locale, utterance)).toEqual({
      intent: 'PlayPostIntent',
      slots: { title },
    });
  });

  it.each([
    ['en-US', 'play it from the beginning', 'AMAZON.StartOverIntent'],
    ['en-US', 'play the most recent post please', 'ReadLatestPostIntent'],
    ['en-US', 'play some jazz by miles davis', 'AMAZON.FallbackIntent'],
    ['de-DE', 'spiel mal den neuesten beitrag', 'ReadLatestPostIntent'],
    ['de-DE', 'spiel etwas musik', 'AMAZON.FallbackIntent'],
  ] as const)(
    '%s "%s", one carrier word before other words, is %s',
    async (locale, utterance, intent) => {
      expect((await heard(locale, utterance)).intent).toBe(intent);
    },
  );

  it('takes the words after the longest carrier as the title', async () => {
    expect(await heard('de-DE', 'spiel mal den beitrag über die saison ab')).toEqual({
      intent: 'PlayPostIntent',
      slots: { title: 'die saison' },
    });
  });
});

describe('what Pulse does not know', () => {
  it.each([
    ['en-US', 'is it going to be windy at the airport tomorrow'],
    ['en-US', 'set a timer for ten minutes'],
    ['en-GB', "what's the time in seattle"],
    ['en-GB', 'will it snow tonight'],
    ['de-DE', 'regnet es morgen in münchen'],
    ['de-DE', 'stell einen wecker auf sechs uhr'],
    ['de-DE', 'wie spät ist es in berlin'],
  ] as const)('%s "%s" is AMAZON.FallbackIntent', async (locale, utterance) => {
    expect((await heard(locale, utterance)).intent).toBe('AMAZON.FallbackIntent');
  });

  it('is no reading of a station it cannot resolve', async () => {
    expect((await heard('en-GB', 'put the toaster on')).intent).toBe('AMAZON.FallbackIntent');
  });
});

describe('an answer to a yes / no question', () => {
  it.each([
    ['en-GB', 'go on', 'AMAZON.YesIntent'],
    ['en-US', 'carry on then', 'AMAZON.YesIntent'],
    ['de-DE', 'nur zu', 'AMAZON.YesIntent'],
    ['de-DE', 'warte nein', 'AMAZON.NoIntent'],
  ] as const)('%s "%s" is %s', async (locale, utterance, intent) => {
    expect((await heard(locale, utterance, { confirming: true })).intent).toBe(intent);
  });

  it('is a request of its own when no question was asked', async () => {
    expect((await heard('en-GB', 'go on')).intent).toBe('AMAZON.ResumeIntent');
  });
});

describe('words that are a value only perhaps', () => {
  it.each([
    // "most" is a statistic's synonym, and a carrier word of the newest post's samples too.
    ['en-US', 'what was the most recent post', 'ReadLatestPostIntent'],
    ['en-GB', 'play the most recent post now', 'ReadLatestPostIntent'],
  ] as const)('%s "%s" is %s', async (locale, utterance, intent) => {
    expect((await heard(locale, utterance)).intent).toBe(intent);
  });

  it('keep a statistic where the samples put one', async () => {
    expect(await heard('en-US', 'what was the most players today')).toEqual({
      intent: 'PlayersStatisticsIntent',
      slots: { statistic: 'max', period: 'today' },
    });
  });
});

/** Berlin Central's id, as the station type resolves it. */
const BERLIN = 'bR4lnMt7Xa';

describe('alerts, statistics and the light with a station resolved or not', () => {
  it.each([
    ['en-US', 'delete the alert for berlin', 'DeleteAlertIntent', { station: BERLIN }],
    ['de-DE', 'lösche den alarm für berlin', 'DeleteAlertIntent', { station: BERLIN }],
    [
      'en-US',
      'what was the highest temperature at tokyo today',
      'SensorStatisticsIntent',
      { statistic: 'max', sensor: 'temp', station: 'tokyo', period: 'today' },
    ],
    [
      'de-DE',
      'was war die höchste temperatur in tokio heute',
      'SensorStatisticsIntent',
      { statistic: 'max', sensor: 'temp', station: 'tokio', period: 'today' },
    ],
    [
      'en-GB',
      'switch the light off at tokyo',
      'SetStationLightIntent',
      { lightState: 'off', station: 'tokyo' },
    ],
  ] as const)('%s "%s" is %s', async (locale, utterance, intent, slots) => {
    const understood = await heard(locale, utterance);
    expect(understood.intent).toBe(intent);
    expect(understood.slots).toMatchObject(slots);
  });
});
