/** Dialog.Delegate and auto delegation: Alexa runs the dialog model with its prompts and sends the completed intent. */
import type { IntentRequest, RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { SimulatedEcho } from '../../../local/voiceDevice';
import {
  baseModel,
  converse,
  echoOnSkill,
  fullDialogModel,
  nluFor,
  sent,
  type EchoOnSkill,
} from '../../support/echo/echoFixtures';

const BERLIN = 'bR4lnMt7Xa';

describe('a dialog the skill delegates to Alexa (Dialog.Delegate)', () => {
  let setup: EchoOnSkill;
  beforeAll(async () => {
    setup = echoOnSkill({
      'en-US': { key: 'full', model: fullDialogModel('en-US') },
      'de-DE': { key: 'full', model: fullDialogModel('de-DE') },
    });
  });

  it("elicits, validates and confirms with the model's prompts, then sends the intent COMPLETED", async () => {
    const { echo, store } = setup;
    const turns = await converse(echo, 'en-US', [
      'change the reporting interval',
      'hamburg',
      'berlin',
      'yes',
      'every five minutes',
      'yes',
    ]);
    const [start, unknown, station, stationConfirmed, interval, confirmed] = turns;
    // Elicitation prompt of the station (first variation: random is 0).
    expect(sent(start!)).toEqual(['SetReportingIntervalIntent/STARTED/NONE']);
    expect(start?.spoken).toBe("Which station's reporting interval should I change?");
    expect(start?.awaiting).toEqual({
      kind: 'slot-value',
      intent: 'SetReportingIntervalIntent',
      slot: 'station',
      by: 'dialog-model',
    });
    expect(start?.reprompt).toBe("Which station's reporting interval should I change?");
    // A station that does not resolve fails hasEntityResolutionMatch: the validation prompt, with the value said.
    expect(sent(unknown!)).toEqual(['SetReportingIntervalIntent/IN_PROGRESS/NONE']);
    expect(unknown?.spoken).toBe("I don't know a station called hamburg. Which station?");
    // The slot is confirmed with its own prompt.
    expect(station?.spoken).toBe('You mean berlin, right?');
    expect(station?.awaiting).toMatchObject({ kind: 'slot-confirmation', slot: 'station' });
    expect(
      (stationConfirmed?.request?.request as IntentRequest).intent.slots?.station
        ?.confirmationStatus,
    ).toBe('CONFIRMED');
    expect(stationConfirmed?.spoken).toBe(
      'How often should the station report? For example, every five minutes.',
    );
    // Then the whole intent.
    expect(interval?.spoken).toBe('Shall I change how often berlin reports?');
    expect(interval?.awaiting).toMatchObject({
      kind: 'intent-confirmation',
      intent: 'SetReportingIntervalIntent',
    });
    // "yes" goes to the skill IN_PROGRESS; it delegates again, nothing is left, so Alexa sends COMPLETED.
    expect(sent(confirmed!)).toEqual([
      'SetReportingIntervalIntent/IN_PROGRESS/CONFIRMED',
      'SetReportingIntervalIntent/COMPLETED/CONFIRMED',
    ]);
    const completed = (confirmed?.request?.request as IntentRequest).intent;
    expect(completed.slots?.interval?.value).toBe('PT5M');
    expect(completed.slots?.station?.value).toBe('berlin');
    expect(confirmed?.spoken).toBe('Berlin Central now reports every PT5M.');
    expect(confirmed?.shouldEndSession).toBe(true);
    expect(store.settings.get(echo.identity.userId)?.get(BERLIN)?.interval).toBe('PT5M');
    // One session throughout; every request of the dialog went to the skill.
    expect(new Set(turns.map((t) => t.sessionId)).size).toBe(1);
  });

  it('sends the denied intent COMPLETED and DENIED', async () => {
    const turns = await converse(setup.echo, 'en-US', [
      'set the reporting interval at berlin central to ten minutes',
      'yes',
      'no',
    ]);
    expect(turns[0]?.spoken).toBe('You mean berlin central, right?');
    expect(turns[1]?.spoken).toBe('Shall I change how often berlin central reports?');
    expect(sent(turns[2]!)).toEqual([
      'SetReportingIntervalIntent/IN_PROGRESS/DENIED',
      'SetReportingIntervalIntent/COMPLETED/DENIED',
    ]);
    expect(turns[2]?.spoken).toBe('OK, the reporting interval at Berlin Central stays as it is.');
  });

  it('asks for a denied slot again with its elicitation prompt', async () => {
    const [, denied, other] = await converse(setup.echo, 'en-US', [
      'set the reporting interval at berlin central to ten minutes',
      'no',
      'munich',
    ]);
    expect(
      (denied?.request?.request as IntentRequest).intent.slots?.station?.confirmationStatus,
    ).toBe('DENIED');
    expect(denied?.spoken).toBe("Which station's reporting interval should I change?");
    expect((other?.request?.request as IntentRequest).intent.slots?.station?.value).toBe('munich');
    expect(other?.spoken).toBe('You mean munich, right?');
  });

  it("chooses among a prompt's variations", async () => {
    const { echo } = echoOnSkill(
      { 'en-US': { key: 'full', model: fullDialogModel('en-US') } },
      { random: () => 0.99 },
    );
    const [start] = await converse(echo, 'en-US', ['change the reporting interval']);
    expect(start?.spoken).toBe('For which station?');
  });

  it('speaks the German prompts in German', async () => {
    const [start, station] = await converse(setup.echo, 'de-DE', [
      'ändere das meldeintervall',
      'berlin',
    ]);
    expect(start?.spoken).toBe('Für welche Station soll ich das Meldeintervall ändern?');
    expect(station?.spoken).toBe('Du meinst berlin, richtig?');
  });
});

describe('a dialog Alexa runs on its own (auto delegation, delegationStrategy ALWAYS)', () => {
  let setup: EchoOnSkill;
  beforeAll(async () => {
    setup = echoOnSkill({
      'en-US': { key: 'auto', model: fullDialogModel('en-US', 'ALWAYS') },
    });
  });

  it('calls the skill once, with the completed intent', async () => {
    const { echo, store } = setup;
    const before = store.requests.length;
    const turns = await converse(echo, 'en-US', [
      'open live pulse',
      'change the reporting interval',
      'berlin',
      'yes',
      'thirty seconds',
      'yes',
    ]);
    expect(turns.slice(1, 5).flatMap(sent)).toEqual([]);
    expect(turns[2]?.spoken).toBe('You mean berlin, right?');
    expect(sent(turns[5]!)).toEqual(['SetReportingIntervalIntent/COMPLETED/CONFIRMED']);
    expect(turns[5]?.spoken).toBe('Berlin Central now reports every PT30S.');
    expect(store.requests.length - before).toBe(2);
    expect(store.settings.get(echo.identity.userId)?.get(BERLIN)?.interval).toBe('PT30S');
  });

  it('sends an auto-delegated intent COMPLETED at once when everything it needs was said', async () => {
    const model = structuredClone(baseModel('en-US')) as {
      interactionModel: { dialog: { intents: { name: string; delegationStrategy?: string }[] } };
    };
    const light = model.interactionModel.dialog.intents.find(
      (i) => i.name === 'SetStationLightIntent',
    );
    if (light) light.delegationStrategy = 'ALWAYS';
    const { echo } = echoOnSkill({ 'en-US': { key: 'auto-light', model } });
    const [turn] = await converse(echo, 'en-US', ['turn the light on at berlin central']);
    expect(sent(turn!)).toEqual(['SetStationLightIntent/COMPLETED/NONE']);
    expect(turn?.spoken).toBe('Shall I switch the light at Berlin Central on?');
    // An intent without a dialog model is sent as it is heard.
    const [players] = await converse(echo, 'en-US', ['how many players are online']);
    expect(sent(players!)).toEqual(['PlayersOnlineIntent/STARTED/NONE']);
  });
});

describe('delegating from a launch to an intent (intent chaining), and delegating for ever', () => {
  it("speaks the skill's words, then the dialog model's prompt for the chained intent", async () => {
    const requests: RequestEnvelope[] = [];
    const skill = async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
      requests.push(envelope);
      const { request } = envelope;
      if (request.type === 'LaunchRequest') {
        return {
          version: '1.0',
          response: {
            outputSpeech: { type: 'PlainText', text: 'Welcome back.' },
            directives: [
              {
                type: 'Dialog.Delegate',
                updatedIntent: {
                  name: 'SetStationLightIntent',
                  confirmationStatus: 'NONE',
                  slots: {},
                },
              },
            ],
          },
        };
      }
      // Delegates whatever comes: once the dialog is COMPLETED that is a loop Alexa refuses.
      return { version: '1.0', response: { directives: [{ type: 'Dialog.Delegate' }] } };
    };
    const model = baseModel('en-US');
    const echo = new SimulatedEcho({
      skill,
      models: { 'en-US': model },
      nlu: (locale) => nluFor('base', locale, model),
      random: () => 0,
    });
    const [launch, station, state] = await converse(echo, 'en-US', [
      'open live pulse',
      'berlin',
      'off',
    ]);
    expect(launch?.spoken).toBe('Welcome back. Which station should I change the light at?');
    expect(launch?.awaiting).toEqual({
      kind: 'slot-value',
      intent: 'SetStationLightIntent',
      slot: 'station',
      by: 'dialog-model',
    });
    expect(sent(station!)).toEqual(['SetStationLightIntent/IN_PROGRESS/NONE']);
    expect(station?.spoken).toBe('Should I turn the light on or off?');
    expect(sent(state!)).toEqual([
      'SetStationLightIntent/IN_PROGRESS/NONE',
      'SetStationLightIntent/COMPLETED/NONE',
      'SessionEndedRequest:ERROR',
    ]);
    expect(state?.error?.type).toBe('INVALID_RESPONSE');
    expect(requests.at(-1)?.request).toMatchObject({
      type: 'SessionEndedRequest',
      reason: 'ERROR',
    });
  });
});
