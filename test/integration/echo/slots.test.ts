/** Dialog.ElicitSlot and Dialog.ConfirmSlot on the simulated Echo, and the NLU's slot-elicitation mode beneath them. */
import type { IntentRequest } from 'ask-sdk-model';
import type { Locale } from '../../../domain/locales';
import { UnknownSlotError, type Nlu } from '../../../local/nlu';
import {
  baseModel,
  converse,
  echoOnSkill,
  nluFor,
  sent,
  type EchoOnSkill,
} from '../../support/echo/echoFixtures';

describe('the NLU understanding an answer to a slot question', () => {
  let en: Nlu;
  let de: Nlu;
  beforeAll(async () => {
    en = await nluFor('project', 'en-US', baseModel('en-US'));
    de = await nluFor('project', 'de-DE', baseModel('de-DE'));
  });

  const answers: [Locale, string, string, string, string, string | undefined][] = [
    // locale, intent, slot, utterance, value, resolved id
    ['en-US', 'SetStationLightIntent', 'lightState', 'off', 'off', 'off'],
    ['en-US', 'SetStationLightIntent', 'lightState', 'turn it on', 'on', 'on'],
    ['en-US', 'SetStationLightIntent', 'lightState', 'off please', 'off', 'off'],
    ['en-US', 'SetStationLightIntent', 'station', 'berlin', 'berlin', 'bR4lnMt7Xa'],
    ['en-US', 'SetStationLightIntent', 'station', 'at the airport', 'the airport', 'mUc9Alp3Zz'],
    ['en-US', 'SetStationLightIntent', 'station', 'um berlin please', 'berlin', 'bR4lnMt7Xa'],
    ['en-US', 'SetReportingIntervalIntent', 'interval', 'thirty seconds', 'PT30S', undefined],
    ['en-US', 'SetReportingIntervalIntent', 'interval', 'every five minutes', 'PT5M', undefined],
    ['en-US', 'SetReportingIntervalIntent', 'interval', 'once every hour', 'PT1H', undefined],
    ['de-DE', 'SetStationLightIntent', 'lightState', 'aus', 'aus', 'off'],
    ['de-DE', 'SetStationLightIntent', 'lightState', 'schalte es an', 'an', 'on'],
    ['de-DE', 'SetStationLightIntent', 'station', 'in münchen', 'münchen', 'mUc9Alp3Zz'],
    ['de-DE', 'SetReportingIntervalIntent', 'interval', 'dreißig sekunden', 'PT30S', undefined],
    ['de-DE', 'SetReportingIntervalIntent', 'interval', 'alle fünf minuten', 'PT5M', undefined],
  ];

  it.each(answers)(
    '%s: asked for %s.%s, "%s" is the value %s',
    async (locale, intent, slot, utterance, value, id) => {
      const nlu = locale === 'de-DE' ? de : en;
      const understood = await nlu.understand(utterance, { eliciting: { intent, slot } });
      expect(understood.elicitedSlot).toBe(slot);
      expect(understood.intent.name).toBe(intent);
      const filled = understood.intent.slots?.[slot];
      expect(filled?.value).toBe(value);
      if (id !== undefined) {
        expect(filled?.resolutions?.resolutionsPerAuthority?.[0]?.status.code).toBe(
          'ER_SUCCESS_MATCH',
        );
        expect(filled?.resolutions?.resolutionsPerAuthority?.[0]?.values?.[0]?.value.id).toBe(id);
      }
    },
  );

  it('takes a value of the slot over a built-in that shares the word ("off", "aus" are also "stop")', async () => {
    expect((await en.understand('off')).intent.name).toBe('AMAZON.StopIntent');
    expect(
      (
        await en.understand('off', {
          eliciting: { intent: 'SetStationLightIntent', slot: 'lightState' },
        })
      ).elicitedSlot,
    ).toBe('lightState');
    expect(
      (
        await de.understand('aus', {
          eliciting: { intent: 'SetStationLightIntent', slot: 'lightState' },
        })
      ).elicitedSlot,
    ).toBe('lightState');
  });

  it('takes an unknown station as the value, unresolved (ER_SUCCESS_NO_MATCH), as Alexa fills a custom slot', async () => {
    for (const utterance of ['hamburg', 'at hamburg']) {
      const understood = await en.understand(utterance, {
        eliciting: { intent: 'SetStationLightIntent', slot: 'station' },
      });
      expect(understood.elicitedSlot).toBe('station');
      expect(understood.intent.slots?.station?.value).toBe('hamburg');
      expect(
        understood.intent.slots?.station?.resolutions?.resolutionsPerAuthority?.[0]?.status.code,
      ).toBe('ER_SUCCESS_NO_MATCH');
    }
  });

  it('understands a built-in or a request of its own normally', async () => {
    const eliciting = { intent: 'SetStationLightIntent', slot: 'lightState' };
    expect((await en.understand('stop', { eliciting })).intent.name).toBe('AMAZON.StopIntent');
    expect((await en.understand('help', { eliciting })).intent.name).toBe('AMAZON.HelpIntent');
    expect((await de.understand('hilfe', { eliciting })).intent.name).toBe('AMAZON.HelpIntent');
    const other = await en.understand('what is the temperature at seattle harbor', {
      eliciting: { intent: 'SetStationLightIntent', slot: 'station' },
    });
    expect(other.elicitedSlot).toBeUndefined();
    expect(other.intent.name).toBe('SensorReadingIntent');
    const pizza = await en.understand('pizza', {
      eliciting: { intent: 'SetReportingIntervalIntent', slot: 'interval' },
    });
    expect(pizza.elicitedSlot).toBeUndefined();
  });

  it('refuses to elicit a slot the model does not have', async () => {
    await expect(
      en.understand('berlin', { eliciting: { intent: 'SetStationLightIntent', slot: 'colour' } }),
    ).rejects.toThrow(UnknownSlotError);
    await expect(
      en.understand('berlin', { eliciting: { intent: 'NoSuchIntent', slot: 'station' } }),
    ).rejects.toThrow(/no intent "NoSuchIntent"/);
  });
});

