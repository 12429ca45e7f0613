/** The local Device Shadow emulator, driven through the real @aws-sdk/client-iot-data-plane client. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConflictException,
  DeleteThingShadowCommand,
  GetThingShadowCommand,
  InternalFailureException,
  InvalidRequestException,
  IoTDataPlaneClient,
  ListNamedShadowsForThingCommand,
  PublishCommand,
  RequestEntityTooLargeException,
  ResourceNotFoundException,
  ThrottlingException,
  UpdateThingShadowCommand,
} from '@aws-sdk/client-iot-data-plane';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  startShadowService,
  type ShadowService,
  type ShadowServiceOptions,
} from '../../local/shadows';

const T0 = Date.UTC(2025, 0, 1) / 1000;
let clockSeconds = T0;

function clientFor(
  service: ShadowService,
  extra: Partial<ConstructorParameters<typeof IoTDataPlaneClient>[0]> = {},
): IoTDataPlaneClient {
  return new IoTDataPlaneClient({
    region: 'us-east-1',
    endpoint: service.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
    ...extra,
  });
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const decode = (payload: Uint8Array | undefined): unknown =>
  JSON.parse(new TextDecoder().decode(payload));

let service: ShadowService;
let client: IoTDataPlaneClient;

beforeAll(async () => {
  service = await startShadowService({ now: () => clockSeconds * 1000 });
  client = clientFor(service);
});

afterAll(async () => {
  client.destroy();
  await service.close();
});

let thingCounter = 0;
/** Each test gets its own thing, so tests do not see each other's shadows. */
const newThing = (): string => `station-${++thingCounter}`;

async function updateShadow(thingName: string, body: unknown, shadowName?: string) {
  const { payload } = await client.send(
    new UpdateThingShadowCommand({ thingName, shadowName, payload: encode(body) }),
  );
  return decode(payload);
}

async function getShadow(thingName: string, shadowName?: string) {
  const { payload } = await client.send(new GetThingShadowCommand({ thingName, shadowName }));
  return decode(payload);
}

