/**
 * The MCP server's statistics on `npm start`'s stack, through the SDK's own Client over HTTP:
 * highest, lowest and average of a sensor type over a period (and when they are of minute
 * averages), the players' peak and low, what is usual for the hour; bad periods and arguments
 * answered as tool errors; no alert tools.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stationCatalog } from '../../domain/catalog';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { playerRollupToItem } from '../../lambda/rollups/playerRollupItems';
import type { PlayerRollup } from '../../lambda/rollups/playerRollups';
import { sensorRollupToItem } from '../../lambda/rollups/sensorRollupItems';
import { startOfLocalDay } from '../../lambda/rollups/statistics';
import { DEFAULT_TABLE_NAMES } from '../../lambda/rollups/tables';
import { startStack, type Stack } from '../../local/stack';
import { mcpClient, resultOf } from '../support/mcp';
import { freeBasePort } from '../support/ports';
import { temperatureRollup } from '../support/stack';

const TOKEN = 'mcp-statistics-token';
const BERLIN = stationCatalog.byId('bR4lnMt7Xa')!;
const MUNICH = stationCatalog.byId('mUc9Alp3Zz')!;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

let dataDir: string;
let stack: Stack;
let client: Client;
/** When the data was written: the windows below are placed back from it. */
let now: number;

async function call<T = Record<string, unknown>>(tool: string, args: Record<string, unknown> = {}) {
  return resultOf<T>(await client.callTool({ name: tool, arguments: args }));
}

const expiresAt = () => Math.floor(Date.now() / 1000) + 30 * 86_400;

function sensorWindow(
  station: typeof BERLIN,
  sensorId: string,
  windowTime: number,
  avgValue: number,
  extremes?: { minValue: number; maxValue: number },
): Record<string, unknown> {
  const rollup = temperatureRollup(station.id, sensorId, windowTime, avgValue, extremes);
  return sensorRollupToItem(rollup, expiresAt()) as unknown as Record<string, unknown>;
}

function players(windowTime: number, userCount: number): Record<string, unknown> {
  const rollup: PlayerRollup = {
    windowTime,
    userCount,
    byOs: { android: userCount, ios: 0, windowsphone: 0, other: 0 },
    byQuadrant: { A: userCount, B: 0, C: 0, D: 0 },
  } as unknown as PlayerRollup;
  return playerRollupToItem(rollup, expiresAt()) as unknown as Record<string, unknown>;
}

async function put(table: string, items: Record<string, unknown>[]): Promise<void> {
  const dynamo = dynamoDocumentClient({ timeoutMs: 5000 });
  for (let i = 0; i < items.length; i += 25) {
    await dynamo.send(
      new BatchWriteCommand({
        RequestItems: {
          [table]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
        },
      }),
    );
  }
  dynamo.destroy();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-mcp-statistics-'));
  stack = await startStack({
    port: await freeBasePort(),
    dataDir,
    telemetry: false,
    apiToken: TOKEN,
  });
  now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const [berlinThermometer] = stationCatalog.sensorsOfType(BERLIN, 'temp');
  const [munichThermometer] = stationCatalog.sensorsOfType(MUNICH, 'temp');
  // Berlin Central as persist stores the SQL apps' rollups: averages only, no minimum or maximum.
  // Munich Airport as aggregate keeps them: each window's own minimum and maximum.
  await put(DEFAULT_TABLE_NAMES.sensorRollups, [
    sensorWindow(BERLIN, berlinThermometer!.id, now - 50 * MINUTE, 12.5),
    sensorWindow(BERLIN, berlinThermometer!.id, now - 30 * MINUTE, 31.5),
    sensorWindow(BERLIN, berlinThermometer!.id, now - 10 * MINUTE, 18.25),
    sensorWindow(MUNICH, munichThermometer!.id, now - 20 * MINUTE, 20, {
      minValue: 15,
      maxValue: 25,
    }),
  ]);
  // Players: this hour of the three days before, 200 to 219 each minute (what is usual); in the
  // last hour a low of 50 and a peak of 300; now 80.
  const latest = Date.now() - 1000;
  const earlier = [1, 2, 3].flatMap((day) =>
    Array.from({ length: 40 }, (_, i) =>
      players(latest - day * DAY - (latest % HOUR) + i * 1000, 200 + (i % 20)),
    ),
  );
  await put(DEFAULT_TABLE_NAMES.userRollups, [
    ...earlier,
    players(now - 40 * MINUTE, 50),
    players(now - 20 * MINUTE, 300),
    players(latest, 80),
  ]);
  client = await mcpClient(`${stack.url}/mcp`, { token: TOKEN });
}, 180_000);

