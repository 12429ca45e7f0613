/** The simulator page in a real Chromium (the system's, or the one npm installs): the players chart, a conversation with what the Echo understood, a confirmed change in the shadow tables, speech that plays. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startStack, type Stack } from '../../local/stack';
import { chromiumBinary } from '../support/browser';
import { freeBasePort } from '../support/ports';

const SCREENSHOT_DIR = join(__dirname, 'out');
const TOKEN = 'simulator-test-token';

let dataDir: string;
let profileDir: string;
let stack: Stack;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-simulator-'));
  profileDir = mkdtempSync(join(tmpdir(), 'pulse-chromium-'));
  stack = await startStack({
    port: await freeBasePort(),
    dataDir,
    telemetry: true,
    players: 30,
    apiToken: TOKEN,
  });
  // Chromium from the system or from node_modules, never downloaded; no network beyond the
  // loopback stack. A fresh profile per run, so nothing from an earlier run (or the user's
  // Chromium) leaks in.
  const { executablePath } = await chromiumBinary();
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
  page = await browser.newPage();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(profileDir, { recursive: true, force: true });
});

it('shows live players on a chart with a time axis and values, and answers a typed question with text and playable speech', async () => {
  await page.goto(`${stack.url}/`);
  // The telemetry's first rollups take a few windows to arrive; the page polls every 2 s.
  await page
    .locator('#players-now', { hasText: /^\d+ players online at \d\d:\d\d:\d\d$/ })
    .waitFor({
      timeout: 90_000,
    });
  // Values on the y axis, clock times on the x axis, and the latest count by the line's end.
  await page.locator('#players-chart text.y-tick').first().waitFor();
  expect(await page.locator('#players-chart text.y-tick').count()).toBeGreaterThanOrEqual(2);
  for (const label of await page.locator('#players-chart text.y-tick').allTextContents()) {
    expect(label).toMatch(/^\d+$/);
  }
  await page.locator('#players-chart text.x-tick').first().waitFor({ timeout: 30_000 });
  for (const label of await page.locator('#players-chart text.x-tick').allTextContents()) {
    expect(label).toMatch(/^\d\d:\d\d:\d\d$/);
  }
  expect(await page.locator('#players-chart text.last-value').textContent()).toMatch(/^\d+$/);

  await page.getByRole('textbox', { name: 'Utterance' }).fill('how many players are online');
  await page.getByRole('button', { name: 'Send' }).click();
  const turn = page.locator('#transcript li.turn').last();
  await turn.locator('.spoken', { hasText: 'players are online right now' }).waitFor({
    timeout: 30_000,
  });
  expect(await turn.locator('.intent').textContent()).toBe('PlayersOnlineIntent');

  const src = await page.locator('#speech').getAttribute('src');
  expect(src).toMatch(/^\/simulator\/audio\/[0-9a-f-]+$/);
  const audio = await fetch(new URL(src!, stack.url));
  expect(audio.status).toBe(200);
  expect(audio.headers.get('content-type')).toBe('audio/mpeg');
  expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(0);

  // The request/response JSON of each turn are on the page for whoever opens them.
  expect(await turn.locator('.response-json').textContent()).toContain('outputSpeech');
}, 150_000);

it('shows each turn as the Echo understood it: intent, slots, resolutions, confidence; and a confirmed change in the shadow table', async () => {
  const utterance = page.getByRole('textbox', { name: 'Utterance' });
  await utterance.fill('turn the light on at berlin central');
  await page.getByRole('button', { name: 'Send' }).click();
  const asked = page.locator('#transcript li.turn').last();
  await asked
    .locator('.spoken', { hasText: 'Shall I switch the light at Berlin Central on?' })
    .waitFor({
      timeout: 30_000,
    });
  expect(await asked.locator('.intent').textContent()).toBe('SetStationLightIntent');
  const rows = await asked.locator('table.slots tr').allTextContents();
  expect(rows).toEqual([
    'SlotHeardResolutionId',
    'stationberlin centralMATCHbR4lnMt7Xa',
    'lightStateonMATCHon',
  ]);
  expect(await asked.locator('.confidence').textContent()).toMatch(/^\d\.\d\d$/);
  expect(await asked.locator('.ended').textContent()).toBe('Alexa waits for a yes or no.');

  await utterance.fill('yes');
  await page.getByRole('button', { name: 'Send' }).click();
  const confirmed = page.locator('#transcript li.turn').last();
  await confirmed.locator('.spoken', { hasText: "Done: I've asked Berlin Central" }).waitFor({
    timeout: 30_000,
  });
  expect(await confirmed.locator('.chip.confirmed').textContent()).toBe('CONFIRMED');
  expect(await confirmed.locator('.understanding').textContent()).toContain(
    'heard as the answer to a confirmation',
  );

  // The station's shadow as a table: the light asked for, with its age.
  const berlin = page.locator('table.shadow-table[data-station="bR4lnMt7Xa"]');
  const light = berlin.locator('tr', { has: page.locator('th', { hasText: /^light$/ }) });
  await light.locator('td').nth(1).filter({ hasText: /^on$/ }).waitFor({ timeout: 30_000 });
  expect(await berlin.locator('tr').first().textContent()).toBe('FieldReportedDesiredDeltaAge');
  expect(await light.locator('td').last().textContent()).toMatch(/^\d+ s ago$/);

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'simulator.png'), fullPage: true });
}, 120_000);

it('creates a post from the page through the posts API', async () => {
  await page.getByRole('textbox', { name: 'Title' }).fill('Simulator post');
  await page.getByRole('textbox', { name: 'Text' }).fill('Posted from the simulator page.');
  await page.getByRole('button', { name: 'Create post' }).click();
  await page.locator('#post-status', { hasText: 'Created' }).waitFor({ timeout: 30_000 });
  // The next poll of the live panel lists it, whatever its render status by then.
  await page.locator('#posts li', { hasText: 'Simulator post' }).waitFor({ timeout: 30_000 });
}, 60_000);

it('refuses a request without an utterance with a 400', async () => {
  const response = await fetch(`${stack.url}/simulator/say`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ locale: 'en-US' }),
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: string }).error).toBeTruthy();
});

it('refuses what it cannot hear with a 400 that says why, and keeps the session', async () => {
  const say = (body: unknown) =>
    fetch(`${stack.url}/simulator/say`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const errorOf = async (response: Response) =>
    ((await response.json()) as { error: string }).error;

  const french = await say({ utterance: 'bonjour', locale: 'fr-FR' });
  expect(french.status).toBe(400);
  expect(await errorOf(french)).toMatch(/locale/);
  const long = await say({ utterance: 'how many players '.repeat(40), locale: 'en-US' });
  expect(long.status).toBe(400);
  const broken = await say('{"utterance": ');
  expect(broken.status).toBe(400);

  const opened = (await (
    await say({ utterance: 'open live pulse', locale: 'en-US', audio: false })
  ).json()) as {
    sessionId: string;
  };
  const german = await say({ utterance: 'hilfe', locale: 'de-DE', sessionId: opened.sessionId });
  expect(german.status).toBe(400);
  expect(await errorOf(german)).toBe(
    `Session ${opened.sessionId} is in en-US; it cannot go on in de-DE`,
  );
  const help = (await (
    await say({ utterance: 'help', locale: 'en-US', sessionId: opened.sessionId, audio: false })
  ).json()) as { sessionId: string; understanding: { intent: string } };
  expect(help.sessionId).toBe(opened.sessionId);
  expect(help.understanding.intent).toBe('AMAZON.HelpIntent');
});
