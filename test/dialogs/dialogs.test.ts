/** Conversations from spoken words: virtual-alexa turns utterances into requests from the generated models, the real skill answers from the emulators. */
import { join } from 'node:path';
import type { ResponseEnvelope } from 'ask-sdk-model';
import type { VirtualAlexa } from 'virtual-alexa';
import { SKILL_PACKAGE_DIR } from '../../interactionModels/generate';
import type { Locale } from '../../domain/locales';
import { Intent, Slot } from '../../domain/names';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import { createSkillHandler, type SkillHandler } from '../../lambda/skill';
import { reprompted, spoken } from '../support/speech';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';

const BERLIN = 'bR4lnMt7Xa';

let VirtualAlexaClass: typeof VirtualAlexa;
let stack: TestStack;
let config: SkillConfig;
let skill: SkillHandler;

beforeAll(async () => {
  // virtual-alexa loads aws-sdk v2, which prints an end-of-support notice unless told not to.
  process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
  ({ VirtualAlexa: VirtualAlexaClass } = await import('virtual-alexa'));
  stack = await startTestStack();
  config = await stack.freshConfig();
  const now = Date.now();
  await stack.putPlayerRollups(config, [
    playerRollup(now - 9 * 60_000, 120),
    playerRollup(now - 1000, 96, {
      byOs: { android: 50, ios: 46, windowsPhone: 0, other: 0 },
      byQuadrant: { A: 80, B: 10, C: 3, D: 3 },
    }),
  ]);
  await stack.putSensorRollups(config, [
    {
      stationId: BERLIN,
      sensor: 'temp',
      sensorId: 'bTmpMtte01',
      windowTime: now - 20_000,
      avgValue: 21.4,
      smoothAvgValue: 21.3,
      sum: 21.4 * 60,
      count: 60,
    },
    {
      stationId: BERLIN,
      sensor: 'temp',
      sensorId: 'bTmpMtte02',
      windowTime: now - 20_000,
      avgValue: 22.0,
      smoothAvgValue: 21.9,
      sum: 22.0 * 20,
      count: 20,
    },
  ]);
  await stack.updateShadow(BERLIN, { reported: { light: 'off', reportingIntervalSeconds: 60 } });
  skill = createSkillHandler({ config, services: createSkillServices(config) });
});

afterAll(async () => {
  await stack.close();
});

/** A device in the locale, talking to the real skill handler through the generated model. */
function device(locale: Locale): VirtualAlexa {
  const alexa = VirtualAlexaClass.Builder()
    .handler((event: unknown) => skill(event))
    .interactionModelFile(join(SKILL_PACKAGE_DIR, 'interactionModels', 'custom', `${locale}.json`))
    .locale(locale)
    .create();
  // virtual-alexa takes any phrase containing "ask", "tell", "open"… for a launch; Alexa strips
  // the invocation before matching, so the phrases here are what follows it.
  Object.assign(alexa, { parseLaunchRequest: (): undefined => undefined });
  return alexa;
}

async function say(alexa: VirtualAlexa, phrase: string): Promise<ResponseEnvelope> {
  return (await alexa.utter(phrase)) as unknown as ResponseEnvelope;
}

describe.each([
  [
    'en-US',
    'how many players are online',
    '96 players are online right now. By system: 50 on Android and 46 on iOS.',
  ],
  [
    'en-GB',
    'how many players are online',
    '96 players are online right now. By system: 50 on Android and 46 on iOS.',
  ],
  [
    'de-DE',
    'wie viele Spieler sind online',
    'Gerade sind 96 Spieler online. Nach System: 50 mit Android und 46 mit iOS.',
  ],
] as const)('in %s', (locale, question, answer) => {
  it('answers the headline question with the total and breakdown', async () => {
    expect(spoken(await say(device(locale), question))).toContain(answer);
  });
});

describe('natural phrasings', () => {
  it('understands a player count by OS from a synonym', async () => {
    expect(spoken(await say(device('en-US'), 'how many iphone players are online'))).toBe(
      '46 players are on iOS, 48 percent of everyone online.',
    );
  });

  it('understands a quadrant by its NATO name', async () => {
    expect(spoken(await say(device('en-GB'), 'how many players are in quadrant bravo'))).toBe(
      '10 players are in quadrant B, 10 percent of everyone online.',
    );
  });

  it('tells the trend without a duration over the default ten minutes', async () => {
    expect(spoken(await say(device('en-US'), 'is the player count going down'))).toMatch(
      /^Over the last 10 minutes, the number of players went down 20 percent, from 120 to 96\./,
    );
  });

  it('reads a sensor type at a station by its spoken name, weighted by message count', async () => {
    // (21.4 * 60 + 22.0 * 20) / 80 = 21.55
    expect(spoken(await say(device('en-US'), "what's the temperature at berlin central"))).toMatch(
      /^At Berlin Central, the temperature averaged 21\.6 degrees Celsius in the minute to .+, from 2 sensors\./,
    );
    expect(
      spoken(await say(device('de-DE'), 'wie ist die Temperatur an der Station Mitte')),
    ).toMatch(
      /^An der Station Berlin Mitte lag die Temperatur in der Minute bis .+ Uhr im Mittel bei 21,6 Grad Celsius, gemessen von 2 Sensoren\./,
    );
  });

  it("reads a station's status in German", async () => {
    expect(spoken(await say(device('de-DE'), 'wie ist der Status von Berlin'))).toMatch(
      /^Die Station Berlin Mitte hat sich zuletzt vor \d+ Sekunden? gemeldet, um .+ Uhr\. Sie meldet Licht aus und eine Messung jede Minute\. Es steht nichts aus\.$/,
    );
  });
});

describe('a session', () => {
  it('opens with the headline, answers, keeps listening, and says goodbye', async () => {
    const alexa = device('en-US');
    const opened = (await alexa.launch()) as unknown as ResponseEnvelope;
    expect(spoken(opened)).toMatch(/^Live Pulse here\. 96 players are online right now\./);
    const answered = await say(alexa, 'how many players are in quadrant alpha');
    expect(spoken(answered)).toBe(
      '80 players are in quadrant A, 83 percent of everyone online. What else would you like to know?',
    );
    expect(reprompted(answered)).toBe('What else would you like to know?');
    const goodbye = await say(alexa, 'stop');
    expect(spoken(goodbye)).toBe('Goodbye.');
    expect(goodbye.response.shouldEndSession).toBe(true);
  });

  it('confirms a light change before writing it, then writes it', async () => {
    const alexa = device('en-US');
    const asked = await say(alexa, 'turn the light on at berlin central');
    expect(spoken(asked)).toBe('Shall I switch the light at Berlin Central on?');
    expect(asked.response.directives?.[0]?.type).toBe('Dialog.ConfirmIntent');
    expect(stack.shadows.getShadow(BERLIN)?.state.desired).toBeUndefined();

    // The user says "yes": Alexa sends the same intent, confirmed.
    const confirmed = (await alexa
      .request()
      .intent(Intent.SetStationLight)
      .slot(Slot.Station, 'berlin central')
      .slot(Slot.LightState, 'on')
      .intentStatus('CONFIRMED' as never)
      .send()) as unknown as ResponseEnvelope;
    expect(spoken(confirmed)).toContain("Done: I've asked Berlin Central to switch its light on.");
    expect(stack.shadows.getShadow(BERLIN)?.state.desired).toEqual({ light: 'on' });
    expect(stack.shadows.getShadow(BERLIN)?.state.delta).toEqual({ light: 'on' });
  });
});