describe('a slot the skill asks for (Dialog.ElicitSlot)', () => {
  let setup: EchoOnSkill;
  beforeAll(async () => {
    setup = echoOnSkill({
      'en-US': { key: 'project', model: baseModel('en-US') },
      'de-DE': { key: 'project', model: baseModel('de-DE') },
    });
  });

  it('sends the answer as the same intent with the slot filled, IN_PROGRESS', async () => {
    const { echo, store } = setup;
    const [asked, answered, done] = await converse(echo, 'en-US', [
      'turn the light on',
      'berlin',
      'yes',
    ]);
    expect(asked?.spoken).toBe('Which station?');
    expect(asked?.awaiting).toEqual({
      kind: 'slot-value',
      intent: 'SetStationLightIntent',
      slot: 'station',
      by: 'skill',
    });
    expect(sent(answered!)).toEqual(['SetStationLightIntent/IN_PROGRESS/NONE']);
    const intent = (answered?.request?.request as IntentRequest).intent;
    expect(intent.slots?.station?.value).toBe('berlin');
    expect(intent.slots?.lightState?.value).toBe('on');
    expect(answered?.understanding).toMatchObject({
      intent: 'SetStationLightIntent',
      as: 'slot-value',
      slots: { station: 'berlin', lightState: 'on' },
    });
    expect(answered?.understanding?.resolutions.station).toEqual({
      status: 'ER_SUCCESS_MATCH',
      values: [{ id: 'bR4lnMt7Xa', name: 'Berlin Central' }],
    });
    expect(answered?.spoken).toBe('Shall I switch the light at Berlin Central on?');
    expect(sent(done!)).toEqual(['SetStationLightIntent/IN_PROGRESS/CONFIRMED']);
    expect(store.settings.get(echo.identity.userId)?.get('bR4lnMt7Xa')?.light).toBe('on');
  });

  it('hears "off" asked "on or off?" as the value, not as stop (en-US and de-DE)', async () => {
    const { echo } = setup;
    const [askedState, state] = await converse(echo, 'en-US', [
      'switch the light at berlin central',
      'off',
    ]);
    expect(askedState?.spoken).toBe('Should I switch the light at Berlin Central on or off?');
    expect(askedState?.awaiting).toMatchObject({ kind: 'slot-value', slot: 'lightState' });
    expect(sent(state!)).toEqual(['SetStationLightIntent/IN_PROGRESS/NONE']);
    expect((state?.request?.request as IntentRequest).intent.slots?.lightState?.value).toBe('off');
    const [askedDe, stateDe] = await converse(echo, 'de-DE', ['mach in berlin das licht', 'aus']);
    expect(askedDe?.awaiting).toMatchObject({ kind: 'slot-value', slot: 'lightState' });
    expect((stateDe?.request?.request as IntentRequest).intent.slots?.lightState?.value).toBe(
      'aus',
    );
    expect(stateDe?.spoken).toBe('Soll ich das Licht in Berlin Mitte ausschalten?');
  });

  it('sends a value it cannot resolve as ER_SUCCESS_NO_MATCH, for the skill to ask again', async () => {
    const [, unknown] = await converse(setup.echo, 'en-US', ['turn the light on', 'hamburg']);
    const station = (unknown?.request?.request as IntentRequest).intent.slots?.station;
    expect(station?.value).toBe('hamburg');
    expect(station?.resolutions?.resolutionsPerAuthority?.[0]?.status.code).toBe(
      'ER_SUCCESS_NO_MATCH',
    );
    expect(unknown?.spoken).toBe('Which station?');
  });

  it('understands anything that is no value as a request of its own', async () => {
    const [, help] = await converse(setup.echo, 'en-US', ['turn the light on', 'help']);
    expect(sent(help!)).toEqual(['AMAZON.HelpIntent/STARTED/NONE']);
    expect(help?.awaiting).toEqual({ kind: 'request' });
  });

  it('keeps what was said before when the request is said again with the missing slot', async () => {
    const [, again] = await converse(setup.echo, 'en-US', [
      'turn the light on',
      'turn the light on at the airport',
    ]);
    expect(sent(again!)).toEqual(['SetStationLightIntent/IN_PROGRESS/NONE']);
    expect(again?.spoken).toBe('Shall I switch the light at Munich Airport on?');
  });
});

