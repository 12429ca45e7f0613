/**
 * The MCP server on `npm start`'s stack, through the SDK's own Client and Streamable HTTP
 * transport: the tools, the same numbers the skill speaks, a station change only once a person has
 * said yes (by elicitation, or by a preview and confirm: true), posts created and read back, the
 * bearer token, and bad input answered as tool errors.
 */
import {
  GetThingShadowCommand,
  IoTDataPlaneClient,
  UpdateThingShadowCommand,
} from '@aws-sdk/client-iot-data-plane';
import { PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { ElicitRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stationCatalog } from '../../domain/catalog';
import { Intent, Slot } from '../../domain/names';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { DEFAULT_TABLE_NAMES } from '../../lambda/rollups/tables';
import { sensorRollupToItem } from '../../lambda/rollups/sensorRollupItems';
import { STREAMS } from '../../lambda/rollups/streams';
import { kinesisClient } from '../../local/kinesis';
import { PROTECTED_RESOURCE_PATH } from '../../local/mcp';
import { startStack, type Stack } from '../../local/stack';
import { mcpClient, resultOf } from '../support/mcp';
import { freeBasePort } from '../support/ports';
import { intentRequest } from '../support/requests';
import { spoken } from '../support/speech';
import { until } from '../support/waiting';

const TOKEN = 'mcp-test-token';
const BERLIN = stationCatalog.byId('bR4lnMt7Xa')!;
const MUNICH = stationCatalog.byId('mUc9Alp3Zz')!;

let dataDir: string;
let stack: Stack;
let url: string;
let client: Client;
let kinesis: KinesisClient;
let iot: IoTDataPlaneClient;

async function ask(request: unknown): Promise<string> {
  const response = await fetch(`${stack.url}/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(response.status).toBe(200);
  return spoken((await response.json()) as ResponseEnvelope);
}

async function call<T = Record<string, unknown>>(
  tool: string,
  args: Record<string, unknown> = {},
  on: Client = client,
) {
  return resultOf<T>(await on.callTool({ name: tool, arguments: args }));
}

async function desired(stationId: string): Promise<Record<string, unknown>> {
  const { payload } = await iot.send(new GetThingShadowCommand({ thingName: stationId }));
  const shadow = JSON.parse(new TextDecoder().decode(payload)) as {
    state: { desired?: Record<string, unknown> };
  };
  return shadow.state.desired ?? {};
}

async function report(stationId: string, reported: Record<string, unknown>): Promise<void> {
  await iot.send(
    new UpdateThingShadowCommand({
      thingName: stationId,
      payload: new TextEncoder().encode(JSON.stringify({ state: { reported } })),
    }),
  );
}

/** Players of the game, each sending one event; partitioned by cognitoId as the telemetry is. */
async function play(players: number): Promise<void> {
  const records = Array.from({ length: players }, (_, i) => {
    const cognitoId = `us-east-1:mcp-${String(i).padStart(6, '0')}`;
    const event = {
      recordTime: Date.now() / 1000,
      cognitoId,
      os: ['Android', 'iOS', 'Windows Phone', 'other'][i % 3]!,
      quadrant: 'ABCD'[i % 4]!,
    };
    return { Data: Buffer.from(JSON.stringify(event)), PartitionKey: cognitoId };
  });
  const { FailedRecordCount } = await kinesis.send(
    new PutRecordsCommand({ StreamName: STREAMS.userEvents, Records: records }),
  );
  expect(FailedRecordCount).toBe(0);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-mcp-'));
  stack = await startStack({
    port: await freeBasePort(),
    dataDir,
    telemetry: false,
    apiToken: TOKEN,
  });
  url = `${stack.url}/mcp`;
  kinesis = kinesisClient(stack.endpoints.kinesis);
  iot = new IoTDataPlaneClient({});
  // Three seconds of players through the real stream and aggregate Lambda, then every window closed.
  for (const players of [40, 60, 96]) {
    await play(players);
    await new Promise((resolve) => setTimeout(resolve, 1200));
  }
  await stack.drain();
  // Berlin Central's two thermometers in the window that just ended.
  const windowTime = Math.floor(Date.now() / 60_000) * 60_000;
  const [first, second] = stationCatalog.sensorsOfType(BERLIN, 'temp');
  const thermometer = (sensorId: string, avgValue: number, count: number) =>
    sensorRollupToItem(
      {
        stationId: BERLIN.id,
        sensor: 'temp',
        sensorId,
        windowTime,
        avgValue,
        smoothAvgValue: avgValue - 0.5,
        sum: avgValue * count,
        count,
      },
      Math.floor(Date.now() / 1000) + 86_400,
    );
  await dynamoDocumentClient({ timeoutMs: 2000 }).send(
    new BatchWriteCommand({
      RequestItems: {
        [DEFAULT_TABLE_NAMES.sensorRollups]: [
          { PutRequest: { Item: thermometer(first!.id, 20, 60) } },
          { PutRequest: { Item: thermometer(second!.id, 22, 20) } },
        ],
      },
    }),
  );
  await report(BERLIN.id, { light: 'off', reportingIntervalSeconds: 60, batteryPercent: 80 });
  await report(MUNICH.id, { light: 'on', reportingIntervalSeconds: 60 });
  client = await mcpClient(url, { token: TOKEN });
}, 180_000);

afterAll(async () => {
  await client?.close();
  kinesis?.destroy();
  iot?.destroy();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('tools', () => {
  it('lists tools for players, stations and posts, each described, with input and output schemas', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      [
        'change_station_setting',
        'create_post',
        'get_post',
        'list_posts',
        'list_stations',
        'player_trend',
        'players_online',
        'station_sensors',
        'station_status',
      ].sort(),
    );
    for (const tool of tools) {
      expect([tool.name, tool.description!.length > 40]).toEqual([tool.name, true]);
      expect([tool.name, tool.inputSchema.type, tool.outputSchema?.type]).toEqual([
        tool.name,
        'object',
        'object',
      ]);
    }
    const change = tools.find((t) => t.name === 'change_station_setting')!;
    expect(change.inputSchema.properties).toMatchObject({
      light: { enum: ['on', 'off'] },
      reportingIntervalSeconds: { enum: [10, 30, 60, 300, 900] },
      confirm: { type: 'boolean' },
    });
    expect(change.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    expect(tools.find((t) => t.name === 'players_online')!.annotations).toMatchObject({
      readOnlyHint: true,
    });
  });
});

describe('players', () => {
  it('players_online returns the live total, the number the skill says', async () => {
    const { structured, text } = await call<{
      available: boolean;
      total: number;
      stale: boolean;
      byOs: Record<string, number>;
      byQuadrant: Record<string, number>;
    }>('players_online');
    const said = await ask(intentRequest(Intent.PlayersOnline));
    const spokenTotal = Number(/^(\d+) players? (?:is|are) online right now/.exec(said)?.[1]);
    expect(structured).toMatchObject({ available: true, stale: false, total: spokenTotal });
    expect(structured.total).toBeGreaterThan(0);
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b);
    expect(sum(structured.byOs)).toBe(structured.total);
    expect(sum(structured.byQuadrant)).toBe(structured.total);
    expect(text).toContain(`${structured.total} players online now`);
  });

  it('player_trend has the change, low, high and average the skill speaks', async () => {
    const { structured, text } = await call<{
      available: boolean;
      minutes: number;
      first: number;
      last: number;
      min: number;
      max: number;
      average: number;
    }>('player_trend', { minutes: 10 });
    const said = await ask(
      intentRequest(Intent.PlayersTrend, { [Slot.Duration]: { value: 'PT10M' } }),
    );
    const [, first, last] = /from (\d+) to (\d+)/.exec(said) ?? [];
    const [, low, high, average] =
      /low was (\d+), the high (\d+), and the average (\d+)/.exec(said) ?? [];
    expect(structured).toMatchObject({
      available: true,
      minutes: 10,
      first: Number(first),
      last: Number(last),
      min: Number(low),
      max: Number(high),
    });
    expect(Math.round(structured.average)).toBe(Number(average));
    expect(structured.max).toBe(96);
    expect(text).toMatch(/^Over the last 10 minutes, the number of players went up \d+%/);
  });

  it('player_trend cuts a span longer than the longest allowed, and says so', async () => {
    const { structured, text } = await call('player_trend', { minutes: 600 });
    expect(structured).toMatchObject({ requestedMinutes: 600, minutes: 60, capped: true });
    expect(text).toMatch(/^Cut to the longest span allowed, 60 minutes\. Over the last hour, /);
  });
});

describe('stations', () => {
  it('list_stations lists the catalog', async () => {
    const { structured } = await call<{ stations: { id: string; name: string }[] }>(
      'list_stations',
    );
    expect(structured.stations.map((s) => s.id)).toEqual(stationCatalog.stations.map((s) => s.id));
    expect(structured.stations.find((s) => s.id === BERLIN.id)).toMatchObject({
      name: 'Berlin Central',
      names: { 'de-DE': BERLIN.names['de-DE'].name },
    });
  });

  it("station_sensors weights the sensors' averages by their messages, as the skill does", async () => {
    const { structured, text } = await call<{
      readings: { sensor: string; available: boolean; average: number; sensorCount: number }[];
    }>('station_sensors', { station: 'Berlin Central', sensor: 'temp' });
    expect(structured.readings).toEqual([
      expect.objectContaining({
        sensor: 'temp',
        unit: '°C',
        available: true,
        average: 20.5,
        smoothedAverage: 20,
        sensorCount: 2,
        messageCount: 80,
        stale: false,
      }),
    ]);
    const said = await ask(
      intentRequest(Intent.SensorReading, {
        [Slot.Sensor]: { value: 'temperature', id: 'temp' },
        [Slot.Station]: { value: 'Berlin Central', id: BERLIN.id },
      }),
    );
    expect(said).toContain('averaged 20.5 degrees Celsius');
    expect(text).toContain('temperature: 20.5 °C (smoothed 20) from 2 sensors');
  });

  it('station_sensors without a type reads every type the station measures', async () => {
    const { structured } = await call<{ readings: { sensor: string; available: boolean }[] }>(
      'station_sensors',
      { station: BERLIN.id },
    );
    expect(structured.readings.map((r) => [r.sensor, r.available])).toEqual([
      ['vib', false],
      ['temp', true],
      ['hum', false],
      ['wind', false],
      ['pres', false],
    ]);
  });

  it('station_status reads the shadow: reported, when, and nothing pending', async () => {
    const { structured } = await call('station_status', { station: 'berlin central' });
    expect(structured).toMatchObject({
      station: { id: BERLIN.id, name: 'Berlin Central' },
      hasShadow: true,
      reported: { light: 'off', reportingIntervalSeconds: 60, batteryPercent: 80 },
      pending: {},
    });
    expect(Date.parse(String(structured.reportedAt))).toBeGreaterThan(Date.now() - 120_000);
  });
});

describe('changing a station setting', () => {
  it('without elicitation, previews first and writes nothing until confirm: true', async () => {
    const before = await desired(BERLIN.id);
    const preview = await call('change_station_setting', {
      station: 'Berlin Central',
      light: 'on',
    });
    expect(preview.structured).toMatchObject({
      outcome: 'preview',
      current: 'off',
      change: { light: 'on' },
    });
    expect(preview.text).toContain('Switch the light at Berlin Central on? It is off now.');
    expect(preview.text).toContain('confirm: true');
    expect(await desired(BERLIN.id)).toEqual(before);

    const confirmed = await call('change_station_setting', {
      station: 'Berlin Central',
      light: 'on',
      confirm: true,
    });
    expect(confirmed.structured).toMatchObject({ outcome: 'requested', confirmedBy: 'confirm' });
    expect(confirmed.text).toBe(
      "Done: asked Berlin Central to switch its light on. It hasn't confirmed yet; check station_status in a moment.",
    );
    expect(await desired(BERLIN.id)).toMatchObject({ light: 'on' });
    const status = await call('station_status', { station: BERLIN.id });
    expect(status.structured).toMatchObject({ pending: { light: 'on' } });
  });

  it('says honestly when the station already has the value', async () => {
    const { structured, text } = await call('change_station_setting', {
      station: MUNICH.id,
      reportingIntervalSeconds: 60,
      confirm: true,
    });
    expect(structured).toMatchObject({ outcome: 'alreadyApplied', current: 60 });
    expect(text).toBe('Munich Airport already takes a reading every minute.');
  });

  it('with a client that declares elicitation, asks the person and writes only on yes', async () => {
    const questions: ElicitRequest['params'][] = [];
    let answer: 'accept' | 'decline' = 'decline';
    const asking = await mcpClient(url, {
      token: TOKEN,
      elicit: (request) => {
        questions.push(request);
        return answer === 'accept'
          ? { action: 'accept', content: { confirm: true } }
          : { action: 'decline' };
      },
    });
    try {
      const before = await desired(MUNICH.id);
      // confirm: true is no yes when the person can be asked: they decline, nothing changes.
      const declined = await call(
        'change_station_setting',
        { station: 'Munich Airport', light: 'off', confirm: true },
        asking,
      );
      expect(declined.structured).toMatchObject({ outcome: 'declined' });
      expect(declined.text).toBe('Left Munich Airport as it is: the change was declined.');
      expect(await desired(MUNICH.id)).toEqual(before);
      expect(questions).toHaveLength(1);
      expect(questions[0]!.message).toBe('Switch the light at Munich Airport off? It is on now.');

      answer = 'accept';
      const accepted = await call(
        'change_station_setting',
        { station: 'Munich Airport', reportingIntervalSeconds: 300 },
        asking,
      );
      expect(accepted.structured).toMatchObject({
        outcome: 'requested',
        confirmedBy: 'elicitation',
        current: 60,
      });
      expect(questions[1]!.message).toBe(
        'Set Munich Airport to take a reading every 5 minutes? It takes one every minute now.',
      );
      expect(await desired(MUNICH.id)).toMatchObject({ reportingIntervalSeconds: 300 });
    } finally {
      await asking.close();
    }
  });

  it('asks no client that declares, on the request itself, that it takes no elicitation', async () => {
    let asked = 0;
    const asking = await mcpClient(url, {
      token: TOKEN,
      elicit: () => {
        asked += 1;
        return { action: 'accept' };
      },
    });
    try {
      const result = await asking.callTool({
        name: 'change_station_setting',
        arguments: { station: 'Seattle Harbor', light: 'on' },
        _meta: { 'io.modelcontextprotocol/clientCapabilities': {} },
      });
      expect(resultOf(result).structured).toMatchObject({ outcome: 'preview' });
      expect(asked).toBe(0);
    } finally {
      await asking.close();
    }
  });

  it.each([
    [
      { station: 'Atlantis', light: 'on' },
      /^No station is called "Atlantis"\. Stations: Seattle Harbor \(vzqHb8vgh0\)/,
    ],
    [{ station: BERLIN.id, light: 'on', reportingIntervalSeconds: 30 }, /^Give exactly one change/],
    [{ station: BERLIN.id }, /^Give exactly one change/],
    [
      { station: BERLIN.id, reportingIntervalSeconds: 45 },
      /reportingIntervalSeconds must be one of 10, 30, 60, 300, 900/,
    ],
    [{ station: BERLIN.id, light: 'dim' }, /light must be one of on, off/],
    [{ station: BERLIN.id, firmware: '9.9.9', confirm: true }, /Unrecognized key.*firmware/],
  ])('refuses %j as a tool error, changing nothing', async (args, message) => {
    const before = await desired(BERLIN.id);
    const { isError, text } = await call('change_station_setting', args);
    expect(isError).toBe(true);
    expect(text).toMatch(message);
    expect(await desired(BERLIN.id)).toEqual(before);
  });
});

describe('posts', () => {
  it('creates a post, reads it back through the tools and the posts API, and it gets rendered', async () => {
    const created = await call<{ postId: string; status: string }>('create_post', {
      text: 'The weather at Berlin Central is mild today.',
      title: 'Berlin weather',
    });
    expect(created.isError).toBe(false);
    expect(created.structured.status).toBe('PROCESSING');
    const { postId } = created.structured;

    const read = await call('get_post', { postId });
    expect(read.structured).toMatchObject({ postId, title: 'Berlin weather', voice: 'Matthew' });
    const api = await fetch(`${stack.url}/posts/${postId}`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await api.json()).toMatchObject({ postId, title: 'Berlin weather' });

    const done = await until('the post rendered', async () => {
      const { structured } = await call<{ status: string; audioUrl?: string }>('get_post', {
        postId,
      });
      return structured.status === 'PROCESSING' ? undefined : structured;
    });
    expect(done).toMatchObject({ status: 'COMPLETED', audioUrl: expect.stringContaining(postId) });
    const listed = await call<{ items: { postId: string }[] }>('list_posts', { limit: 5 });
    expect(listed.structured.items[0]!.postId).toBe(postId);
  }, 90_000);

  it.each([
    ['empty text', { text: '   ' }, 'EmptyText: text must not be empty'],
    [
      'text of 100,001 characters',
      { text: 'x'.repeat(100_001) },
      'TextTooLong: text has 100,001 characters; a post may have at most 100,000',
    ],
    ['an unknown voice', { text: 'Hallo', voice: 'Hal' }, 'UnknownVoice: unknown voice "Hal"'],
    [
      'a voice of another language',
      { text: 'Hallo', voice: 'Vicki', locale: 'en-US' },
      'VoiceLanguageMismatch: Vicki speaks de-DE, not en-US',
    ],
    [
      'SSML with <audio>',
      { text: '<speak><audio src="https://x/y.mp3"/></speak>', textType: 'ssml' },
      'InvalidSsml',
    ],
    [
      'an unknown textType',
      { text: 'Hallo', textType: 'markdown' },
      'textType must be "text" or "ssml"',
    ],
    ['no text', { title: 'no text' }, 'text is required and must be a string'],
  ])('create_post refuses %s as the posts API does, as a tool error', async (_, args, message) => {
    const { isError, text } = await call('create_post', args);
    expect(isError).toBe(true);
    expect(text).toContain(message);
  });

  it.each([
    ['get_post', { postId: 'not-a-post' }, 'No post not-a-post.'],
    ['get_post', { postId: '00000000-0000-4000-8000-000000000000' }, 'No post 00000000'],
    ['list_posts', { limit: 0 }, 'limit must be at least 1'],
    ['list_posts', { limit: 101 }, 'limit must be at most 100'],
    ['list_posts', { cursor: 'bogus' }, 'cursor is not one this API handed out'],
  ])('%s refuses %j as a tool error', async (tool, args, message) => {
    const { isError, text } = await call(tool, args);
    expect(isError).toBe(true);
    expect(text).toContain(message);
  });
});

describe('bad input', () => {
  it.each([
    ['players_online', { extra: 1 }, /Unrecognized key/],
    ['player_trend', { minutes: 0 }, /minutes must be more than 0/],
    ['player_trend', { minutes: 'ten' }, /expected number/i],
    ['station_sensors', { station: 'Berlin Central', sensor: 'rain' }, /Invalid option/],
    [
      'station_sensors',
      { station: 'London Docklands', sensor: 'vib' },
      /London Docklands does not measure vibration \(vib\); it measures temp, hum, wind, pres\./,
    ],
    ['station_status', {}, /station/],
    ['no_such_tool', {}, /Tool no_such_tool not found/],
  ])('%s with %j is a tool error with a clear message', async (tool, args, message) => {
    const { isError, text } = await call(tool, args);
    expect(isError).toBe(true);
    expect(text).toMatch(message);
  });
});

describe('the endpoint', () => {
  it('answers 401 without the token, with the challenge MCP asks of a protected resource', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(response.status).toBe(401);
    const metadata = `${stack.url}${PROTECTED_RESOURCE_PATH}`;
    expect(response.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${metadata}"`);
    const described = (await (await fetch(metadata)).json()) as Record<string, unknown>;
    expect(described).toEqual({
      resource: url,
      bearer_methods_supported: ['header'],
      resource_name: 'Pulse (local stack)',
    });
    await expect(mcpClient(url)).rejects.toThrow(/401|Unauthorized/);
  });

  it('answers 401 with invalid_token for a token that is not its own', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    await expect(mcpClient(url, { token: 'wrong' })).rejects.toThrow(/401|Unauthorized/);
  });

  it('refuses a request whose Host is not a loopback name: no DNS rebinding', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { hostname, port, pathname } = new URL(url);
      // (options, callback): the form every http.request accepts, nock's patched one included.
      const request = httpRequest(
        {
          hostname,
          port,
          path: pathname,
          method: 'POST',
          headers: { host: 'pulse.attacker.example', authorization: `Bearer ${TOKEN}` },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end('{}');
    });
    expect(status).toBe(403);
  });

  it.each(['GET', 'DELETE'])('answers %s with 405: no session, no stream', async (method) => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
  });

  it('refuses an answer no tool call waits for, and a body that is not JSON', async () => {
    const headers = {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    };
    const stray = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: 'pulse-nobody', result: { action: 'accept' } }),
    });
    expect(stray.status).toBe(400);
    expect(((await stray.json()) as { error: { message: string } }).error.message).toMatch(
      /No call here is waiting for an answer with id "pulse-nobody"/,
    );
    const garbled = await fetch(url, { method: 'POST', headers, body: '{"jsonrpc": ' });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toMatchObject({ error: { code: -32700 } });
  });
});
