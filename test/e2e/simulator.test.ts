/** The simulator page in a real Chromium (the system's, or the one npm installs): live player data shown, a question typed, the answer shown and playable. */
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

it('shows live players, answers a typed question with text and playable speech', async () => {
  await page.goto(`${stack.url}/`);
  // The telemetry's first rollups take a few windows to arrive; the page polls every 2 s.
  await page.locator('#players-now', { hasText: /^\d+ players online$/ }).waitFor({
    timeout: 90_000,
  });

  await page.getByRole('textbox', { name: 'Utterance' }).fill('how many players are online');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('#spoken', { hasText: 'players are online right now' }).waitFor({
    timeout: 30_000,
  });

  const src = await page.locator('#speech').getAttribute('src');
  expect(src).toMatch(/^\/simulator\/audio\/[0-9a-f-]+$/);
  const audio = await fetch(new URL(src!, stack.url));
  expect(audio.status).toBe(200);
  expect(audio.headers.get('content-type')).toBe('audio/mpeg');
  expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(0);

  // The request/response JSON are on the page for whoever opens them.
  expect(await page.locator('#response-json').textContent()).toContain('outputSpeech');

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'simulator.png'), fullPage: true });
}, 150_000);

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
