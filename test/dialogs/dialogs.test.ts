/** Conversations from spoken words: the simulated Echo hears them through the generated models, the real skill answers from the emulators. */
import type { ResponseEnvelope } from 'ask-sdk-model';
import type { Locale } from '../../domain/locales';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import { createSkillHandler, type SkillHandler } from '../../lambda/skill';
import { createLocalEcho, type EchoTurn, type SimulatedEcho } from '../../local/voiceDevice';
import { reprompted, spoken } from '../support/speech';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';

const BERLIN = 'bR4lnMt7Xa';

let stack: TestStack;
let config: SkillConfig;
let skill: SkillHandler;

beforeAll(async () => {
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

let echo: SimulatedEcho;

beforeAll(() => {
  echo = createLocalEcho({ skill: (envelope) => skill(envelope) });
});

/** One turn's response: what the skill answered to the words. */
function answerOf(turn: EchoTurn): ResponseEnvelope {
  if (!turn.response)
    throw new Error(`"${turn.heard}" reached no skill: ${turn.error?.detail ?? ''}`);
  return turn.response;
}

/** The words in a new session of their own, as a one-shot request. */
async function say(locale: Locale, phrase: string): Promise<ResponseEnvelope> {
  return answerOf(await echo.say(phrase, { locale }));
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
    expect(spoken(await say(locale, question))).toContain(answer);
  });
});

describe('natural phrasings', () => {
  it('understands a player count by OS from a synonym', async () => {
    expect(spoken(await say('en-US', 'how many iphone players are online'))).toBe(
      '46 players are on iOS, 48 percent of everyone online.',
    );
  });

  it('understands a quadrant by its NATO name', async () => {
    expect(spoken(await say('en-GB', 'how many players are in quadrant bravo'))).toBe(
      '10 players are in quadrant B, 10 percent of everyone online.',
    );
  });

  it('tells the trend without a duration over the default ten minutes', async () => {
    expect(spoken(await say('en-US', 'is the player count going down'))).toMatch(
      /^Over the last 10 minutes, the number of players went down 20 percent, from 120 to 96\./,
    );
  });

  it('reads a sensor type at a station by its spoken name, weighted by message count', async () => {
    // (21.4 * 60 + 22.0 * 20) / 80 = 21.55
    expect(spoken(await say('en-US', "what's the temperature at berlin central"))).toMatch(
      /^At Berlin Central, the temperature averaged 21\.6 degrees Celsius in the minute to .+, from 2 sensors\./,
    );
    expect(spoken(await say('de-DE', 'wie ist die Temperatur an der Station Mitte'))).toMatch(
      /^An der Station Berlin Mitte lag die Temperatur in der Minute bis .+ Uhr im Mittel bei 21,6 Grad Celsius, gemessen von 2 Sensoren\./,
    );
  });

  it("reads a station's status in German", async () => {
    expect(spoken(await say('de-DE', 'wie ist der Status von Berlin'))).toMatch(
      /^Die Station Berlin Mitte hat sich zuletzt vor \d+ Sekunden? gemeldet, um .+ Uhr\. Sie meldet Licht aus und eine Messung jede Minute\. Es steht nichts aus\.$/,
    );
  });
});

describe('a session', () => {
  it('opens with the headline, answers, keeps listening, and says goodbye', async () => {
    const opened = await echo.say('open live pulse', { locale: 'en-US' });
    expect(spoken(answerOf(opened))).toMatch(
      /^Live Pulse here\. 96 players are online right now\./,
    );
    const answered = await echo.say('how many players are in quadrant alpha', {
      locale: 'en-US',
      sessionId: opened.sessionId!,
    });
    expect(answered.sessionId).toBe(opened.sessionId);
    expect(spoken(answerOf(answered))).toBe(
      '80 players are in quadrant A, 83 percent of everyone online. What else would you like to know?',
    );
    expect(reprompted(answerOf(answered))).toBe('What else would you like to know?');
    const goodbye = await echo.say('stop', { locale: 'en-US', sessionId: opened.sessionId! });
    expect(spoken(answerOf(goodbye))).toBe('Goodbye.');
    expect(goodbye.shouldEndSession).toBe(true);
  });

  it('confirms a light change before writing it; "yes" writes it', async () => {
    const asked = await echo.say('turn the light on at berlin central', { locale: 'en-US' });
    expect(spoken(answerOf(asked))).toBe('Shall I switch the light at Berlin Central on?');
    expect(answerOf(asked).response.directives?.[0]?.type).toBe('Dialog.ConfirmIntent');
    expect(asked.awaiting).toEqual({
      kind: 'intent-confirmation',
      intent: 'SetStationLightIntent',
      by: 'skill',
    });
    expect(stack.shadows.getShadow(BERLIN)?.state.desired).toBeUndefined();

    // Alexa sends the same intent, confirmed, in the same session.
    const confirmed = await echo.say('yes', { locale: 'en-US', sessionId: asked.sessionId! });
    expect(confirmed.understanding).toMatchObject({
      intent: 'SetStationLightIntent',
      confirmationStatus: 'CONFIRMED',
      as: 'confirmation',
    });
    expect(spoken(answerOf(confirmed))).toContain(
      "Done: I've asked Berlin Central to switch its light on.",
    );
    expect(stack.shadows.getShadow(BERLIN)?.state.desired).toEqual({ light: 'on' });
    expect(stack.shadows.getShadow(BERLIN)?.state.delta).toEqual({ light: 'on' });
  });
});
