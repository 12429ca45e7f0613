/** Confirm and deny in every locale, as a user of the local stack does it: POST /simulator/say, the answer in the same session, the station's shadow read back. */
import type { Locale } from '../../domain/locales';
import { startSimulatorStack, type SimulatorStack } from '../support/simulatorStack';

const BERLIN = 'bR4lnMt7Xa';
let local: SimulatorStack;

beforeAll(async () => {
  local = await startSimulatorStack();
  await local.stack.echo.warmUp();
}, 120_000);

afterAll(async () => {
  await local?.close();
});

beforeEach(async () => {
  // The station reports its light off and nothing is asked of it yet.
  await local.report(BERLIN, { light: 'off', reportingIntervalSeconds: 60 });
});

/** Says the request, then the answer in the session the request opened. */
async function requestThenAnswer(locale: Locale, request: string, answer: string) {
  const asked = await local.echo.say(request, { locale, audio: false });
  expect(asked.understanding).toMatchObject({
    intent: 'SetStationLightIntent',
    confirmationStatus: 'NONE',
  });
  expect(asked.shouldEndSession).toBe(false);
  const answered = await local.echo.say(answer, {
    locale,
    audio: false,
    sessionId: asked.sessionId!,
  });
  expect(answered.sessionId).toBe(asked.sessionId);
  return { asked, answered };
}

it('"turn the light on at berlin central", then "yes", sets the desired light on', async () => {
  const { asked, answered } = await requestThenAnswer(
    'en-US',
    'turn the light on at berlin central',
    'yes',
  );
  expect(asked.spoken).toBe('Shall I switch the light at Berlin Central on?');
  expect(answered.understanding).toMatchObject({
    intent: 'SetStationLightIntent',
    confirmationStatus: 'CONFIRMED',
    as: 'confirmation',
  });
  expect(answered.spoken).toMatch(/^Done: I've asked Berlin Central to switch its light on\./);
  expect(await local.desiredOf(BERLIN)).toEqual({ light: 'on' });
});

it('"turn the light off at berlin central", then "no", changes nothing', async () => {
  // On first, so that a change would show.
  await requestThenAnswer('en-US', 'turn the light on at berlin central', 'yes');
  const { asked, answered } = await requestThenAnswer(
    'en-US',
    'turn the light off at berlin central',
    'no',
  );
  expect(asked.spoken).toBe('Shall I switch the light at Berlin Central off?');
  expect(answered.understanding).toMatchObject({
    confirmationStatus: 'DENIED',
    as: 'confirmation',
  });
  expect(answered.spoken).toMatch(/^Okay, I've left Berlin Central as it is\./);
  expect(await local.desiredOf(BERLIN)).toEqual({ light: 'on' });
});

it('"schalte das licht in berlin aus", then "ja", sets it off', async () => {
  // The station reports its light on, so that switching it off is a change.
  await local.report(BERLIN, { light: 'on' });
  const { asked, answered } = await requestThenAnswer(
    'de-DE',
    'schalte das licht in berlin aus',
    'ja',
  );
  expect(asked.spoken).toBe('Soll ich das Licht an der Station Berlin Mitte ausschalten?');
  expect(answered.understanding).toMatchObject({ confirmationStatus: 'CONFIRMED' });
  expect(answered.spoken).toMatch(
    /^Erledigt: Ich habe die Station Berlin Mitte gebeten, ihr Licht auszuschalten\./,
  );
  expect(await local.desiredOf(BERLIN)).toEqual({ light: 'off' });
});

it.each([
  ['en-GB', 'switch the light on at berlin central', 'yes please', { light: 'on' }],
  ['en-GB', 'switch the light on at berlin central', 'no thanks', 'unchanged'],
  ['de-DE', 'mach das licht in berlin an', 'nein', 'unchanged'],
  ['de-DE', 'mach das licht in berlin an', 'ja gerne', { light: 'on' }],
  ['en-US', 'turn on the light at berlin central', 'sure', { light: 'on' }],
  // Informal answers: British "ta", "go on then", "no ta"; German "jo", "passt", "nö", "lieber nicht".
  ['en-GB', 'switch the light on at berlin central', 'ta', { light: 'on' }],
  ['en-GB', 'switch the light on at berlin central', 'go on then', { light: 'on' }],
  ['en-GB', 'switch the light on at berlin central', 'no ta', 'unchanged'],
  ['en-GB', 'switch the light on at berlin central', 'nah', 'unchanged'],
  ['de-DE', 'mach das licht in berlin an', 'jo', { light: 'on' }],
  ['de-DE', 'mach das licht in berlin an', 'passt', { light: 'on' }],
  ['de-DE', 'mach das licht in berlin an', 'nö', 'unchanged'],
  ['de-DE', 'mach das licht in berlin an', 'lieber nicht', 'unchanged'],
] as const)('%s: "%s", then "%s"', async (locale, request, answer, desired) => {
  const before = await local.desiredOf(BERLIN);
  const { answered } = await requestThenAnswer(locale, request, answer);
  expect(answered.understanding).toMatchObject({
    as: 'confirmation',
    confirmationStatus: desired === 'unchanged' ? 'DENIED' : 'CONFIRMED',
  });
  expect(await local.desiredOf(BERLIN)).toEqual(desired === 'unchanged' ? before : desired);
});

it('hears "yes" with no question asked as no confirmation at all', async () => {
  const turn = await local.echo.say('yes', { locale: 'en-US', audio: false });
  // The model declares no AMAZON.YesIntent: Alexa sends what it sends for words no intent covers.
  expect(turn.understanding?.intent).toBe('AMAZON.FallbackIntent');
});

it('hears "go on" as yes to a question, and as resume said alone', async () => {
  const { answered } = await requestThenAnswer(
    'en-GB',
    'switch the light on at berlin central',
    'go on',
  );
  expect(answered.understanding).toMatchObject({ confirmationStatus: 'CONFIRMED' });
  expect(await local.desiredOf(BERLIN)).toEqual({ light: 'on' });
  const alone = await local.echo.say('go on', { locale: 'en-GB', audio: false });
  expect(alone.understanding?.intent).toBe('AMAZON.ResumeIntent');
});
