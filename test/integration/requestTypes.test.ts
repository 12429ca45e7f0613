/** Every request type the skill may receive gets a valid response (or, for a foreign skill, a clean refusal). */
import { Intent, Slot } from '../../domain/names';
import { createSkillHandler, type SkillHandler } from '../../lambda/skill';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import {
  canFulfillRequest,
  exceptionEncounteredRequest,
  intentRequest,
  launchRequest,
  sessionEndedRequest,
  TEST_SKILL_ID,
} from '../support/requests';
import { reprompted, spoken } from '../support/speech';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let config: SkillConfig;
let ask: SkillHandler;

beforeAll(async () => {
  stack = await startTestStack();
  config = await stack.freshConfig({ SKILL_ID: TEST_SKILL_ID });
  ask = createSkillHandler({ config, services: createSkillServices(config) });
});

afterAll(async () => {
  await stack.close();
});

describe('request types', () => {
  it('launch without data says so and asks what the user wants', async () => {
    const response = await ask(launchRequest());
    expect(spoken(response)).toBe(
      "Live Pulse here. I don't have any player numbers yet. Ask me how many players are online, about a station's sensors, or for a station's status.",
    );
    expect(response.response.shouldEndSession).toBe(false);
  });

  it.each(['en-US', 'en-GB', 'de-DE'])(
    'help in %s keeps the session open with a reprompt',
    async (locale) => {
      const response = await ask(intentRequest(Intent.Help, {}, { locale }));
      expect(spoken(response).length).toBeGreaterThan(80);
      expect(reprompted(response)).not.toBe('');
      expect(response.response.shouldEndSession).toBe(false);
    },
  );

  it.each([Intent.Stop, Intent.Cancel])('%s says goodbye and ends the session', async (intent) => {
    const response = await ask(intentRequest(intent, {}, { locale: 'de-DE' }));
    expect(spoken(response)).toBe('Tschüss.');
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('fallback says what Pulse can do and listens again', async () => {
    const response = await ask(intentRequest(Intent.Fallback));
    expect(spoken(response)).toContain("Live Pulse can't help with that.");
    expect(response.response.shouldEndSession).toBe(false);
  });

  it('navigate home ends the session silently', async () => {
    const response = await ask(intentRequest(Intent.NavigateHome));
    expect(response.response.outputSpeech).toBeUndefined();
    expect(response.response.shouldEndSession).toBe(true);
  });

  it.each(['USER_INITIATED', 'ERROR', 'EXCEEDED_MAX_REPROMPTS'] as const)(
    'session ended (%s) gets an empty response',
    async (reason) => {
      const response = await ask(sessionEndedRequest(reason));
      expect(response.response).toEqual({});
    },
  );

  it('System.ExceptionEncountered gets an empty response', async () => {
    const response = await ask(exceptionEncounteredRequest());
    expect(response.response).toEqual({});
  });

  it('an intent the skill does not know gets the generic apology, not a crash', async () => {
    const response = await ask(intentRequest('AMAZON.MoreIntent' as never));
    expect(spoken(response)).toBe('Sorry, something went wrong on my side. Please try again.');
  });

  it('a locale Pulse does not speak is answered in the nearest one', async () => {
    expect(spoken(await ask(intentRequest(Intent.Stop, {}, { locale: 'de-AT' })))).toBe('Tschüss.');
    expect(spoken(await ask(intentRequest(Intent.Stop, {}, { locale: 'fr-FR' })))).toBe('Goodbye.');
  });

  it('refuses a request for another skill when SKILL_ID is set', async () => {
    await expect(ask(launchRequest({ skillId: 'amzn1.ask.skill.someone-else' }))).rejects.toThrow(
      /skill ID verification failed/i,
    );
  });
});

describe('CanFulfillIntentRequest', () => {
  it('says YES for a question it understands, slot by slot', async () => {
    const response = await ask(
      canFulfillRequest(Intent.SensorReading, {
        [Slot.Sensor]: { value: 'temperature', id: 'temp' },
        [Slot.Station]: { value: 'Berlin', id: 'bR4lnMt7Xa' },
      }),
    );
    expect(response.response.canFulfillIntent).toEqual({
      canFulfill: 'YES',
      slots: {
        [Slot.Sensor]: { canUnderstand: 'YES', canFulfill: 'YES' },
        [Slot.Station]: { canUnderstand: 'YES', canFulfill: 'YES' },
      },
    });
  });

  it('says NO for a station it does not know and for intents that are not its own', async () => {
    const unknownStation = await ask(
      canFulfillRequest(Intent.StationStatus, {
        [Slot.Station]: { value: 'atlantis', noMatch: true },
      }),
    );
    expect(unknownStation.response.canFulfillIntent?.canFulfill).toBe('NO');
    const foreign = await ask(canFulfillRequest('OrderPizzaIntent'));
    expect(foreign.response.canFulfillIntent).toEqual({ canFulfill: 'NO' });
  });

  it('says NO for an interval the stations cannot take', async () => {
    const response = await ask(
      canFulfillRequest(Intent.SetReportingInterval, {
        [Slot.Station]: { value: 'Berlin', id: 'bR4lnMt7Xa' },
        [Slot.Interval]: { value: 'PT7S' },
      }),
    );
    expect(response.response.canFulfillIntent?.slots?.[Slot.Interval]).toEqual({
      canUnderstand: 'NO',
      canFulfill: 'NO',
    });
  });

  it('changes nothing: a change intent is judged, never carried out', async () => {
    await ask(
      canFulfillRequest(Intent.SetStationLight, {
        [Slot.Station]: { value: 'Munich', id: 'mUc9Alp3Zz' },
        [Slot.LightState]: { value: 'on', id: 'on' },
      }),
    );
    expect(stack.shadows.getShadow('mUc9Alp3Zz')).toBeUndefined();
  });
});
