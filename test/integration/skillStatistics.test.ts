/**
 * Statistics and what is usual, by voice: the skill's handlers with the real services against the
 * local DynamoDB emulator, rollups written through its API.
 */
import { Intent, Slot } from '../../domain/names';
import type { SensorRollup } from '../../lambda/rollups/sensorRollups';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import { createSkillHandler, type SkillHandler } from '../../lambda/skill';
import { intentRequest, type SlotFixture } from '../support/requests';
import { reprompted, spoken } from '../support/speech';
import { playerRollup, startTestStack, temperatureRollup, type TestStack } from '../support/stack';

const BERLIN = 'bR4lnMt7Xa';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Half past the hour before this one: windows a few minutes around it share their hour of day. */
function middleOfAnHour(): number {
  return Math.floor(Date.now() / HOUR) * HOUR - 30 * MINUTE;
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

function handlerAt(config: SkillConfig, now?: () => number): SkillHandler {
  return createSkillHandler({ config, services: createSkillServices(config, now) });
}

/** A window of Berlin's thermometer (or `sensorId`) averaging `avgValue`. */
function temperature(
  windowTime: number,
  avgValue: number,
  extremes?: { min: number; max: number },
  sensorId = 'berlin-temp-1',
): SensorRollup {
  return temperatureRollup(
    BERLIN,
    sensorId,
    windowTime,
    avgValue,
    extremes && { minValue: extremes.min, maxValue: extremes.max },
  );
}

const statisticSlots = (
  statistic: 'max' | 'min' | 'avg',
  spoken: string,
  more: Readonly<Record<string, SlotFixture>> = {},
): Record<string, SlotFixture> => ({
  [Slot.Statistic]: { value: spoken, id: statistic },
  [Slot.Sensor]: { value: 'temperature', id: 'temp' },
  [Slot.Station]: { value: 'berlin central', id: BERLIN },
  ...more,
});

describe('sensor statistics', () => {
  let ask: SkillHandler;
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;

  beforeAll(async () => {
    const config = await stack.freshConfig();
    // Three windows of the last hour, as persist stores the SQL apps' records (no min/max).
    await stack.putSensorRollups(config, [
      temperature(now - 50 * MINUTE, 12.5),
      temperature(now - 30 * MINUTE, 31.5),
      temperature(now - 10 * MINUTE, 18.25),
      // Older than an hour: only a longer period sees it.
      temperature(now - 3 * HOUR, 40),
    ]);
    ask = handlerAt({ ...config, timeZone: 'UTC' }, () => now);
  });

  it('says the highest and the lowest of the last hour, and that they are of window averages', async () => {
    const highest = spoken(
      await ask(intentRequest(Intent.SensorStatistics, statisticSlots('max', 'highest'))),
    );
    expect(highest).toMatch(
      /^At Berlin Central, the temperature in the last hour reached a high of 31\.5 degrees Celsius, at .+\./,
    );
    expect(highest).toContain('That is from the minute averages');
    const lowest = spoken(
      await ask(intentRequest(Intent.SensorStatistics, statisticSlots('min', 'lowest'))),
    );
    expect(lowest).toMatch(
      /the temperature in the last hour fell to a low of 12\.5 degrees Celsius/,
    );
  });

  it('says the average weighted by the readings, without the caveat an average does not need', async () => {
    const average = spoken(
      await ask(intentRequest(Intent.SensorStatistics, statisticSlots('avg', 'average'))),
    );
    // (12.5 + 31.5 + 18.25) / 3 = 20.75, each window 60 readings.
    expect(average).toBe(
      'At Berlin Central, the temperature in the last hour averaged 20.75 degrees Celsius, from 180 readings.',
    );
  });

  it('says the numbers in German in de-DE', async () => {
    const said = spoken(
      await ask(
        intentRequest(
          Intent.SensorStatistics,
          statisticSlots('max', 'höchste', {
            [Slot.Sensor]: { value: 'Temperatur', id: 'temp' },
            [Slot.Station]: { value: 'Berlin Mitte', id: BERLIN },
          }),
          { locale: 'de-DE' },
        ),
      ),
    );
    expect(said).toMatch(
      /^An der Station Berlin Mitte lag die Temperatur in der letzten Stunde am höchsten bei 31,5 Grad Celsius, um .+ Uhr\./,
    );
  });

  it('covers a spoken duration, and today from midnight at the station', async () => {
    const fourHours = spoken(
      await ask(
        intentRequest(
          Intent.SensorStatistics,
          statisticSlots('max', 'highest', { [Slot.Duration]: { value: 'PT4H' } }),
        ),
      ),
    );
    expect(fourHours).toMatch(
      /the temperature in the last 4 hours reached a high of 40 degrees Celsius/,
    );
    const today = spoken(
      await ask(
        intentRequest(
          Intent.SensorStatistics,
          statisticSlots('min', 'lowest', { [Slot.Period]: { value: 'today', id: 'today' } }),
        ),
      ),
    );
    expect(today).toMatch(/^At Berlin Central, the temperature today fell to a low of/);
  });

  it('shortens a period longer than the rollups are kept, and says so', async () => {
    const said = spoken(
      await ask(
        intentRequest(
          Intent.SensorStatistics,
          statisticSlots('max', 'highest', { [Slot.Duration]: { value: 'P30D' } }),
        ),
      ),
    );
    expect(said).toMatch(/^I keep readings for 7 days, so here is the last 7 days\./);
    expect(said).toContain('in the last 7 days reached a high of 40 degrees Celsius');
  });

  it('asks which figure when the statistic is missing, and says when there are no readings', async () => {
    const asked = await ask(
      intentRequest(Intent.SensorStatistics, {
        [Slot.Sensor]: { value: 'temperature', id: 'temp' },
        [Slot.Station]: { value: 'berlin central', id: BERLIN },
      }),
    );
    expect(spoken(asked)).toBe('Would you like the highest, the lowest or the average?');
    expect(reprompted(asked)).toBe(spoken(asked));
    const none = spoken(
      await ask(
        intentRequest(
          Intent.SensorStatistics,
          statisticSlots('max', 'highest', { [Slot.Duration]: { value: 'PT5M' } }),
        ),
      ),
    );
    expect(none).toBe(
      "I don't have any temperature readings from Berlin Central in the last 5 minutes.",
    );
  });

  it("takes the statistic from the sensor's adjective: how cold did it get, how warm was it", async () => {
    const asked = (sensorWord: string, locale: 'en-US' | 'de-DE' = 'en-US') =>
      ask(
        intentRequest(
          Intent.SensorStatistics,
          {
            [Slot.Sensor]: { value: sensorWord, id: 'temp' },
            [Slot.Station]: { value: 'berlin', id: BERLIN },
          },
          { locale },
        ),
      ).then(spoken);
    expect(await asked('cold')).toMatch(/the temperature in the last hour fell to a low of 12\.5/);
    expect(await asked('Chilly')).toMatch(/fell to a low of 12\.5/);
    expect(await asked('warm')).toMatch(/the temperature in the last hour reached a high of 31\.5/);
    expect(await asked('kalt', 'de-DE')).toMatch(/am niedrigsten bei 12,5 Grad Celsius/);
    expect(await asked('heiß', 'de-DE')).toMatch(/am höchsten bei 31,5 Grad Celsius/);
    // A noun names no end of the range: Pulse still asks which figure.
    expect(await asked('temperature')).toBe(
      'Would you like the highest, the lowest or the average?',
    );
  });

  it('uses the kept minimum and maximum where aggregate wrote them, without the caveat', async () => {
    const config = await stack.freshConfig();
    await stack.putSensorRollups(config, [
      temperature(now - 20 * MINUTE, 20, { min: 11.75, max: 33 }),
    ]);
    const exact = handlerAt({ ...config, timeZone: 'UTC' }, () => now);
    const said = spoken(
      await exact(intentRequest(Intent.SensorStatistics, statisticSlots('max', 'peak'))),
    );
    expect(said).toMatch(/the temperature in the last hour reached a high of 33 degrees Celsius/);
    expect(said).not.toContain('averages');
  });
});

describe('player statistics', () => {
  it('says the peak, the low and the average over the period', async () => {
    const config = await stack.freshConfig();
    const now = Math.floor(Date.now() / 1000) * 1000;
    await stack.putPlayerRollups(config, [
      playerRollup(now - 40 * MINUTE, 80),
      playerRollup(now - 20 * MINUTE, 120),
      playerRollup(now - 5 * MINUTE, 100),
    ]);
    const ask = handlerAt({ ...config, timeZone: 'UTC' }, () => now);
    const slots = (id: 'max' | 'min' | 'avg') => ({ [Slot.Statistic]: { value: id, id } });
    expect(spoken(await ask(intentRequest(Intent.PlayersStatistics, slots('max'))))).toMatch(
      /^The peak in the last hour was 120 players online, at .+\.$/,
    );
    expect(spoken(await ask(intentRequest(Intent.PlayersStatistics, slots('min'))))).toMatch(
      /^The low in the last hour was 80 players online/,
    );
    expect(spoken(await ask(intentRequest(Intent.PlayersStatistics, slots('avg'))))).toBe(
      'On average, 100 players were online in the last hour.',
    );
    expect(
      spoken(await ask(intentRequest(Intent.PlayersStatistics, slots('max'), { locale: 'de-DE' }))),
    ).toMatch(/^Der Höchststand in der letzten Stunde waren 120 Spieler online, um .+ Uhr\.$/);
  });
});

describe('what is usual for the hour', () => {
  it("says when a station's latest reading is outside the usual range, and nothing when within", async () => {
    const config = await stack.freshConfig();
    // Half past an hour, so the ten minutes before it on earlier days all fall in the same hour.
    const now = middleOfAnHour();
    // The same hour on each of the 5 days before: 10 windows between 15 and 19.5 degrees.
    const history: SensorRollup[] = [];
    for (let day = 1; day <= 5; day++)
      for (let i = 0; i < 10; i++)
        history.push(temperature(now - day * DAY - i * MINUTE, 15 + i * 0.5));
    await stack.putSensorRollups(config, [...history, temperature(now - MINUTE, 30)]);
    const ask = handlerAt({ ...config, timeZone: 'UTC' }, () => now);
    const reading = (locale: string) =>
      intentRequest(
        Intent.SensorReading,
        {
          [Slot.Sensor]: { value: 'temperature', id: 'temp' },
          [Slot.Station]: { value: 'berlin central', id: BERLIN },
        },
        { locale },
      );
    expect(spoken(await ask(reading('en-US')))).toMatch(
      /That is unusually high for this hour: it is usually between 15\.5 and 19\.1 degrees Celsius\.$/,
    );
    expect(spoken(await ask(reading('de-DE')))).toMatch(
      /Das ist ungewöhnlich hoch für diese Uhrzeit: Üblich sind 15,5 bis 19,1 Grad Celsius\.$/,
    );

    const usualConfig = await stack.freshConfig();
    await stack.putSensorRollups(usualConfig, [...history, temperature(now - MINUTE, 17)]);
    const within = handlerAt({ ...usualConfig, timeZone: 'UTC' }, () => now);
    expect(spoken(await within(reading('en-US')))).not.toMatch(/usual/);
  });

  it('says when the players are unusually few for the hour, and nothing without enough history', async () => {
    const config = await stack.freshConfig();
    const now = middleOfAnHour();
    const history = [];
    for (let day = 1; day <= 4; day++)
      for (let i = 0; i < 10; i++) history.push(playerRollup(now - day * DAY - i * 1000, 100 + i));
    await stack.putPlayerRollups(config, [...history, playerRollup(now - 1000, 20)]);
    const ask = handlerAt({ ...config, timeZone: 'UTC' }, () => now);
    expect(spoken(await ask(intentRequest(Intent.PlayersOnline)))).toContain(
      '20 players are online right now. That is fewer than usual for this hour, when 101 to 108 players are online.',
    );

    const fresh = await stack.freshConfig();
    await stack.putPlayerRollups(fresh, [playerRollup(now - 1000, 20)]);
    const noHistory = handlerAt({ ...fresh, timeZone: 'UTC' }, () => now);
    expect(spoken(await noHistory(intentRequest(Intent.PlayersOnline)))).not.toMatch(/usual/);
  });
});