describe('GetThingShadow', () => {
  it('throws ResourceNotFoundException with the AWS message for a shadow that does not exist', async () => {
    const thingName = newThing();
    const error = await getShadow(thingName).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({
      message: `No shadow exists with name: '${thingName}'`,
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('returns desired, reported, the delta, per-field metadata, version and timestamp', async () => {
    const thingName = newThing();
    clockSeconds = T0;
    await updateShadow(thingName, { state: { desired: { color: 'RED', state: 'STOP' } } });
    clockSeconds = T0 + 5;
    await updateShadow(thingName, { state: { reported: { color: 'GREEN', engine: 'ON' } } });
    clockSeconds = T0 + 9;

    expect(await getShadow(thingName)).toEqual({
      state: {
        desired: { color: 'RED', state: 'STOP' },
        reported: { color: 'GREEN', engine: 'ON' },
        delta: { color: 'RED', state: 'STOP' },
      },
      metadata: {
        desired: { color: { timestamp: T0 }, state: { timestamp: T0 } },
        reported: { color: { timestamp: T0 + 5 }, engine: { timestamp: T0 + 5 } },
      },
      version: 2,
      timestamp: T0 + 9,
    });
  });
});

describe('UpdateThingShadow', () => {
  it('answers with the state sent, its metadata, the new version and the clientToken', async () => {
    clockSeconds = T0 + 100;
    const accepted = await updateShadow(newThing(), {
      state: { desired: { lights: { color: { r: 255 } } } },
      clientToken: 'request-42',
    });
    expect(accepted).toEqual({
      state: { desired: { lights: { color: { r: 255 } } } },
      metadata: { desired: { lights: { color: { r: { timestamp: T0 + 100 } } } } },
      version: 1,
      timestamp: T0 + 100,
      clientToken: 'request-42',
    });
  });

  it('merges nested fields, keeps the path to a nested delta and restamps only changed fields', async () => {
    const thingName = newThing();
    clockSeconds = T0;
    await updateShadow(thingName, {
      state: {
        desired: { lights: { color: { r: 255, g: 255, b: 255 } } },
        reported: { lights: { color: { r: 255, g: 0, b: 255 } } },
      },
    });
    clockSeconds = T0 + 30;
    await updateShadow(thingName, { state: { desired: { lights: { color: { b: 0 } } } } });

    const document = await getShadow(thingName);
    expect(document).toMatchObject({
      state: {
        desired: { lights: { color: { r: 255, g: 255, b: 0 } } },
        delta: { lights: { color: { g: 255, b: 0 } } },
      },
      metadata: {
        desired: {
          lights: {
            color: { r: { timestamp: T0 }, g: { timestamp: T0 }, b: { timestamp: T0 + 30 } },
          },
        },
      },
      version: 2,
    });
  });

  it('deletes a field sent as null and a whole section sent as null', async () => {
    const thingName = newThing();
    await updateShadow(thingName, {
      state: { desired: { color: 'RED', mode: 'eco' }, reported: { color: 'GREEN' } },
    });
    await updateShadow(thingName, { state: { desired: { mode: null } } });
    expect(await getShadow(thingName)).toMatchObject({
      state: { desired: { color: 'RED' }, delta: { color: 'RED' } },
      metadata: { desired: { color: expect.any(Object) } },
    });

    await updateShadow(thingName, { state: { desired: null } });
    const document = await getShadow(thingName);
    expect(document).toMatchObject({ state: { reported: { color: 'GREEN' } }, version: 3 });
    expect(document).not.toHaveProperty('state.desired');
    expect(document).not.toHaveProperty('state.delta');
    expect(document).not.toHaveProperty('metadata.desired');
  });

  it('throws ConflictException when the version sent is not the current one, and applies it when it is', async () => {
    const thingName = newThing();
    await updateShadow(thingName, { state: { desired: { a: 1 } } });
    const conflict = await updateShadow(thingName, {
      state: { desired: { a: 2 } },
      version: 7,
    }).catch((caught: unknown) => caught);
    expect(conflict).toBeInstanceOf(ConflictException);
    expect(conflict).toMatchObject({
      message: 'Version conflict',
      $metadata: { httpStatusCode: 409 },
    });

    await expect(
      updateShadow(thingName, { state: { desired: { a: 2 } }, version: 1 }),
    ).resolves.toMatchObject({ version: 2 });
  });

  it.each([
    ['a body that is not JSON', '{"state": {', 'Invalid JSON'],
    ['a body without state', '{"desired": {}}', 'Missing required node: state'],
    [
      'a section nested deeper than 6 levels',
      JSON.stringify({ state: { reported: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } } } }),
      'JSON contains too many levels of nesting; maximum is 6',
    ],
  ])('throws InvalidRequestException for %s', async (_case, body, message) => {
    const error = await client
      .send(
        new UpdateThingShadowCommand({
          thingName: newThing(),
          payload: new TextEncoder().encode(body),
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  });

  it('throws RequestEntityTooLargeException when the state would exceed 8 KB, and keeps the old document', async () => {
    const thingName = newThing();
    await updateShadow(thingName, { state: { reported: { log: 'x'.repeat(5000) } } });
    const error = await updateShadow(thingName, {
      state: { desired: { note: 'y'.repeat(5000) } },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestEntityTooLargeException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 413 } });
    expect(await getShadow(thingName)).toMatchObject({ version: 1 });
  });

  it('throws RequestEntityTooLargeException for a request body over 128 KB', async () => {
    const error = await updateShadow(newThing(), {
      state: { desired: {} },
      padding: 'z'.repeat(130 * 1024),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestEntityTooLargeException);
  });

  it('throws InvalidRequestException for a thing or shadow name outside the allowed pattern', async () => {
    await expect(getShadow('bad thing!')).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(getShadow('x'.repeat(129))).rejects.toBeInstanceOf(InvalidRequestException);
    await expect(updateShadow(newThing(), { state: {} }, 'no/slashes')).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
  });
});

describe('DeleteThingShadow', () => {
  it('returns the deleted version, then the shadow is gone and a new one continues the count', async () => {
    const thingName = newThing();
    await updateShadow(thingName, { state: { desired: { a: 1 } } });
    await updateShadow(thingName, { state: { desired: { a: 2 } } });

    clockSeconds = T0 + 200;
    const { payload } = await client.send(new DeleteThingShadowCommand({ thingName }));
    expect(decode(payload)).toEqual({ version: 2, timestamp: T0 + 200 });
    await expect(getShadow(thingName)).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(client.send(new DeleteThingShadowCommand({ thingName }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );

    await updateShadow(thingName, { state: { reported: { b: 1 } } });
    expect(await getShadow(thingName)).toMatchObject({
      state: { reported: { b: 1 } },
      version: 3,
    });
  });
});

describe('named shadows', () => {
  it('are separate documents from the classic shadow of the same thing', async () => {
    const thingName = newThing();
    await updateShadow(thingName, { state: { desired: { volume: 3 } } });
    await updateShadow(thingName, { state: { desired: { volume: 9 } } }, 'audio');

    expect(await getShadow(thingName)).toMatchObject({ state: { desired: { volume: 3 } } });
    expect(await getShadow(thingName, 'audio')).toMatchObject({
      state: { desired: { volume: 9 } },
      version: 1,
    });
    await expect(getShadow(thingName, 'video')).rejects.toThrow(
      `No shadow exists with name: '${thingName}~video'`,
    );
  });

  it('are listed by name in pages, without the classic shadow or deleted ones', async () => {
    const thingName = newThing();
    await updateShadow(thingName, { state: {} });
    for (const shadowName of ['gamma', 'alpha', 'delta', 'beta']) {
      await updateShadow(thingName, { state: { reported: { on: true } } }, shadowName);
    }
    await client.send(new DeleteThingShadowCommand({ thingName, shadowName: 'delta' }));

    clockSeconds = T0 + 300;
    const first = await client.send(
      new ListNamedShadowsForThingCommand({ thingName, pageSize: 2 }),
    );
    expect(first).toMatchObject({ results: ['alpha', 'beta'], timestamp: T0 + 300 });
    expect(first.nextToken).toEqual(expect.any(String));

    const second = await client.send(
      new ListNamedShadowsForThingCommand({ thingName, pageSize: 2, nextToken: first.nextToken }),
    );
    expect(second.results).toEqual(['gamma']);
    expect(second.nextToken).toBeUndefined();
  });

  it('list as empty for a thing that has none', async () => {
    const listing = await client.send(
      new ListNamedShadowsForThingCommand({ thingName: newThing() }),
    );
    expect(listing.results).toEqual([]);
  });
});

describe('Publish', () => {
  it('accepts a message and keeps its topic, payload and qos', async () => {
    const response = await client.send(
      new PublishCommand({
        topic: 'stations/s1/commands',
        qos: 1,
        payload: encode({ play: 'jazz' }),
      }),
    );
    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(service.published.at(-1)).toEqual({
      topic: 'stations/s1/commands',
      payload: Buffer.from(JSON.stringify({ play: 'jazz' })),
      qos: 1,
      retain: false,
    });
  });
});

describe('in-process access', () => {
  it('shares the store with the HTTP API in both directions', async () => {
    const thingName = newThing();
    service.updateShadow(thingName, { state: { reported: { battery: 80 } } });
    expect(await getShadow(thingName)).toMatchObject({ state: { reported: { battery: 80 } } });

    await updateShadow(thingName, { state: { desired: { battery: 100 } } }, 'power');
    expect(service.getShadow(thingName, 'power')?.state.delta).toEqual({ battery: 100 });
    expect(service.getShadow(newThing())).toBeUndefined();
  });
});

describe('fault injection', () => {
  it('answers injected 429 and 500 as ThrottlingException and InternalFailureException, then recovers', async () => {
    const thingName = newThing();
    service.updateShadow(thingName, { state: { reported: { a: 1 } } });

    service.failNext(429);
    await expect(getShadow(thingName)).rejects.toBeInstanceOf(ThrottlingException);
    service.failNext(500);
    await expect(getShadow(thingName)).rejects.toBeInstanceOf(InternalFailureException);
    await expect(getShadow(thingName)).resolves.toMatchObject({ version: 1 });
  });

  it('lets a retrying client get through a transient throttle', async () => {
    const thingName = newThing();
    service.updateShadow(thingName, { state: { reported: { a: 1 } } });
    const retrying = clientFor(service, { maxAttempts: 3 });
    try {
      service.failNext(429);
      const response = await retrying.send(new GetThingShadowCommand({ thingName }));
      expect(response.$metadata.attempts).toBe(2);
    } finally {
      retrying.destroy();
    }
  });

  it('throttles every Nth request when configured to', async () => {
    const throttled = await startShadowService({ faults: { throttleEvery: 2 } });
    const throttledClient = clientFor(throttled);
    try {
      const outcomes = [];
      for (let attempt = 0; attempt < 4; attempt += 1) {
        outcomes.push(
          await throttledClient
            .send(new ListNamedShadowsForThingCommand({ thingName: 'thing' }))
            .then(
              () => 'ok',
              (error: unknown) => (error instanceof ThrottlingException ? 'throttled' : error),
            ),
        );
      }
      expect(outcomes).toEqual(['ok', 'throttled', 'ok', 'throttled']);
    } finally {
      throttledClient.destroy();
      await throttled.close();
    }
  });

  it('delays responses by latencyMs, so a client timeout shorter than that fires', async () => {
    const slow = await startShadowService({ latencyMs: 300 });
    const impatient = clientFor(slow, {
      requestHandler: new NodeHttpHandler({ requestTimeout: 50, throwOnRequestTimeout: true }),
    });
    try {
      const error = await impatient
        .send(new GetThingShadowCommand({ thingName: 'thing' }))
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'TimeoutError' });

      slow.setLatency(0);
      await expect(
        impatient.send(new GetThingShadowCommand({ thingName: 'thing' })),
      ).rejects.toBeInstanceOf(ResourceNotFoundException);
    } finally {
      impatient.destroy();
      await slow.close();
    }
  });
});

describe('persistence', () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'shadows-'));
  });

  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  async function withService<T>(
    options: ShadowServiceOptions,
    run: (running: ShadowService, runningClient: IoTDataPlaneClient) => Promise<T>,
  ): Promise<T> {
    const running = await startShadowService(options);
    const runningClient = clientFor(running);
    try {
      return await run(running, runningClient);
    } finally {
      runningClient.destroy();
      await running.close();
    }
  }

  it('keeps shadows, metadata and versions of deleted shadows across a restart', async () => {
    const dataFile = join(directory, 'nested', 'shadows.json');
    const options = { dataFile, now: () => T0 * 1000 };

    await withService(options, async (_running, writer) => {
      await writer.send(
        new UpdateThingShadowCommand({
          thingName: 'kitchen',
          payload: encode({ state: { desired: { volume: 4 }, reported: { volume: 2 } } }),
        }),
      );
      await writer.send(
        new UpdateThingShadowCommand({
          thingName: 'kitchen',
          shadowName: 'lights',
          payload: encode({ state: { reported: { on: true } } }),
        }),
      );
      await writer.send(
        new DeleteThingShadowCommand({ thingName: 'kitchen', shadowName: 'lights' }),
      );
    });
    expect(existsSync(dataFile)).toBe(true);
    expect(readdirSync(join(directory, 'nested'))).toEqual(['shadows.json']);

    await withService(options, async (_running, reader) => {
      const { payload } = await reader.send(new GetThingShadowCommand({ thingName: 'kitchen' }));
      expect(decode(payload)).toEqual({
        state: { desired: { volume: 4 }, reported: { volume: 2 }, delta: { volume: 4 } },
        metadata: {
          desired: { volume: { timestamp: T0 } },
          reported: { volume: { timestamp: T0 } },
        },
        version: 1,
        timestamp: T0,
      });
      const recreated = await reader.send(
        new UpdateThingShadowCommand({
          thingName: 'kitchen',
          shadowName: 'lights',
          payload: encode({ state: { reported: { on: false } } }),
        }),
      );
      expect(decode(recreated.payload)).toMatchObject({ version: 2 });
    });
  });

  it('refuses to start on a data file it cannot read as shadows', async () => {
    const dataFile = join(directory, 'shadows.json');
    writeFileSync(dataFile, '{"shadows": [{"thingName": 1}]}');
    await expect(startShadowService({ dataFile })).rejects.toThrow(
      `Cannot load shadows from ${dataFile}`,
    );
  });
});
