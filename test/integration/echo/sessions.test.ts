/** Sessions on the simulated Echo: launch and one-shot forms, the envelope Alexa sends, attributes, ends, identity, errors. */
import type {
  IntentRequest,
  RequestEnvelope,
  ResponseEnvelope,
  SessionEndedRequest,
} from 'ask-sdk-model';
import { DEFAULT_SKILL_ID } from '../../../local/nlu';
import {
  EchoLocaleError,
  InvalidEchoOptionsError,
  InvalidSpeechError,
  SessionLocaleMismatchError,
  SessionNotOpenError,
  SimulatedEcho,
} from '../../../local/voiceDevice';
import {
  baseEcho,
  baseModel,
  converse,
  echoOnSkill,
  MANIFEST,
  sent,
  withYesNo,
  type EchoOnSkill,
} from '../../support/echo/echoFixtures';

function decodeJwtPayload(token: string): Record<string, unknown> {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** A skill that answers from a script and keeps every request: for the response forms a real skill seldom sends. */
function scriptedSkill(
  answer: (
    envelope: RequestEnvelope,
  ) => ResponseEnvelope['response'] | Promise<ResponseEnvelope['response']>,
  sessionAttributes?: Record<string, unknown>,
) {
  const requests: RequestEnvelope[] = [];
  const skill = async (envelope: RequestEnvelope): Promise<ResponseEnvelope> => {
    requests.push(envelope);
    if (envelope.request.type === 'SessionEndedRequest') return { version: '1.0', response: {} };
    return {
      version: '1.0',
      ...(sessionAttributes && { sessionAttributes }),
      response: await answer(envelope),
    };
  };
  return { skill, requests };
}

const speak = (text: string) => ({ outputSpeech: { type: 'PlainText' as const, text } });

describe('launching the skill and one-shot requests', () => {
  let setup: EchoOnSkill;
  beforeAll(async () => {
    setup = echoOnSkill({
      'en-US': { key: 'base', model: baseModel('en-US') },
      'de-DE': { key: 'base', model: baseModel('de-DE') },
    });
  });

  it.each([
    ['en-US', 'open live pulse', 'Welcome to Live Pulse. What would you like to know?'],
    ['en-US', 'start live pulse', 'Welcome to Live Pulse. What would you like to know?'],
    ['en-US', 'Alexa, launch Live Pulse.', 'Welcome to Live Pulse. What would you like to know?'],
    ['en-US', 'ask live pulse', 'Welcome to Live Pulse. What would you like to know?'],
    ['de-DE', 'öffne live puls', 'Willkommen bei Live Puls. Was möchtest du wissen?'],
    ['de-DE', 'Alexa, starte Live Puls', 'Willkommen bei Live Puls. Was möchtest du wissen?'],
  ] as const)(
    '%s: "%s" sends a LaunchRequest in a new session',
    async (locale, utterance, welcome) => {
      const turn = await setup.echo.say(utterance, { locale });
      expect(sent(turn)).toEqual(['LaunchRequest']);
      expect(turn.request?.session?.new).toBe(true);
      expect(turn.spoken).toBe(welcome);
      expect(turn.shouldEndSession).toBe(false);
      expect(turn.awaiting).toEqual({ kind: 'request' });
      expect(turn.understanding).toBeUndefined();
    },
  );

  it.each([
    ['en-US', 'ask live pulse to turn the light on at berlin central', 'SetStationLightIntent'],
    ['en-US', 'Alexa, ask Live Pulse how many players are online', 'PlayersOnlineIntent'],
    ['en-US', 'how many players are online using live pulse', 'PlayersOnlineIntent'],
    ['de-DE', 'frag live puls wie viele spieler online sind', 'PlayersOnlineIntent'],
    ['de-DE', 'Alexa, frag Live Puls nach dem Status von Berlin', 'StationStatusIntent'],
  ] as const)('%s: "%s" sends %s in a new session', async (locale, utterance, intent) => {
    const turn = await setup.echo.say(utterance, { locale });
    expect(sent(turn)).toEqual([`${intent}/STARTED/NONE`]);
    expect(turn.request?.session?.new).toBe(true);
    expect(turn.understanding?.intent).toBe(intent);
  });

  it('starts the skill afresh when it is named in an open session, ending the old one', async () => {
    const [launch] = await converse(setup.echo, 'en-US', ['open live pulse']);
    const again = await setup.echo.say('ask live pulse how many players are online', {
      locale: 'en-US',
      sessionId: launch?.sessionId,
    });
    expect(sent(again)).toEqual([
      'SessionEndedRequest:USER_INITIATED',
      'PlayersOnlineIntent/STARTED/NONE',
    ]);
    expect(again.sessionId).not.toBe(launch?.sessionId);
    expect(setup.echo.session(launch!.sessionId!)).toBeUndefined();
  });

  it('treats words outside a session as a request to the skill (it is the only one on this Echo)', async () => {
    const turn = await setup.echo.say('how many players are online', { locale: 'en-US' });
    expect(sent(turn)).toEqual(['PlayersOnlineIntent/STARTED/NONE']);
    expect(turn.request?.session?.new).toBe(true);
  });
});

describe('the request envelope', () => {
  const clock = new Date('2026-03-07T21:52:27.345Z');
  function echoWith(
    skill: (e: RequestEnvelope) => Promise<ResponseEnvelope>,
    manifest: unknown = MANIFEST,
  ): SimulatedEcho {
    return baseEcho({ skill, manifest, now: () => clock }, ['en-US', 'de-DE']);
  }

  it("carries every field Alexa sends, with this Echo's user and device", async () => {
    const { skill, requests } = scriptedSkill(() => ({
      ...speak('Hello.'),
      shouldEndSession: false,
    }));
    const echo = echoWith(skill);
    await echo.say('turn the light on at berlin central', { locale: 'en-US' });
    const envelope = requests[0]!;
    const { userId, deviceId } = echo.identity;
    expect(userId).toMatch(/^amzn1\.ask\.account\.[A-Z2-7]{150,}$/);
    expect(deviceId).toMatch(/^amzn1\.ask\.device\.[A-Z2-7]{150,}$/);
    expect(envelope).toMatchObject({
      version: '1.0',
      session: { new: true, application: { applicationId: DEFAULT_SKILL_ID }, user: { userId } },
      context: {
        System: {
          application: { applicationId: DEFAULT_SKILL_ID },
          user: { userId },
          device: { deviceId, supportedInterfaces: { AudioPlayer: {} } },
          apiEndpoint: 'https://api.amazonalexa.com',
        },
        AudioPlayer: { playerActivity: 'IDLE' },
      },
      request: {
        type: 'IntentRequest',
        locale: 'en-US',
        timestamp: '2026-03-07T21:52:27Z',
        dialogState: 'STARTED',
      },
    });
    expect(envelope.session?.sessionId).toMatch(/^amzn1\.echo-api\.session\.[0-9a-f-]{36}$/);
    expect(envelope.request.requestId).toMatch(/^amzn1\.echo-api\.request\.[0-9a-f-]{36}$/);
    expect(envelope.session).not.toHaveProperty('attributes');
    const token = decodeJwtPayload(envelope.context.System.apiAccessToken ?? '');
    expect(token).toMatchObject({
      iss: 'AlexaSkillKit',
      sub: DEFAULT_SKILL_ID,
      aud: 'https://api.amazonalexa.com',
      privateClaims: { userId, deviceId },
    });
    expect(token.exp).toBe(Math.floor(clock.getTime() / 1000) + 3600);
    const intent = (envelope.request as IntentRequest).intent;
    expect(intent).toMatchObject({ name: 'SetStationLightIntent', confirmationStatus: 'NONE' });
    expect(intent.slots?.station).toMatchObject({
      name: 'station',
      value: 'berlin central',
      confirmationStatus: 'NONE',
      resolutions: {
        resolutionsPerAuthority: [
          {
            authority: `amzn1.er-authority.echo-sdk.${DEFAULT_SKILL_ID}.STATION`,
            status: { code: 'ER_SUCCESS_MATCH' },
            values: [{ value: { name: 'Berlin Central', id: 'bR4lnMt7Xa' } }],
          },
        ],
      },
    });
  });

  it('gives German requests the European API endpoint', async () => {
    const { skill, requests } = scriptedSkill(() => speak('Hallo.'));
    await echoWith(skill).say('öffne live puls', { locale: 'de-DE' });
    expect(requests[0]?.context.System.apiEndpoint).toBe('https://api.eu.amazonalexa.com');
    expect(requests[0]?.request).toEqual({
      type: 'LaunchRequest',
      requestId: expect.stringMatching(/^amzn1\.echo-api\.request\./),
      timestamp: '2026-03-07T21:52:27Z',
      locale: 'de-DE',
    });
  });

  it('reports only the interfaces the skill declares', async () => {
    const { skill, requests } = scriptedSkill(() => speak('Hello.'));
    await echoWith(skill, { manifest: { apis: { custom: { interfaces: [] } } } }).say(
      'open live pulse',
      { locale: 'en-US' },
    );
    expect(requests[0]?.context.System.device?.supportedInterfaces).toEqual({});
    expect(requests[0]?.context).not.toHaveProperty('AudioPlayer');
  });

  it('reports what the audio player plays after an AudioPlayer.Play', async () => {
    let now = new Date('2026-03-07T21:00:00Z');
    const { skill, requests } = scriptedSkill((e) =>
      e.request.type === 'LaunchRequest'
        ? {
            directives: [
              {
                type: 'AudioPlayer.Play',
                playBehavior: 'REPLACE_ALL',
                audioItem: {
                  stream: {
                    token: 'post-1',
                    url: 'https://example.com/p.mp3',
                    offsetInMilliseconds: 0,
                  },
                },
              },
            ],
            shouldEndSession: true,
          }
        : speak('OK.'),
    );
    const echo = baseEcho({ skill, now: () => now });
    await echo.say('open live pulse', { locale: 'en-US' });
    now = new Date('2026-03-07T21:00:05Z');
    await echo.say('ask live pulse how many players are online', { locale: 'en-US' });
    expect(requests[1]?.context.AudioPlayer).toEqual({
      token: 'post-1',
      offsetInMilliseconds: 5000,
      playerActivity: 'PLAYING',
    });
  });
});

describe('a session across turns', () => {
  let setup: EchoOnSkill;
  beforeAll(async () => {
    setup = echoOnSkill({ 'en-US': { key: 'base', model: baseModel('en-US') } });
  });

  it('carries the attributes the skill returned into the next request', async () => {
    const turns = await converse(setup.echo, 'en-US', [
      'open live pulse',
      'help',
      'how many players are online',
    ]);
    expect(turns[1]?.request?.session).toMatchObject({ new: false, attributes: { turns: 1 } });
    expect(turns[2]?.request?.session?.attributes).toEqual({ turns: 2 });
    expect(turns[2]?.response?.sessionAttributes).toEqual({ turns: 3, question: 'trend' });
    expect(setup.echo.session(turns[2]!.sessionId!)?.attributes).toEqual({
      turns: 3,
      question: 'trend',
    });
  });

  it('forgets attributes the skill does not return', async () => {
    let turn = 0;
    const { skill, requests } = scriptedSkill(() => ({
      ...speak('Yes?'),
      shouldEndSession: false,
    }));
    const withAttributes = async (e: RequestEnvelope): Promise<ResponseEnvelope> => {
      const response = await skill(e);
      turn += 1;
      return turn === 1 ? { ...response, sessionAttributes: { kept: 'only once' } } : response;
    };
    const echo = baseEcho({ skill: withAttributes });
    await converse(echo, 'en-US', ['open live pulse', 'help', 'help']);
    expect(requests[1]?.session?.attributes).toEqual({ kept: 'only once' });
    expect(requests[2]?.session).not.toHaveProperty('attributes');
  });

  it('takes the turns of one session one after the other, even when they come at once', async () => {
    const [launch] = await converse(setup.echo, 'en-US', ['open live pulse']);
    const sessionId = launch!.sessionId!;
    const [first, second] = await Promise.all([
      setup.echo.say('help', { locale: 'en-US', sessionId }),
      setup.echo.say('how many players are online', { locale: 'en-US', sessionId }),
    ]);
    expect(first.request?.session?.attributes).toEqual({ turns: 1 });
    expect(second.request?.session?.attributes).toEqual({ turns: 2 });
    // Words queued behind the turn that ended the session start a new one.
    const [stop, after] = await Promise.all([
      setup.echo.say('stop', { locale: 'en-US', sessionId }),
      setup.echo.say('help', { locale: 'en-US', sessionId }),
    ]);
    expect(stop.shouldEndSession).toBe(true);
    expect(after.sessionId).not.toBe(sessionId);
    expect(after.request?.session?.new).toBe(true);
  });

  it('"stop" is AMAZON.StopIntent, sent to the skill, which ends the session itself', async () => {
    const before = setup.store.ended.length;
    const [launch, stop] = await converse(setup.echo, 'en-US', ['open live pulse', 'stop']);
    expect(sent(stop!)).toEqual(['AMAZON.StopIntent/STARTED/NONE']);
    expect(stop?.spoken).toBe('Goodbye.');
    expect(stop?.shouldEndSession).toBe(true);
    expect(setup.store.ended.length).toBe(before);
    expect(setup.echo.session(launch!.sessionId!)).toBeUndefined();
  });

  it('"exit" ends the session with a SessionEndedRequest, USER_INITIATED, and says nothing', async () => {
    const [, exit] = await converse(setup.echo, 'en-US', ['open live pulse', 'exit']);
    expect(sent(exit!)).toEqual(['SessionEndedRequest:USER_INITIATED']);
    // The end of the session still carries the session and its attributes.
    expect(exit?.exchanges[0]?.request.session).toMatchObject({
      new: false,
      attributes: { turns: 1 },
    });
    expect(exit?.spoken).toBe('');
    expect(exit?.shouldEndSession).toBe(true);
    expect(setup.store.ended.at(-1)?.reason).toBe('USER_INITIATED');
  });

  it('end() ends an open session as the user does, and does nothing to one that is over', async () => {
    const [launch] = await converse(setup.echo, 'en-US', ['open live pulse']);
    const ended = await setup.echo.end({ sessionId: launch!.sessionId! });
    expect(sent(ended!)).toEqual(['SessionEndedRequest:USER_INITIATED']);
    await expect(setup.echo.end({ sessionId: launch!.sessionId! })).resolves.toBeUndefined();
  });

  it('reprompts once when the user says nothing, then ends the session (EXCEEDED_MAX_REPROMPTS)', async () => {
    const [launch] = await converse(setup.echo, 'en-US', ['open live pulse']);
    const sessionId = launch!.sessionId!;
    const first = await setup.echo.silence({ sessionId });
    expect(first.spoken).toBe('What would you like to know?');
    expect(first.exchanges).toEqual([]);
    expect(first.shouldEndSession).toBe(false);
    const second = await setup.echo.silence({ sessionId });
    expect(sent(second)).toEqual(['SessionEndedRequest:EXCEEDED_MAX_REPROMPTS']);
    expect(second.shouldEndSession).toBe(true);
    expect((setup.store.ended.at(-1) as SessionEndedRequest).reason).toBe('EXCEEDED_MAX_REPROMPTS');
    await expect(setup.echo.silence({ sessionId })).rejects.toThrow(SessionNotOpenError);
  });

  it('treats words with nothing to understand in them as saying nothing', async () => {
    const [launch, um, umAgain] = await converse(setup.echo, 'en-US', [
      'open live pulse',
      'um',
      'uh',
    ]);
    expect(um?.spoken).toBe('What would you like to know?');
    expect(um?.sessionId).toBe(launch?.sessionId);
    expect(sent(umAgain!)).toEqual(['SessionEndedRequest:EXCEEDED_MAX_REPROMPTS']);
  });

  it('a fresh answer gives the reprompt back', async () => {
    const [launch] = await converse(setup.echo, 'en-US', ['open live pulse']);
    const sessionId = launch!.sessionId!;
    await setup.echo.silence({ sessionId });
    await setup.echo.say('help', { locale: 'en-US', sessionId });
    const again = await setup.echo.silence({ sessionId });
    expect(again.spoken).toBe('What would you like to know?');
    expect(again.shouldEndSession).toBe(false);
  });

  it('a "yes" to the skill\'s own question is AMAZON.FallbackIntent when the model has no AMAZON.YesIntent', async () => {
    const [, , yes] = await converse(setup.echo, 'en-US', [
      'open live pulse',
      'how many players are online',
      'yes',
    ]);
    expect(sent(yes!)).toEqual(['AMAZON.FallbackIntent/STARTED/NONE']);
    expect(yes?.request?.session?.attributes).toMatchObject({ question: 'trend' });
  });

  it('is AMAZON.YesIntent / AMAZON.NoIntent when the model declares them', async () => {
    const { echo } = echoOnSkill({
      'en-US': { key: 'yes-no', model: withYesNo('en-US') },
      'de-DE': { key: 'yes-no', model: withYesNo('de-DE') },
    });
    const [, , yes] = await converse(echo, 'en-US', [
      'open live pulse',
      'how many players are online',
      'yes please',
    ]);
    expect(sent(yes!)).toEqual(['AMAZON.YesIntent/STARTED/NONE']);
    expect(yes?.spoken).toBe('The player count is up twelve percent.');
    const [, no] = await converse(echo, 'de-DE', [
      'frag live puls wie viele spieler online sind',
      'nein',
    ]);
    expect(sent(no!)).toEqual(['AMAZON.NoIntent/STARTED/NONE']);
    // A confirmation still takes yes / no as its answer, not as the intents.
    const [, confirmed] = await converse(echo, 'en-US', [
      'turn the light off at berlin central',
      'yes',
    ]);
    expect(sent(confirmed!)).toEqual(['SetStationLightIntent/IN_PROGRESS/CONFIRMED']);
  });
});

describe('how a response ends the session', () => {
  const cases: [string, ResponseEnvelope['response'], boolean][] = [
    ['shouldEndSession true', { ...speak('Bye.'), shouldEndSession: true }, true],
    ['shouldEndSession absent (an Echo has no screen)', speak('Done.'), true],
    ['shouldEndSession false', { ...speak('And?'), shouldEndSession: false }, false],
    [
      'shouldEndSession null',
      { ...speak('And?'), shouldEndSession: null as unknown as boolean },
      false,
    ],
    [
      'a dialog directive with shouldEndSession absent',
      {
        ...speak('Which station?'),
        directives: [{ type: 'Dialog.ElicitSlot', slotToElicit: 'station' }],
      },
      false,
    ],
  ];

  it.each(cases)('%s: session over = %s', async (_name, response, over) => {
    const { skill, requests } = scriptedSkill(() => response);
    const echo = baseEcho({ skill });
    const turn = await echo.say('turn the light on', { locale: 'en-US' });
    expect(turn.error).toBeUndefined();
    expect(turn.shouldEndSession).toBe(over);
    expect(echo.session(turn.sessionId!) === undefined).toBe(over);
    // The skill ended it (or Alexa closed it after speaking): no SessionEndedRequest.
    expect(requests.map((r) => r.request.type)).toEqual(['IntentRequest']);
  });

  it('ends a session whose response opens the microphone without a reprompt at the first silence', async () => {
    const { skill } = scriptedSkill(() => ({ ...speak('And?'), shouldEndSession: false }));
    const echo = baseEcho({ skill });
    const turn = await echo.say('open live pulse', { locale: 'en-US' });
    expect(sent(await echo.silence({ sessionId: turn.sessionId! }))).toEqual([
      'SessionEndedRequest:EXCEEDED_MAX_REPROMPTS',
    ]);
  });
});

describe('one user and one device across sessions', () => {
  it('keeps the user and device from session to session, so what was set up stays theirs', async () => {
    const { echo, store } = echoOnSkill({
      'en-US': { key: 'base', model: baseModel('en-US') },
    });
    const [asked, done] = await converse(echo, 'en-US', [
      'ask live pulse to turn the light on at berlin central',
      'yes',
    ]);
    expect(done?.shouldEndSession).toBe(true);
    const [status] = await converse(echo, 'en-US', [
      'ask live pulse what is the status of berlin central',
    ]);
    expect(status?.sessionId).not.toBe(asked?.sessionId);
    expect(status?.request?.session?.user.userId).toBe(asked?.request?.session?.user.userId);
    expect(status?.request?.context.System.device?.deviceId).toBe(
      asked?.request?.context.System.device?.deviceId,
    );
    expect(status?.spoken).toBe('The light at Berlin Central is on.');
    expect(store.settings.size).toBe(1);
  });

  it('is the same Echo at every start (ids derived from the skill id), and another when configured', async () => {
    const { echo, store } = echoOnSkill({
      'en-US': { key: 'base', model: baseModel('en-US') },
    });
    const { echo: restarted } = echoOnSkill({
      'en-US': { key: 'base', model: baseModel('en-US') },
    });
    expect(restarted.identity).toEqual(echo.identity);
    await converse(echo, 'en-US', ['ask live pulse to turn the light on at berlin central', 'yes']);
    const someoneElse = {
      userId: 'amzn1.ask.account.SOMEONEELSE',
      deviceId: 'amzn1.ask.device.KITCHEN',
    };
    const other = baseEcho({
      skill: (await import('../../support/echo/stationSkill')).stationSkill(
        store,
        DEFAULT_SKILL_ID,
      ),
      identity: someoneElse,
    });
    const [status] = await converse(other, 'en-US', [
      'ask live pulse what is the status of berlin central',
    ]);
    expect(status?.request?.context.System).toMatchObject({
      user: { userId: someoneElse.userId },
      device: { deviceId: someoneElse.deviceId },
    });
    expect(status?.spoken).toBe('Berlin Central has no light setting yet.');
  });
});

describe('when the skill fails, Alexa ends the session with an error', () => {
  const echoOn = (skill: (e: RequestEnvelope) => Promise<ResponseEnvelope>, timeoutMs?: number) =>
    baseEcho({ skill, ...(timeoutMs === undefined ? {} : { timeoutMs }) });

  it('an exception in the skill: the user hears of a problem, the skill gets ERROR / INVALID_RESPONSE', async () => {
    const requests: RequestEnvelope[] = [];
    const echo = echoOn(async (e) => {
      requests.push(e);
      if (e.request.type === 'IntentRequest')
        throw new TypeError('cannot read properties of undefined');
      return { version: '1.0', response: {} };
    });
    const turn = await echo.say('ask live pulse how many players are online', { locale: 'en-US' });
    expect(turn.spoken).toBe("There was a problem with the requested skill's response.");
    expect(turn.error).toEqual({
      type: 'INVALID_RESPONSE',
      message: 'An exception occurred while dispatching the request to the skill.',
      detail: 'TypeError: cannot read properties of undefined',
    });
    expect(turn.shouldEndSession).toBe(true);
    expect(requests[1]?.request).toMatchObject({
      type: 'SessionEndedRequest',
      reason: 'ERROR',
      error: { type: 'INVALID_RESPONSE' },
    });
  });

  it.each([
    [
      'a dialog directive that ends the session',
      {
        ...speak('Which station?'),
        shouldEndSession: true,
        directives: [{ type: 'Dialog.ElicitSlot', slotToElicit: 'station' }],
      },
      /must not be true/,
    ],
    [
      'a slot the intent does not have',
      {
        ...speak('Which colour?'),
        directives: [{ type: 'Dialog.ElicitSlot', slotToElicit: 'colour' }],
      },
      /slot "colour"/,
    ],
    [
      'a confirmation with nothing to ask it with',
      { directives: [{ type: 'Dialog.ConfirmIntent' }] },
      /needs outputSpeech/,
    ],
    [
      'two dialog directives',
      {
        ...speak('Hm?'),
        directives: [{ type: 'Dialog.ConfirmIntent' }, { type: 'Dialog.Delegate' }],
      },
      /one dialog directive/,
    ],
    [
      'SSML that is not well formed',
      { outputSpeech: { type: 'SSML', ssml: '<speak>Hello <emphasis>there</speak>' } },
      /is not SSML Alexa accepts: not well-formed XML/,
    ],
    ['speech over 8000 characters', speak('a'.repeat(8001)), /longer than 8000/],
  ] as [string, ResponseEnvelope['response'], RegExp][])(
    'an invalid response (%s) is INVALID_RESPONSE',
    async (_name, response, problem) => {
      const { skill, requests } = scriptedSkill(() => response);
      const turn = await echoOn(skill).say('turn the light on', { locale: 'en-US' });
      expect(turn.error?.type).toBe('INVALID_RESPONSE');
      expect(turn.error?.detail).toMatch(problem);
      expect(turn.spoken).toBe("There was a problem with the requested skill's response.");
      expect(requests.map((r) => r.request.type)).toEqual(['IntentRequest', 'SessionEndedRequest']);
      expect((requests[1]?.request as SessionEndedRequest).error?.type).toBe('INVALID_RESPONSE');
    },
  );

  it('a skill that does not answer in time: ENDPOINT_TIMEOUT', async () => {
    const { skill, requests } = scriptedSkill((e) =>
      e.request.type === 'IntentRequest' ? new Promise(() => undefined) : speak(''),
    );
    const turn = await echoOn(skill, 50).say('ask live pulse how many players are online', {
      locale: 'en-US',
    });
    expect(turn.error?.type).toBe('ENDPOINT_TIMEOUT');
    expect((requests[1]?.request as SessionEndedRequest).error?.type).toBe('ENDPOINT_TIMEOUT');
  });
});

describe('bad input gets a clear error', () => {
  let setup: EchoOnSkill;
  beforeAll(() => {
    setup = echoOnSkill({ 'en-US': { key: 'base', model: baseModel('en-US') } });
  });

  it('refuses an empty utterance, an unknown locale and a session in another locale', async () => {
    await expect(setup.echo.say('  ', { locale: 'en-US' })).rejects.toThrow(InvalidSpeechError);
    await expect(setup.echo.say(42 as unknown as string, { locale: 'en-US' })).rejects.toThrow(
      InvalidSpeechError,
    );
    await expect(setup.echo.say('hello', { locale: 'fr-FR' })).rejects.toThrow(EchoLocaleError);
    await expect(setup.echo.say('hallo', { locale: 'de-DE' })).rejects.toThrow(
      /speaks en-US, not "de-DE"/,
    );
    await expect(
      setup.echo.say('hello', { locale: 'en-US', sessionId: 7 as unknown as string }),
    ).rejects.toThrow(/sessionId/);
    const { echo } = echoOnSkill({
      'en-US': { key: 'base', model: baseModel('en-US') },
      'de-DE': { key: 'base', model: baseModel('de-DE') },
    });
    const [launch] = await converse(echo, 'en-US', ['open live pulse']);
    await expect(
      echo.say('hilfe', { locale: 'de-DE', sessionId: launch?.sessionId }),
    ).rejects.toThrow(SessionLocaleMismatchError);
  });

  it('starts a new session for a session id that is over', async () => {
    const [launch, stop] = await converse(setup.echo, 'en-US', ['open live pulse', 'stop']);
    expect(stop?.shouldEndSession).toBe(true);
    const next = await setup.echo.say('help', { locale: 'en-US', sessionId: launch?.sessionId });
    expect(next.sessionId).not.toBe(launch?.sessionId);
    expect(next.request?.session?.new).toBe(true);
  });

  it('lists every problem with the options', () => {
    const build = (options: unknown) => () =>
      new SimulatedEcho(options as ConstructorParameters<typeof SimulatedEcho>[0]);
    expect(build({ skill: 'nope', models: {} })).toThrow(
      /skill must be a function.*models must name at least one locale/,
    );
    const models = { 'en-US': baseModel('en-US') };
    const skill = async () => ({});
    expect(build({ skill, models, identity: { userId: 'bob' } })).toThrow(
      /identity.userId must look like amzn1.ask.account/,
    );
    expect(build({ skill, models: { 'fr-FR': {} } })).toThrow(InvalidEchoOptionsError);
    expect(build({ skill, models: { 'fr-FR': {} } })).toThrow(/locale fr-FR is not one of/);
    expect(build({ skill, models, skillId: 'my-skill' })).toThrow(/skillId must look like/);
    expect(build({ skill, models, nlu: 'trained' })).toThrow(/nlu must be a function/);
    expect(build({ skill, models, ssmlTarget: 'polly-neural' })).toThrow(/ssmlTarget must be/);
    const broken = structuredClone(baseModel('en-US')) as {
      interactionModel: { dialog: { intents: { slots: { prompts: Record<string, string> }[] }[] } };
    };
    broken.interactionModel.dialog.intents[0]!.slots[0]!.prompts = { elicitation: 'Nowhere' };
    expect(build({ skill, models: { 'en-US': broken } })).toThrow(/names prompt "Nowhere"/);
  });

  it('makes room for a new session by ending the one unused longest', async () => {
    const { skill, requests } = scriptedSkill(() => ({
      ...speak('Yes?'),
      shouldEndSession: false,
    }));
    const echo = baseEcho({ skill, maxSessions: 2 });
    const first = await echo.say('open live pulse', { locale: 'en-US' });
    const second = await echo.say('open live pulse', { locale: 'en-US' });
    await echo.say('help', { locale: 'en-US', sessionId: first.sessionId });
    await echo.say('open live pulse', { locale: 'en-US' });
    expect(echo.session(second.sessionId!)).toBeUndefined();
    expect(echo.session(first.sessionId!)).toBeDefined();
    const ended = requests.find((r) => r.request.type === 'SessionEndedRequest');
    expect(ended?.session?.sessionId).toBe(second.sessionId);
    expect((ended?.request as SessionEndedRequest).reason).toBe('EXCEEDED_MAX_REPROMPTS');
  });

  it('trains its NLU for the skill id it is given: resolution authorities name that skill', async () => {
    const { skill, requests } = scriptedSkill(() => speak('OK.'));
    const echo = new SimulatedEcho({
      skill,
      models: { 'en-US': baseModel('en-US') },
      skillId: 'amzn1.ask.skill.other',
    });
    expect(echo.skillId).toBe('amzn1.ask.skill.other');
    await echo.say('what is the status of berlin central', { locale: 'en-US' });
    const request = requests[0]?.request as IntentRequest;
    expect(
      request.intent.slots?.station?.resolutions?.resolutionsPerAuthority?.[0]?.authority,
    ).toBe('amzn1.er-authority.echo-sdk.amzn1.ask.skill.other.STATION');
    expect(requests[0]?.context.System.application.applicationId).toBe('amzn1.ask.skill.other');
  });
});
