/**
 * Alerts by voice: the skill's handlers with the real alerts repository against the local
 * DynamoDB emulator: set (confirmed, and the notifications permission asked for when missing),
 * list (with the reading that fired an alert), delete one station's or all, the subscription event.
 */
import { Intent, Slot } from '../../domain/names';
import { NOTIFICATIONS_PERMISSION } from '../../domain/notifications';
import { alertRepository } from '../../lambda/alerts/repository';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import { createSkillHandler, type SkillHandler } from '../../lambda/skill';
import {
  intentRequest,
  permissionResponse,
  subscriptionChangedRequest,
  type EnvelopeOptions,
  type SlotFixture,
} from '../support/requests';
import { spoken } from '../support/speech';
import { startTestStack, type TestStack } from '../support/stack';

const BERLIN = 'bR4lnMt7Xa';
const SEATTLE = 'vzqHb8vgh0';
const EVENT = 'AMAZON.MessageAlert.Activated';

let stack: TestStack;
let config: SkillConfig;
let ask: SkillHandler;
let userNumber = 0;

beforeAll(async () => {
  stack = await startTestStack();
  config = await stack.freshConfig();
  ask = createSkillHandler({ config, services: createSkillServices(config) });
});

afterAll(async () => {
  await stack.close();
});

/** A user of their own per test, subscribed to Pulse's notifications unless told otherwise. */
async function newUser(subscribed = true): Promise<EnvelopeOptions> {
  userNumber += 1;
  const user = { userId: `amzn1.ask.account.ALERTS${userNumber}` };
  if (subscribed) {
    const response = await ask(subscriptionChangedRequest([EVENT], user));
    expect(response.response.outputSpeech).toBeUndefined();
  }
  return user;
}

const temperatureAbove = (threshold: string): Record<string, SlotFixture> => ({
  [Slot.Sensor]: { value: 'temperature', id: 'temp' },
  [Slot.Station]: { value: 'berlin central', id: BERLIN },
  [Slot.Direction]: { value: 'goes above', id: 'above' },
  [Slot.Threshold]: { value: threshold },
});

const playersBelow = (threshold: string): Record<string, SlotFixture> => ({
  [Slot.Subject]: { value: 'players', id: 'players' },
  [Slot.Direction]: { value: 'fall under', id: 'below' },
  [Slot.Threshold]: { value: threshold },
});

describe('setting an alert', () => {
  it('confirms first, stores nothing until confirmed, then says back what it stored', async () => {
    const user = await newUser();
    const asked = await ask(intentRequest(Intent.SetAlert, temperatureAbove('20'), user));
    expect(spoken(asked)).toBe(
      'Shall I tell you when the temperature at Berlin Central goes above 20 degrees Celsius?',
    );
    expect(asked.response.directives).toEqual([
      expect.objectContaining({ type: 'Dialog.ConfirmIntent' }),
    ]);
    expect(spoken(await ask(intentRequest(Intent.ListAlerts, {}, user)))).toMatch(
      /^You don't have any alerts\./,
    );

    const denied = await ask(
      intentRequest(Intent.SetAlert, temperatureAbove('20'), {
        ...user,
        confirmationStatus: 'DENIED',
      }),
    );
    expect(spoken(denied)).toBe("Okay, I haven't set an alert.");

    const set = await ask(
      intentRequest(Intent.SetAlert, temperatureAbove('20'), {
        ...user,
        confirmationStatus: 'CONFIRMED',
      }),
    );
    expect(spoken(set)).toBe(
      "Done: I'll tell you when the temperature at Berlin Central goes above 20 degrees Celsius.",
    );
    const again = await ask(
      intentRequest(Intent.SetAlert, temperatureAbove('20'), {
        ...user,
        confirmationStatus: 'CONFIRMED',
      }),
    );
    expect(spoken(again)).toMatch(/^You already have that alert/);
  });

  it('sets a players alert in German, with the number in its words', async () => {
    const user = await newUser();
    const set = await ask(
      intentRequest(Intent.SetAlert, playersBelow('100'), {
        ...user,
        locale: 'de-DE',
        confirmationStatus: 'CONFIRMED',
      }),
    );
    expect(spoken(set)).toBe(
      'Erledigt: Ich sage dir Bescheid, wenn die Zahl der Spieler unter 100 fällt.',
    );
  });

  it('asks for what is missing: the subject, the station, the direction, the threshold', async () => {
    const user = await newUser();
    const elicited = async (slots: Record<string, SlotFixture>) => {
      const response = await ask(intentRequest(Intent.SetAlert, slots, user));
      const directive = response.response.directives?.[0] as {
        type: string;
        slotToElicit?: string;
      };
      return { said: spoken(response), type: directive.type, slot: directive.slotToElicit };
    };
    expect(await elicited({ [Slot.Threshold]: { value: '5' } })).toEqual({
      said: 'What should I watch? For example: the temperature at Berlin Central, or the number of players.',
      type: 'Dialog.ElicitSlot',
      slot: Slot.Sensor,
    });
    const { [Slot.Station]: _station, ...noStation } = temperatureAbove('20');
    void _station;
    expect((await elicited(noStation)).slot).toBe(Slot.Station);
    const { [Slot.Direction]: _direction, ...noDirection } = temperatureAbove('20');
    void _direction;
    expect(await elicited(noDirection)).toEqual({
      said: 'Should I tell you when the temperature at Berlin Central goes above a value, or when it drops below one?',
      type: 'Dialog.ElicitSlot',
      slot: Slot.Direction,
    });
    expect((await elicited(temperatureAbove('?'))).slot).toBe(Slot.Threshold);
  });

  it('refuses fewer than no players, and stops at the per-user limit', async () => {
    const user = await newUser();
    const confirmed = { ...user, confirmationStatus: 'CONFIRMED' as const };
    expect(spoken(await ask(intentRequest(Intent.SetAlert, playersBelow('-5'), confirmed)))).toBe(
      "Sorry, I can't set that alert: the number of players is never below zero.",
    );
    for (let i = 0; i < config.alertsPerUser; i++)
      await ask(intentRequest(Intent.SetAlert, playersBelow(String(i * 10)), confirmed));
    expect(spoken(await ask(intentRequest(Intent.SetAlert, playersBelow('999'), confirmed)))).toBe(
      'You have 10 alerts, as many as I keep. Delete one first, for example: delete the Berlin alert.',
    );
  });
});

