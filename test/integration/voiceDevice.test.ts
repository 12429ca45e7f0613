/** The local stack's simulated Echo on the real skill: the generated models, the session kept, a miss sent as Fallback, spoken durations as Alexa sends them, one user across sessions. */
import { createSkillHandler } from '../../lambda/skill';
import { createSkillServices } from '../../lambda/skill/services';
import {
  createLocalEcho,
  defaultIdentity,
  identityFromEnvironment,
  type SimulatedEcho,
  type SkillEndpoint,
} from '../../local/voiceDevice';
import { ConfigError } from '../../lambda/skill/config';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';

let stack: TestStack;
let skill: SkillEndpoint;
let echo: SimulatedEcho;

beforeAll(async () => {
  stack = await startTestStack();
  const config = await stack.freshConfig();
  await stack.putPlayerRollups(config, [playerRollup(Date.now() - 1000, 42)]);
  const handler = createSkillHandler({ config, services: createSkillServices(config) });
  skill = (envelope) => handler(envelope);
  echo = createLocalEcho({ skill });
});

afterAll(async () => {
  await stack.close();
});

it('launches, keeps the session across turns, and ends it when the skill says so', async () => {
  const opened = await echo.say('open live pulse', { locale: 'en-US' });
  expect(opened.request?.request.type).toBe('LaunchRequest');
  expect(opened.spoken).toMatch(/^Live Pulse here\. 42 players are online right now\./);
  const answered = await echo.say('how many players are online?', {
    locale: 'en-US',
    sessionId: opened.sessionId!,
  });
  expect(answered.request?.session?.new).toBe(false);
  expect(answered.request?.session?.sessionId).toBe(opened.sessionId);
  expect(answered.spoken).toContain('42 players are online right now.');
  const bye = await echo.say('stop', { locale: 'en-US', sessionId: opened.sessionId! });
  expect(bye.shouldEndSession).toBe(true);
  expect(echo.session(opened.sessionId!)).toBeUndefined();
});

it('takes the one-shot form and sends a phrase no intent covers as FallbackIntent', async () => {
  const oneShot = await echo.say('frag live puls wie viele Spieler sind online', {
    locale: 'de-DE',
  });
  expect(oneShot.spoken).toContain('Gerade sind 42 Spieler online.');
  const missed = await echo.say('bestell mir eine Pizza mit Ananas', {
    locale: 'de-DE',
    sessionId: oneShot.sessionId!,
  });
  expect(missed.request?.request).toMatchObject({
    type: 'IntentRequest',
    intent: { name: 'AMAZON.FallbackIntent' },
  });
  expect(missed.spoken).toContain('Dabei kann Live Puls nicht helfen.');
});

it('hears a spoken duration as the ISO 8601 value Alexa sends', async () => {
  const english = await echo.say('how has the player count changed over the last ten minutes', {
    locale: 'en-US',
  });
  expect(english.request?.request).toMatchObject({
    intent: { slots: { duration: { value: 'PT10M' } } },
  });
  const german = await echo.say('setze das Meldeintervall auf dreißig Sekunden', {
    locale: 'de-DE',
  });
  expect(german.request?.request).toMatchObject({
    intent: { name: 'SetReportingIntervalIntent', slots: { interval: { value: 'PT30S' } } },
  });
});

it('speaks as one Alexa user on one device in every session, the same at every start', async () => {
  const first = await echo.say('help', { locale: 'en-US' });
  const again = createLocalEcho({ skill });
  const second = await again.say('hilfe', { locale: 'de-DE' });
  expect(first.request?.context.System.user.userId).toBe(
    second.request?.context.System.user.userId,
  );
  expect(first.request?.context.System.device?.deviceId).toBe(
    second.request?.context.System.device?.deviceId,
  );
  expect(echo.identity).toEqual(defaultIdentity(echo.skillId));
});

it('takes the user and device from PULSE_ALEXA_USER_ID and PULSE_ALEXA_DEVICE_ID, and refuses ids Alexa would not send', () => {
  expect(
    identityFromEnvironment({
      PULSE_ALEXA_USER_ID: 'amzn1.ask.account.TESTUSER1',
      PULSE_ALEXA_DEVICE_ID: '',
    }),
  ).toEqual({ userId: 'amzn1.ask.account.TESTUSER1' });
  expect(() => identityFromEnvironment({ PULSE_ALEXA_DEVICE_ID: 'kitchen' })).toThrow(ConfigError);
  expect(() => identityFromEnvironment({ PULSE_ALEXA_DEVICE_ID: 'kitchen' })).toThrow(
    /PULSE_ALEXA_DEVICE_ID must look like amzn1\.ask\.device\./,
  );
  const kitchen = createLocalEcho({
    skill,
    identity: { deviceId: 'amzn1.ask.device.KITCHEN' },
  });
  expect(kitchen.identity.deviceId).toBe('amzn1.ask.device.KITCHEN');
  expect(kitchen.identity.userId).toBe(echo.identity.userId);
});
