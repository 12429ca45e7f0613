/**
 * Alerts set, listed and deleted by voice in every locale, as a user of the local stack does it:
 * POST /simulator/say, the confirmation answered in the same session, the stored alerts read back
 * through the skill; and a user who has not turned notifications on is asked for the permission.
 */
import type { Locale } from '../../domain/locales';
import { ALERT_EVENT_NAME } from '../../domain/notifications';
import { startSimulatorStack, type SimulatorStack } from '../support/simulatorStack';

let local: SimulatorStack;

beforeAll(async () => {
  local = await startSimulatorStack();
  await local.subscribe([ALERT_EVENT_NAME]);
  await local.stack.echo.warmUp();
}, 120_000);

afterAll(async () => {
  await local?.close();
});

async function say(locale: Locale, words: string, sessionId?: string) {
  return local.echo.say(words, { locale, audio: false, ...(sessionId ? { sessionId } : {}) });
}

/** Deletes every alert of the simulated user, confirmed, so that each test starts with none. */
async function deleteAll(locale: Locale, request: string, yes: string): Promise<void> {
  const asked = await say(locale, request);
  expect(asked.understanding?.intent).toBe('DeleteAllAlertsIntent');
  if (asked.shouldEndSession) return; // There were none.
  const answered = await say(locale, yes, asked.sessionId!);
  expect(answered.understanding).toMatchObject({ confirmationStatus: 'CONFIRMED' });
}

const CASES = [
  {
    locale: 'en-US',
    set: 'alert me when the temperature at berlin central goes above twenty degrees',
    confirm:
      'Shall I tell you when the temperature at Berlin Central goes above 20 degrees Celsius?',
    stored:
      "Done: I'll tell you when the temperature at Berlin Central goes above 20 degrees Celsius.",
    yes: 'yes',
    no: 'no',
    players: 'tell me when players fall under one hundred',
    playersStored: "Done: I'll tell you when the number of players drops below 100.",
    list: 'what alerts are active',
    listed:
      /^You have 2 alerts\. I'll tell you when the temperature at Berlin Central goes above 20 degrees Celsius\. I'll tell you when the number of players drops below 100\./,
    delete: 'delete the berlin alert',
    deleted: "I've deleted your alert for Berlin Central.",
    deleteAll: 'delete all alerts',
    deletedAll: "Done: I've deleted your alert.",
  },
  {
    locale: 'en-GB',
    set: 'let me know when the wind speed at london docklands rises over fifteen',
    confirm:
      'Shall I tell you when the wind speed at London Docklands goes above 15 metres per second?',
    stored:
      "Done: I'll tell you when the wind speed at London Docklands goes above 15 metres per second.",
    yes: 'yes please',
    no: 'no thanks',
    players: 'notify me when the player count drops below fifty',
    playersStored: "Done: I'll tell you when the number of players drops below 50.",
    list: 'which alerts have i got',
    listed:
      /^You have 2 alerts\. I'll tell you when the wind speed at London Docklands goes above 15 metres per second\. I'll tell you when the number of players drops below 50\./,
    delete: 'remove the alert for london docklands',
    deleted: "I've deleted your alert for London Docklands.",
    deleteAll: 'clear all my alerts',
    deletedAll: "Done: I've deleted your alert.",
  },
  {
    locale: 'de-DE',
    set: 'sag mir bescheid wenn die temperatur in berlin mitte über zwanzig grad steigt',
    confirm:
      'Soll ich dir Bescheid sagen, wenn die Temperatur an der Station Berlin Mitte über 20 Grad Celsius steigt?',
    stored:
      'Erledigt: Ich sage dir Bescheid, wenn die Temperatur an der Station Berlin Mitte über 20 Grad Celsius steigt.',
    yes: 'ja',
    no: 'nein',
    players: 'benachrichtige mich wenn weniger als hundert spieler online sind',
    playersStored: 'Erledigt: Ich sage dir Bescheid, wenn die Zahl der Spieler unter 100 fällt.',
    list: 'welche alarme sind aktiv',
    listed:
      /^Du hast 2 Alarme\. Ich sage dir Bescheid, wenn die Temperatur an der Station Berlin Mitte über 20 Grad Celsius steigt\. Ich sage dir Bescheid, wenn die Zahl der Spieler unter 100 fällt\./,
    delete: 'lösche den alarm für berlin',
    deleted: 'Ich habe deinen Alarm für Berlin Mitte gelöscht.',
    deleteAll: 'lösche alle alarme',
    deletedAll: 'Erledigt: Ich habe deinen Alarm gelöscht.',
  },
] as const;

describe.each(CASES)('$locale', (c) => {
  const locale = c.locale as Locale;

  beforeAll(async () => {
    await deleteAll(locale, c.deleteAll, c.yes);
  });

  it(`"${c.set}", then "${c.no}", stores nothing; then "${c.yes}" stores it and says it back`, async () => {
    const asked = await say(locale, c.set);
    expect(asked.understanding).toMatchObject({
      intent: 'SetAlertIntent',
      confirmationStatus: 'NONE',
    });
    expect(asked.spoken).toBe(c.confirm);
    expect(asked.shouldEndSession).toBe(false);
    const denied = await say(locale, c.no, asked.sessionId!);
    expect(denied.understanding).toMatchObject({ confirmationStatus: 'DENIED' });

    const again = await say(locale, c.set);
    const confirmed = await say(locale, c.yes, again.sessionId!);
    expect(confirmed.understanding).toMatchObject({
      intent: 'SetAlertIntent',
      confirmationStatus: 'CONFIRMED',
      as: 'confirmation',
    });
    expect(confirmed.spoken).toMatch(new RegExp(`^${escape(c.stored)}`));
  });

  it(`sets a players alert, lists both with "${c.list}", deletes one and then all`, async () => {
    const asked = await say(locale, c.players);
    expect(asked.understanding?.intent).toBe('SetAlertIntent');
    const stored = await say(locale, c.yes, asked.sessionId!);
    expect(stored.spoken).toMatch(new RegExp(`^${escape(c.playersStored)}`));

    const listed = await say(locale, c.list);
    expect(listed.understanding?.intent).toBe('ListAlertsIntent');
    expect(listed.spoken).toMatch(c.listed);

    const deleted = await say(locale, c.delete);
    expect(deleted.understanding?.intent).toBe('DeleteAlertIntent');
    expect(deleted.spoken).toMatch(new RegExp(`^${escape(c.deleted)}`));

    const all = await say(locale, c.deleteAll);
    expect(all.understanding?.intent).toBe('DeleteAllAlertsIntent');
    expect(all.shouldEndSession).toBe(false);
    const done = await say(locale, c.yes, all.sessionId!);
    expect(done.spoken).toMatch(new RegExp(`^${escape(c.deletedAll)}`));
  });
});

it('asks a user who has not turned notifications on for the permission, and stores nothing yet', async () => {
  await local.subscribe([]);
  try {
    const asked = await say(
      'en-US',
      'alert me when the humidity at seattle harbor drops below forty percent',
    );
    const confirmed = await say('en-US', 'yes', asked.sessionId!);
    expect(confirmed.understanding).toMatchObject({ confirmationStatus: 'CONFIRMED' });
    // Alexa takes over with its own consent prompt: the skill says nothing itself.
    expect(confirmed.spoken).toBe('');
    const listed = await say('en-US', 'what alerts do i have');
    expect(listed.spoken).toMatch(/^You don't have any alerts\./);
  } finally {
    await local.subscribe([ALERT_EVENT_NAME]);
  }
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