describe('a slot the skill asks to confirm (Dialog.ConfirmSlot)', () => {
  let setup: EchoOnSkill;
  beforeAll(async () => {
    setup = echoOnSkill({
      'en-US': { key: 'project', model: baseModel('en-US') },
      'de-DE': { key: 'project', model: baseModel('de-DE') },
    });
  });

  it('"yes" sets the slot CONFIRMED', async () => {
    const [asked, yes] = await converse(setup.echo, 'en-US', [
      'what is the status of berlin',
      'yes',
    ]);
    expect(asked?.spoken).toBe('Did you mean Berlin Central?');
    expect(asked?.awaiting).toEqual({
      kind: 'slot-confirmation',
      intent: 'StationStatusIntent',
      slot: 'station',
      by: 'skill',
    });
    expect(sent(yes!)).toEqual(['StationStatusIntent/IN_PROGRESS/NONE']);
    const intent = (yes?.request?.request as IntentRequest).intent;
    expect(intent.slots?.station?.confirmationStatus).toBe('CONFIRMED');
    expect(intent.slots?.station?.value).toBe('berlin');
    expect(yes?.spoken).toBe('Berlin Central has no light setting yet.');
  });

  it('"no" sets it DENIED; the skill asks again and the new value comes back unconfirmed', async () => {
    const [, no, other] = await converse(setup.echo, 'en-US', [
      'what is the status of berlin',
      'no',
      'the airport',
    ]);
    expect((no?.request?.request as IntentRequest).intent.slots?.station?.confirmationStatus).toBe(
      'DENIED',
    );
    expect(no?.spoken).toBe('Which station then?');
    const station = (other?.request?.request as IntentRequest).intent.slots?.station;
    expect(station?.value).toBe('the airport');
    expect(station?.confirmationStatus).toBe('NONE');
    expect(other?.spoken).toBe('Munich Airport has no light setting yet.');
  });

  it('in German: "ja" confirms the slot', async () => {
    const [asked, ja] = await converse(setup.echo, 'de-DE', ['wie ist der status in berlin', 'ja']);
    expect(asked?.spoken).toBe('Did you mean Berlin Mitte?');
    expect((ja?.request?.request as IntentRequest).intent.slots?.station?.confirmationStatus).toBe(
      'CONFIRMED',
    );
  });
});
