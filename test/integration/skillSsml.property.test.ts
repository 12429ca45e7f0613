/**
 * The skill never sends SSML Alexa would refuse. Speech checks only a document's size and <audio>
 * count when it builds one (the rest is valid by construction); here every answer to many generated
 * requests, hostile words everywhere, is held to the full validator.
 */
import type { ResponseEnvelope } from 'ask-sdk-model';
import { parseCatalog } from '../../domain/catalog';
import { Intent, IntentSlots, Slot, type IntentName } from '../../domain/names';
import { createSkillHandler } from '../../lambda/skill';
import { createSkillServices } from '../../lambda/skill/services';
import { validateSsml } from '../../ssml';
import { pick, seeded as random } from '../support/random';
import {
  canFulfillRequest,
  intentRequest,
  launchRequest,
  sessionEndedRequest,
  type SlotFixture,
} from '../support/requests';
import { playerRollup, startTestStack, type TestStack } from '../support/stack';

const WORDS = [
  '&',
  '<',
  '>',
  '"',
  "'",
  '&amp;',
  '&#x3C;',
  ']]>',
  '<!--',
  '<speak>',
  '</voice>',
  '<break time="99s"/>',
  "'/><audio src='",
  'Grüße',
  'Straße',
  '日本',
  '😀',
  ' ',
  '\u0000',
  '\uFFFF',
  '\uD800',
  'Seattle',
  'on',
  'off',
  'ten minutes',
  'PT10M',
  'P1D',
  'temperature',
  'iPhone',
  'bravo',
  'E',
];
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'en-AU', 'de-AT', 'fr-FR'];
const INTENTS = Object.values(Intent) as IntentName[];
const STATION = 'hostile-1';
const REQUESTS = 250;

function words(next: () => number): string {
  return Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(next, WORDS)).join('');
}

function slotsFor(name: IntentName, next: () => number): Record<string, SlotFixture> {
  const names = Object.keys((IntentSlots as Record<string, object>)[name] ?? {});
  const slots: Record<string, SlotFixture> = {};
  for (const slot of names) {
    const roll = next();
    if (roll < 0.2) continue;
    if (slot === Slot.Station && roll < 0.6) slots[slot] = { value: words(next), id: STATION };
    else if (roll < 0.8) slots[slot] = { value: words(next), noMatch: true };
    else slots[slot] = { value: words(next) };
  }
  return slots;
}

function request(next: () => number): Record<string, unknown> {
  const locale = pick(next, LOCALES);
  const newSession = next() < 0.5;
  const kind = next();
  if (kind < 0.1) return launchRequest({ locale, newSession });
  if (kind < 0.15) return sessionEndedRequest('USER_INITIATED', { locale });
  const name = pick(next, INTENTS);
  if (kind < 0.25) return canFulfillRequest(name, slotsFor(name, next), { locale });
  return intentRequest(name, slotsFor(name, next), {
    locale,
    newSession,
    confirmationStatus: pick(next, ['NONE', 'CONFIRMED', 'DENIED'] as const),
  });
}

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await stack.close();
});

it('answers every generated request with SSML Alexa accepts', async () => {
  const next = random(0x5511);
  const config = await stack.freshConfig();
  const now = Date.now();
  await stack.putPlayerRollups(
    config,
    Array.from({ length: 30 }, (_, i) => playerRollup(now - (30 - i) * 1000, 1234 + i)),
  );
  const name = '<b>Köln & "Söhne"</b> 😀';
  const spoken = { name, synonyms: [words(next)] };
  const catalog = parseCatalog({
    stations: [
      {
        id: STATION,
        city: name,
        state: name,
        timeZone: 'Europe/Berlin',
        names: { 'en-US': spoken, 'en-GB': spoken, 'de-DE': spoken },
        sensors: [{ id: 's1', type: 'temp' }],
      },
    ],
  });
  await stack.updateShadow(STATION, { reported: { light: 'on', firmware: words(next) } });
  // Now, and an hour on: fresh data, and data announced as old with its clock time.
  const handlers = [0, 3_600_000].map((later) =>
    createSkillHandler({
      config,
      services: { ...createSkillServices(config, () => Date.now() + later), catalog },
    }),
  );

  let spokenAnswers = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const event = request(next);
    const envelope: ResponseEnvelope = await pick(next, handlers)(event);
    for (const speech of [
      envelope.response.outputSpeech,
      envelope.response.reprompt?.outputSpeech,
    ]) {
      if (!speech) continue;
      expect(speech.type).toBe('SSML');
      if (speech.type !== 'SSML') continue;
      const verdict = validateSsml(speech.ssml, 'alexa');
      if (!verdict.ok)
        throw new Error(`${JSON.stringify(event)} → ${speech.ssml}: ${verdict.issues.join('; ')}`);
      spokenAnswers += 1;
    }
  }
  // Most requests are answered in words (the rest: CanFulfill verdicts, session ends).
  expect(spokenAnswers).toBeGreaterThan(REQUESTS / 2);
}, 120_000);
