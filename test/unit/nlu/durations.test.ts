/** AMAZON.DURATION and AMAZON.NUMBER values in English and German, as the ISO 8601 strings and digits Alexa sends. */
import type { Nlu } from '../../../local/nlu';
import { englishQuantities } from '../../../local/nlu/entities/quantities/english';
import { germanQuantities } from '../../../local/nlu/entities/quantities/german';
import { toIsoDuration } from '../../../local/nlu/entities/quantities/isoDuration';
import { projectNlu, slotOf } from '../../support/nluModels';

const words = (text: string): string[] => text.split(' ');

describe('AMAZON.DURATION values', () => {
  it.each([
    ['ten minutes', 'PT10M'],
    ['half an hour', 'PT30M'],
    ['an hour and a half', 'PT1H30M'],
    ['thirty seconds', 'PT30S'],
    ['5 minutes', 'PT5M'],
    ['a quarter of an hour', 'PT15M'],
    ['an hour and fifteen minutes', 'PT1H15M'],
    ['two hours', 'PT2H'],
    ['two weeks', 'P2W'],
  ])('English "%s" is %s', (text, iso) => {
    expect(englishQuantities.durations(words(text)).map((d) => d.value)).toEqual([iso]);
  });

  it.each([
    ['zehn minuten', 'PT10M'],
    ['einer halben stunde', 'PT30M'],
    ['anderthalb stunden', 'PT1H30M'],
    ['eineinhalb stunden', 'PT1H30M'],
    ['dreißig sekunden', 'PT30S'],
    ['5 minuten', 'PT5M'],
    ['einer viertelstunde', 'PT15M'],
    ['eine stunde und zwanzig minuten', 'PT1H20M'],
    ['zweieinhalb stunden', 'PT2H30M'],
    ['fünfundvierzig sekunden', 'PT45S'],
    ['zwei tagen', 'P2D'],
  ])('German "%s" is %s', (text, iso) => {
    expect(germanQuantities.durations(words(text)).map((d) => d.value)).toEqual([iso]);
  });

  it('finds the duration inside a sentence and covers only its words', () => {
    const [found] = englishQuantities.durations(
      words('how has the player count changed over the last ten minutes'),
    );
    expect(found).toMatchObject({ start: 9, end: 11, value: 'PT10M' });
    const [german] = germanQuantities.durations(
      words('sind mehr spieler online als vor einer stunde'),
    );
    expect(german).toMatchObject({ start: 6, end: 8, value: 'PT1H' });
  });

  it('reads a unit without an amount after "every" / "jede" as one of it', () => {
    expect(englishQuantities.durations(words('every minute')).map((d) => d.value)).toEqual([
      'PT1M',
    ]);
    expect(germanQuantities.durations(words('jede stunde')).map((d) => d.value)).toEqual(['PT1H']);
  });

  it('reads no duration in an adverb of frequency ("quarterly", "hourly")', () => {
    expect(englishQuantities.durations(words('play the quarterly results'))).toEqual([]);
    expect(englishQuantities.durations(words('the hourly report'))).toEqual([]);
  });

  it('formats fractions of hours into minutes and seconds', () => {
    expect(toIsoDuration({ hours: 0.25 })).toBe('PT15M');
    expect(toIsoDuration({ minutes: 90 })).toBe('PT1H30M');
    expect(toIsoDuration({ days: 1.5 })).toBe('P1DT12H');
  });

  it('reads German number words', () => {
    expect(
      germanQuantities
        .numbers(words('zweiundvierzig und einhundertfünf und 7'))
        .map((n) => n.value),
    ).toEqual(['42', '105', '7']);
    expect(englishQuantities.numbers(words('forty two')).map((n) => n.value)).toEqual(['42']);
  });

  describe('in slots', () => {
    let en: Nlu;
    let de: Nlu;
    beforeAll(async () => {
      en = await projectNlu('en-US');
      de = await projectNlu('de-DE');
    });

    it('fills an AMAZON.DURATION slot with the ISO value and no resolutions', async () => {
      const understood = await en.understand(
        'set the reporting interval for berlin to an hour and a half',
      );
      expect(understood.intent.name).toBe('SetReportingIntervalIntent');
      expect(slotOf(understood, 'interval')).toEqual({
        name: 'interval',
        value: 'PT1H30M',
        confirmationStatus: 'NONE',
        source: 'USER',
        slotValue: { type: 'Simple', value: 'PT1H30M' },
      });
    });

    it('fills a German duration slot', async () => {
      const understood = await de.understand(
        'wie hat sich die spielerzahl in den letzten zehn minuten entwickelt',
      );
      expect(understood.intent.name).toBe('PlayersTrendIntent');
      expect(slotOf(understood, 'duration')?.value).toBe('PT10M');
    });

    it('takes an adverb of frequency for no duration: "quarterly" is no length of time', async () => {
      const understood = await en.understand('play the post about the quarterly results');
      expect(understood.intent.name).toBe('PlayPostIntent');
      expect(slotOf(understood, 'title')?.value).toBe('the quarterly results');
    });
  });
});
