import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Intent, Slot } from '../../domain/names';
import { createSkillHandler, MalformedRequestError } from '../../lambda/skill';
import type { SkillConfig } from '../../lambda/skill/config';
import { createSkillServices } from '../../lambda/skill/services';
import { intentRequest, launchRequest } from '../support/requests';
import { spoken } from '../support/speech';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let config: SkillConfig;

beforeAll(async () => {
  stack = await startTestStack();
  config = await stack.freshConfig({ PULSE_DEPENDENCY_TIMEOUT_MS: '300' });
});

afterAll(async () => {
  await stack.close();
});

/**
 * Asks the skill once while one standard endpoint variable points elsewhere. The SDK resolves
 * endpoints lazily, at the first call, so the variable must hold until the answer is in.
 */
async function askWithEndpoint(variable: string, url: string, event: unknown) {
  const saved = process.env[variable];
  process.env[variable] = url;
  try {
    return await createSkillHandler({ config, services: createSkillServices(config) })(event);
  } finally {
    process.env[variable] = saved;
  }
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port where nothing listens any more. */
async function closedPort(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return url;
}

describe('when a dependency is down or hangs', () => {
  const sockets = new Set<Socket>();
  // Accepts connections and never answers: the worst kind of outage.
  const blackHole = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let blackHoleUrl: string;

  beforeAll(async () => {
    blackHoleUrl = await listen(blackHole);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
  });

  it('apologises briefly when DynamoDB refuses connections', async () => {
    const response = await askWithEndpoint(
      'AWS_ENDPOINT_URL_DYNAMODB',
      await closedPort(),
      intentRequest(Intent.PlayersOnline),
    );
    expect(spoken(response)).toBe(
      "Sorry, I can't reach the live numbers right now. Please try again in a moment.",
    );
    expect(response.response.shouldEndSession).toBe(true);
  });

  it('apologises in German when DynamoDB hangs, once the deadline passes', async () => {
    const response = await askWithEndpoint(
      'AWS_ENDPOINT_URL_DYNAMODB',
      blackHoleUrl,
      launchRequest({ locale: 'de-DE' }),
    );
    expect(spoken(response)).toBe(
      'Entschuldigung, ich erreiche die Live-Zahlen gerade nicht. Bitte versuch es gleich noch einmal.',
    );
  });

  it('apologises when the shadow service hangs', async () => {
    const response = await askWithEndpoint(
      'AWS_ENDPOINT_URL_IOT_DATA_PLANE',
      blackHoleUrl,
      intentRequest(Intent.StationStatus, {
        [Slot.Station]: { value: 'Berlin', id: 'bR4lnMt7Xa' },
      }),
    );
    expect(spoken(response)).toBe(
      "Sorry, I can't reach the stations right now. Please try again in a moment.",
    );
  });

  it('apologises when the shadow service answers with errors', async () => {
    stack.shadows.failNext(500, 10);
    const ask = createSkillHandler({ config, services: createSkillServices(config) });
    const response = await ask(
      intentRequest(Intent.StationStatus, {
        [Slot.Station]: { value: 'Berlin', id: 'bR4lnMt7Xa' },
      }),
    );
    expect(spoken(response)).toBe(
      "Sorry, I can't reach the stations right now. Please try again in a moment.",
    );
  });
  it('answers a button press on the device with nothing when DynamoDB is down: Alexa takes no speech there', async () => {
    const envelope = intentRequest(Intent.Next) as Record<string, unknown> & {
      context: Record<string, unknown>;
    };
    delete envelope.session;
    envelope.context = {
      ...envelope.context,
      AudioPlayer: { token: 'post-1', offsetInMilliseconds: 0 },
    };
    envelope.request = {
      type: 'PlaybackController.NextCommandIssued',
      requestId: 'r',
      timestamp: new Date().toISOString(),
      locale: 'en-US',
    };
    const response = await askWithEndpoint(
      'AWS_ENDPOINT_URL_DYNAMODB',
      await closedPort(),
      envelope,
    );
    expect(response.response).toEqual({ shouldEndSession: true });
  });
});

describe('malformed envelopes', () => {
  const ask = () => createSkillHandler({ config, services: createSkillServices(config) });
  const valid = intentRequest(Intent.PlayersOnline);

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an empty object', {}],
    ['no request', { ...valid, request: undefined }],
    ['a request without a type', { ...valid, request: { requestId: 'r', timestamp: 't' } }],
    [
      'an intent request without an intent',
      { ...valid, request: { ...(valid.request as object), intent: undefined } },
    ],
    [
      'an intent without a name',
      { ...valid, request: { ...(valid.request as object), intent: { slots: {} } } },
    ],
    [
      'slots that are not a map of slots',
      { ...valid, request: { ...(valid.request as object), intent: { name: 'X', slots: 'os' } } },
    ],
    ['a context without an application', { ...valid, context: { System: {} } }],
  ])('refuses %s with a MalformedRequestError naming the problem', async (_, event) => {
    await expect(ask()(event)).rejects.toThrow(MalformedRequestError);
  });

  it('names the path of what is wrong', async () => {
    await expect(
      ask()({ ...valid, request: { ...(valid.request as object), intent: { slots: {} } } }),
    ).rejects.toThrow(/request\.intent\.name/);
  });
});