describe('the notifications permission', () => {
  it('asks by voice consent when the user has not granted it, and stores the alert once accepted', async () => {
    const user = await newUser(false);
    const confirmed = await ask(
      intentRequest(Intent.SetAlert, temperatureAbove('25'), {
        ...user,
        confirmationStatus: 'CONFIRMED',
      }),
    );
    const [directive] = confirmed.response.directives ?? [];
    expect(directive).toEqual({
      type: 'Connections.SendRequest',
      name: 'AskFor',
      payload: {
        '@type': 'AskForPermissionsConsentRequest',
        '@version': '2',
        permissionScopes: [{ permissionScope: NOTIFICATIONS_PERMISSION, consentLevel: 'ACCOUNT' }],
      },
      token: expect.any(String),
    });
    expect(confirmed.response.outputSpeech).toBeUndefined();
    expect(confirmed.response.shouldEndSession).toBeUndefined();
    expect(spoken(await ask(intentRequest(Intent.ListAlerts, {}, user)))).toMatch(
      /^You don't have any alerts\./,
    );

    const token = (directive as { token: string }).token;
    const accepted = await ask(permissionResponse('ACCEPTED', token, user));
    expect(spoken(accepted)).toBe(
      "Done: I'll tell you when the temperature at Berlin Central goes above 25 degrees Celsius.",
    );
  });

  it('sets nothing and sends a permissions card when the user declines', async () => {
    const user = await newUser(false);
    const token = JSON.stringify({ alert: 1, players: true, direction: 'below', threshold: 3 });
    const declined = await ask(permissionResponse('DENIED', token, user));
    expect(spoken(declined)).toMatch(/^Without permission to send you notifications/);
    expect(declined.response.card).toEqual({
      type: 'AskForPermissionsConsent',
      permissions: [NOTIFICATIONS_PERMISSION],
    });
    expect(declined.response.shouldEndSession).toBe(true);
    const failed = await ask(permissionResponse('ACCEPTED', token, { ...user, code: '500' }));
    expect(spoken(failed)).toMatch(/^I couldn't ask you for permission/);
    expect(spoken(await ask(intentRequest(Intent.ListAlerts, {}, user)))).toMatch(
      /^You don't have any alerts\./,
    );
  });

  it('takes the permission from the request scopes, without a subscription', async () => {
    const user = {
      ...(await newUser(false)),
      scopes: { [NOTIFICATIONS_PERMISSION]: 'GRANTED' as const },
    };
    const set = await ask(
      intentRequest(Intent.SetAlert, playersBelow('50'), {
        ...user,
        confirmationStatus: 'CONFIRMED',
      }),
    );
    expect(spoken(set)).toMatch(/^Done: I'll tell you when the number of players drops below 50\./);
  });

  it('keeps the subscription Alexa reports, and clears it when the user turns notifications off', async () => {
    const user = await newUser();
    const alerts = alertRepository({
      client: dynamoDocumentClient({ timeoutMs: 2000 }),
      tableName: config.alertsTable,
      timeoutMs: 2000,
    });
    expect((await alerts.subscription(user.userId!))?.events).toEqual([EVENT]);
    await ask(
      intentRequest(Intent.SetAlert, playersBelow('7'), {
        ...user,
        confirmationStatus: 'CONFIRMED',
      }),
    );
    await ask(subscriptionChangedRequest([], user));
    expect(await alerts.subscription(user.userId!)).toBeUndefined();
    // The alerts stay; the list says notifications are off.
    const listed = spoken(await ask(intentRequest(Intent.ListAlerts, {}, user)));
    expect(listed).toMatch(
      /^You have one alert\. I'll tell you when the number of players drops below 7\./,
    );
    expect(listed).toMatch(/Notifications are off for Live Pulse/);
  });
});

describe('listing and deleting alerts', () => {
  it('names each alert, and for a firing one the station and the reading that fired it', async () => {
    const user = await newUser();
    const alerts = alertRepository({
      client: dynamoDocumentClient({ timeoutMs: 2000 }),
      tableName: config.alertsTable,
      timeoutMs: 2000,
    });
    const confirmed = { ...user, confirmationStatus: 'CONFIRMED' as const };
    await ask(intentRequest(Intent.SetAlert, temperatureAbove('20'), confirmed));
    await ask(intentRequest(Intent.SetAlert, playersBelow('100'), confirmed));
    // The evaluation's change of state, as persist or aggregate writes it.
    const [sensorAlert] = await alerts.listForUser(user.userId!);
    await alerts.transition(sensorAlert!, { to: 'firing', value: 31.5, windowTime: Date.now() });

    const listed = spoken(await ask(intentRequest(Intent.ListAlerts, {}, user)));
    expect(listed).toMatch(
      /^You have 2 alerts\. I'll tell you when the temperature at Berlin Central goes above 20 degrees Celsius\. That alert is firing: at .+, Berlin Central read 31\.5 degrees Celsius\. I'll tell you when the number of players drops below 100\.$/,
    );
    const german = spoken(
      await ask(intentRequest(Intent.ListAlerts, {}, { ...user, locale: 'de-DE' })),
    );
    expect(german).toContain('hat die Station Berlin Mitte 31,5 Grad Celsius gemessen.');
  });

  it("deletes a station's alerts, and all of them after a confirmation", async () => {
    const user = await newUser();
    const confirmed = { ...user, confirmationStatus: 'CONFIRMED' as const };
    await ask(intentRequest(Intent.SetAlert, temperatureAbove('20'), confirmed));
    await ask(intentRequest(Intent.SetAlert, playersBelow('100'), confirmed));
    const station = (id: string, value: string) => ({ [Slot.Station]: { value, id } });

    expect(
      spoken(await ask(intentRequest(Intent.DeleteAlert, station(SEATTLE, 'seattle'), user))),
    ).toBe("You don't have an alert for Seattle Harbor.");
    expect(
      spoken(await ask(intentRequest(Intent.DeleteAlert, station(BERLIN, 'berlin'), user))),
    ).toBe("I've deleted your alert for Berlin Central.");

    const asked = await ask(intentRequest(Intent.DeleteAllAlerts, {}, user));
    expect(spoken(asked)).toBe('Shall I delete your alert?');
    expect(asked.response.directives?.[0]?.type).toBe('Dialog.ConfirmIntent');
    expect(
      spoken(
        await ask(
          intentRequest(Intent.DeleteAllAlerts, {}, { ...user, confirmationStatus: 'DENIED' }),
        ),
      ),
    ).toBe("Okay, I've kept your alerts.");
    expect(spoken(await ask(intentRequest(Intent.DeleteAllAlerts, {}, confirmed)))).toBe(
      "Done: I've deleted your alert.",
    );
    expect(spoken(await ask(intentRequest(Intent.DeleteAllAlerts, {}, user)))).toMatch(
      /^You don't have any alerts\./,
    );
  });
});
