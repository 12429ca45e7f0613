/** Dialog.ConfirmIntent on the simulated Echo: yes / no in each locale's words reach the skill as the same intent, CONFIRMED or DENIED. */
import type { IntentRequest } from 'ask-sdk-model';
import type { Locale } from '../../../domain/locales';
import {
  baseModel,
  converse,
  echoOnSkill,
  sent,
  type EchoOnSkill,
} from '../../support/echo/echoFixtures';

const BERLIN = 'bR4lnMt7Xa';
const SWITCH_ON: Record<Locale, string[]> = {
  'en-US': ['turn the light on at berlin central', 'yes'],
  'en-GB': ['turn the light on at berlin central', 'yes'],
  'de-DE': ['schalte das licht in berlin an', 'ja'],
};

describe('confirming an intent the skill asked to confirm (Dialog.ConfirmIntent)', () => {
  let setup: EchoOnSkill;
  beforeAll(async () => {
    setup = echoOnSkill({
      'en-US': { key: 'project', model: baseModel('en-US') },
      'en-GB': { key: 'project', model: baseModel('en-GB') },
      'de-DE': { key: 'project', model: baseModel('de-DE') },
    });
  });

  function lightOf(userId: string): string | undefined {
    return setup.store.settings.get(userId)?.get(BERLIN)?.light;
  }

  const confirmed: [Locale, string, string, string, string][] = [
    [
      'en-US',
      'turn the light on at berlin central',
      'yes',
      'on',
      'Shall I switch the light at Berlin Central on?',
    ],
    [
      'en-US',
      'turn the light off at berlin central',
      'yes please',
      'off',
      'Shall I switch the light at Berlin Central off?',
    ],
    [
      'en-US',
      'switch the light on at berlin',
      'sure',
      'on',
      'Shall I switch the light at Berlin Central on?',
    ],
    [
      'en-GB',
      'turn the light off at berlin central',
      'yes',
      'off',
      'Shall I switch the light at Berlin Central off?',
    ],
    [
      'de-DE',
      'schalte das licht in berlin aus',
      'ja',
      'off',
      'Soll ich das Licht in Berlin Mitte ausschalten?',
    ],
    [
      'de-DE',
      'schalte das licht in berlin an',
      'ja bitte',
      'on',
      'Soll ich das Licht in Berlin Mitte einschalten?',
    ],
  ];

  it.each(confirmed)(
    '%s: "%s", then "%s", sets the light %s',
    async (locale, request, answer, state, question) => {
      const { echo, store } = setup;
      const before = store.requests.length;
      const [asked, done] = await converse(echo, locale, [request, answer]);
      expect(asked?.spoken).toBe(question);
      expect(asked?.awaiting).toEqual({
        kind: 'intent-confirmation',
        intent: 'SetStationLightIntent',
        by: 'skill',
      });
      expect(done?.sessionId).toBe(asked?.sessionId);
      expect(sent(done!)).toEqual(['SetStationLightIntent/IN_PROGRESS/CONFIRMED']);
      // The same intent comes back, slots and all, only confirmed.
      const first = store.requests[before]?.request as IntentRequest;
      const second = store.requests[before + 1]?.request as IntentRequest;
      expect(second.intent.slots).toEqual(first.intent.slots);
      expect(done?.understanding).toMatchObject({
        intent: 'SetStationLightIntent',
        confirmationStatus: 'CONFIRMED',
        as: 'confirmation',
      });
      expect(lightOf(echo.identity.userId)).toBe(state);
      expect(done?.shouldEndSession).toBe(true);
    },
  );

  const denied: [Locale, string, string][] = [
    ['en-US', 'turn the light off at berlin central', 'no'],
    ['en-US', 'turn the light off at berlin central', 'no thanks'],
    ['en-GB', 'turn the light off at berlin central', 'no'],
    ['de-DE', 'schalte das licht in berlin aus', 'nein'],
    ['de-DE', 'schalte das licht in berlin aus', 'nein danke'],
  ];

  it.each(denied)('%s: "%s", then "%s", changes nothing', async (locale, request, answer) => {
    const { echo } = setup;
    // A known state first, so "nothing changed" can be seen.
    await converse(echo, locale, SWITCH_ON[locale]);
    expect(lightOf(echo.identity.userId)).toBe('on');
    const [, done] = await converse(echo, locale, [request, answer]);
    expect(sent(done!)).toEqual(['SetStationLightIntent/IN_PROGRESS/DENIED']);
    expect(done?.spoken).toMatch(
      locale === 'de-DE' ? /ändere ich nichts/ : /won't change anything/,
    );
    expect(lightOf(echo.identity.userId)).toBe('on');
  });

  it('understands anything other than yes or no normally, leaving the confirmation', async () => {
    const [, help, stop] = await converse(setup.echo, 'en-US', [
      'turn the light on at berlin central',
      'help',
      'stop',
    ]);
    expect(sent(help!)).toEqual(['AMAZON.HelpIntent/STARTED/NONE']);
    expect(help?.awaiting).toEqual({ kind: 'request' });
    expect(sent(stop!)).toEqual(['AMAZON.StopIntent/STARTED/NONE']);
    expect(stop?.shouldEndSession).toBe(true);
  });

  it('takes "yes" after the question was left as no confirmation at all', async () => {
    // Asked to confirm, the user asked for help instead: a later "yes" confirms nothing.
    const [, , yes] = await converse(setup.echo, 'en-US', [
      'turn the light off at berlin central',
      'help',
      'yes',
    ]);
    expect(sent(yes!)).toEqual(['AMAZON.FallbackIntent/STARTED/NONE']);
  });

  it('sends the first request of the dialog as STARTED, in the session the launch opened', async () => {
    const [launch, asked] = await converse(setup.echo, 'en-US', [
      'open live pulse',
      'turn the light on at berlin central',
    ]);
    expect(sent(launch!)).toEqual(['LaunchRequest']);
    expect(sent(asked!)).toEqual(['SetStationLightIntent/STARTED/NONE']);
    expect(asked?.request?.session?.new).toBe(false);
    expect(asked?.sessionId).toBe(launch?.sessionId);
  });
});