afterAll(async () => {
  await client?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('lists the statistics tools as read-only, and no alert tool', async () => {
  const { tools } = await client.listTools();
  for (const name of ['sensor_statistics', 'player_statistics', 'usual_range']) {
    const found = tools.find((t) => t.name === name);
    expect(found?.description).toBeTruthy();
    expect(found?.outputSchema).toBeDefined();
    expect(found?.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
  }
  expect(tools.filter((t) => /alert/.test(t.name))).toEqual([]);
});

describe('sensor_statistics', () => {
  it('says the highest, lowest and average over the last hour, and that they are of minute averages', async () => {
    const { structured, text, isError } = await call('sensor_statistics', {
      station: 'Berlin Central',
      sensor: 'temp',
    });
    expect(isError).toBe(false);
    expect(structured).toMatchObject({
      station: { id: BERLIN.id, name: 'Berlin Central' },
      sensor: 'temp',
      unit: '°C',
      timeZone: 'Europe/Berlin',
      windows: 3,
      highest: { value: 31.5, at: new Date(now - 30 * MINUTE).toISOString() },
      lowest: { value: 12.5, at: new Date(now - 50 * MINUTE).toISOString() },
      average: 20.75,
      latest: { value: 18.25 },
      extremesFromAverages: true,
    });
    expect(text).toContain('highest 31.5 °C');
    expect(text).toContain('lowest 12.5 °C');
    expect(text).toContain('average 20.8 °C'); // spoken precision: one decimal above 10
    expect(text).toContain('of the minute averages');
  });

  it("takes a window's own minimum and maximum where it kept them", async () => {
    const { structured, text } = await call('sensor_statistics', {
      station: MUNICH.id,
      sensor: 'temp',
      period: 'PT2H',
    });
    expect(structured).toMatchObject({
      highest: { value: 25 },
      lowest: { value: 15 },
      average: 20,
      extremesFromAverages: false,
    });
    expect(text).not.toContain('minute averages');
  });

  it('covers the ISO 8601 duration asked for, or today', async () => {
    const recent = await call('sensor_statistics', {
      station: BERLIN.id,
      sensor: 'temp',
      period: 'PT20M',
    });
    expect(recent.structured).toMatchObject({
      windows: 1,
      highest: { value: 18.25 },
      lowest: { value: 18.25 },
    });
    const today = await call<{ from: string }>('sensor_statistics', {
      station: BERLIN.id,
      sensor: 'temp',
      today: true,
    });
    expect(today.isError).toBe(false);
    expect(Date.parse(today.structured.from)).toBe(startOfLocalDay(Date.now(), 'Europe/Berlin'));
    expect(today.text).toContain('today');
  });

  it('says when there were no readings', async () => {
    const { structured, text } = await call('sensor_statistics', {
      station: 'London Docklands',
      sensor: 'temp',
    });
    expect(structured).toMatchObject({ windows: 0 });
    expect(structured).not.toHaveProperty('highest');
    expect(text).toBe('No temperature readings at London Docklands from the last hour.');
  });
});

describe('player_statistics', () => {
  it("says the players' peak and low over the period, each with when", async () => {
    const { structured, text } = await call('player_statistics', { period: 'PT1H' });
    expect(structured).toMatchObject({
      windows: 3,
      peak: { value: 300, at: new Date(now - 20 * MINUTE).toISOString() },
      low: { value: 50, at: new Date(now - 40 * MINUTE).toISOString() },
      latest: { value: 80 },
      timeZone: 'UTC',
    });
    expect(text).toMatch(/peak 300 at \d\d:\d\d UTC, low 50 at \d\d:\d\d UTC, average 143/);
  });
});

describe('usual_range', () => {
  it('tells whether the players online are usual for the hour', async () => {
    const { structured, text } = await call('usual_range');
    expect(structured).toMatchObject({
      subject: 'players',
      latest: { value: 80 },
      usual: { known: true, days: 3, samples: 120, timeZone: 'UTC' },
      verdict: 'below',
    });
    expect(text).toMatch(/^80 players online .*unusually low: below the usual/);
  });

  it('says so when there is not enough history for a station', async () => {
    const { structured, text } = await call('usual_range', {
      station: 'Berlin Central',
      sensor: 'temp',
    });
    expect(structured).toMatchObject({
      subject: 'sensor',
      station: { id: BERLIN.id },
      latest: { value: 18.25 },
      usual: { known: false, timeZone: 'Europe/Berlin' },
      verdict: 'unknown',
    });
    expect(text).toContain('Not enough history to say what is usual');
  });
});

describe('bad arguments are tool errors that say what to do', () => {
  it.each([
    [
      'sensor_statistics',
      { station: BERLIN.id, sensor: 'temp', period: 'an hour' },
      /ISO 8601 duration such as PT1H/,
    ],
    [
      'sensor_statistics',
      { station: BERLIN.id, sensor: 'temp', period: 'P30D' },
      /longer than the 7 days rollups are kept/,
    ],
    [
      'sensor_statistics',
      { station: 'Atlantis', sensor: 'temp' },
      /No station is called "Atlantis"/,
    ],
    [
      'sensor_statistics',
      { station: 'London Docklands', sensor: 'vib' },
      /London Docklands does not measure vibration/,
    ],
    ['sensor_statistics', { station: BERLIN.id, sensor: 'rain' }, /sensor/],
    ['player_statistics', { period: 'P1D', extra: 1 }, /Unrecognized key/],
    ['usual_range', { sensor: 'temp' }, /A sensor type needs a station/],
    ['usual_range', { station: BERLIN.id }, /Name the sensor type at Berlin Central/],
  ] as const)('%s %j', async (tool, args, message) => {
    const { isError, text } = await call(tool, args);
    expect(isError).toBe(true);
    expect(text).toMatch(message);
  });
});
