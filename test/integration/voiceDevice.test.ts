/** The simulated Echo: words matched against the generated model, the session kept, a miss sent as Fallback. */
import { createSkillHandler } from '../../lambda/skill';
import { createSkillServices } from '../../lambda/skill/services';
import { createVoiceDevice, type SkillEndpoint } from '../../local/voiceDevice';
import { plainTextOf } from '../../ssml';
import { startTestStack, playerRollup, type TestStack } from '../support/stack';

let stack: TestStack;
let skill: SkillEndpoint;

beforeAll(async () => {
  stack = await startTestStack();
  const config = await stack.freshConfig();
  await stack.putPlayerRollups(config, [playerRollup(Date.now() - 1000, 42)]);
  const handler = createSkillHandler({ config, services: createSkillServices(config) });
  skill = (envelope) => handler(envelope);
});

afterAll(async () => {
  await stack.close();
});

const spoken = (ssml: unknown) => plainTextOf((ssml as { ssml: string }).ssml);

it('launches, keeps the session across turns, and says goodbye', async () => {
  const device = await createVoiceDevice('en-US', skill);
  const opened = await device.say('open live pulse');
  expect(opened.request.request.type).toBe('LaunchRequest');
  expect(spoken(opened.response.response.outputSpeech)).toMatch(
    /^Live Pulse here\. 42 players are online right now\./,
  );
  const answered = await device.say('how many players are online?');
  expect(answered.request.session?.new).toBe(false);
  expect(answered.request.session?.sessionId).toBe(opened.request.session?.sessionId);
  expect(spoken(answered.response.response.outputSpeech)).toContain(
    '42 players are online right now.',
  );
});

it('takes the one-shot form and sends a phrase no intent matches as FallbackIntent', async () => {
  const device = await createVoiceDevice('de-DE', skill);
  const oneShot = await device.say('frag live puls wie viele Spieler sind online');
  expect(spoken(oneShot.response.response.outputSpeech)).toContain(
    'Gerade sind 42 Spieler online.',
  );
  const missed = await device.say('bestell mir eine Pizza mit Ananas');
  expect(missed.request.request).toMatchObject({
    type: 'IntentRequest',
    intent: { name: 'AMAZON.FallbackIntent' },
  });
  expect(spoken(missed.response.response.outputSpeech)).toContain(
    'Dabei kann Live Puls nicht helfen.',
  );
});

it('hears a spoken duration as the ISO 8601 value Alexa would send', async () => {
  const device = await createVoiceDevice('en-US', skill);
  const { request } = await device.say(
    'how has the player count changed over the last ten minutes',
  );
  expect(request.request).toMatchObject({ intent: { slots: { duration: { value: 'PT10M' } } } });
  const german = await createVoiceDevice('de-DE', skill);
  const turn = await german.say('setze das Meldeintervall auf dreißig Sekunden');
  expect(turn.request.request).toMatchObject({
    intent: { name: 'SetReportingIntervalIntent', slots: { interval: { value: 'PT30S' } } },
  });
});
