/** The simulator page in a real Chromium (the system's, or the one npm installs): the players chart, a conversation with what the Echo understood, a confirmed change in the shadow tables, speech that plays. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { stationCatalog } from '../../domain/catalog';
import { alertRepository } from '../../lambda/alerts/repository';
import { DEFAULT_ALERTS_TABLE } from '../../lambda/alerts/table';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
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

it("shows each accepted Proactive Event in the notification inbox, live: when, stage, the event's values, for whom", async () => {
  // An alert of the simulated Echo's user that the telemetry's players fire at once: through
  // persist, evaluation, SNS, notify, LWA and the Proactive Events API to the page.
  const userId = stack.echo.identity.userId;
  const alerts = alertRepository({
    client: dynamoDocumentClient({ timeoutMs: 2000 }),
    tableName: DEFAULT_ALERTS_TABLE,
    timeoutMs: 2000,
    catalog: stationCatalog,
  });
  const { alert } = await alerts.create({
    userId,
    subject: { kind: 'players' },
    direction: 'above',
    threshold: 1,
    locale: 'en-US',
  });
  const referenceId = `pulse~${alert.alertId}~${alert.createdAt.toString(36)}~1`;
  const item = page.locator(`#notifications li.notification[data-reference-id="${referenceId}"]`);
  await item.waitFor({ timeout: 60_000 });

  const listed = (await (await fetch(`${stack.url}/simulator/notifications`)).json()) as {
    items: { receivedAt: string; stage: string; body: { referenceId: string } }[];
  };
  const accepted = listed.items.find((i) => i.body.referenceId === referenceId)!;
  expect(await item.locator('.message').textContent()).toMatch(
    /^Live Pulse: \d+ players online, above 1$/,
  );
  expect(await item.locator('.stage').textContent()).toBe(accepted.stage);
  expect(await item.locator('.event-name').textContent()).toBe('AMAZON.MessageAlert.Activated');
  expect(await item.locator('time.received').getAttribute('datetime')).toBe(accepted.receivedAt);
  expect(await item.locator('time.received').textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
  const field = (name: string) => item.locator(`dt[data-field="${name}"] + dd`).textContent();
  expect(await field('For')).toBe("this Echo's user");
  expect(await field('Urgency')).toBe('URGENT');
  expect(await field('Messages')).toBe('1');
  expect(await field('Status')).toBe('UNREAD');
  expect(await field('Reference')).toBe(referenceId);
  expect(await item.evaluate((li) => li.classList.contains('urgent'))).toBe(true);
  // Newest first, and the count says how many there are.
  const times = await page
    .locator('#notifications time.received')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
  expect(times).toEqual([...times].sort().reverse());
  await page
    .locator('#notifications-count', { hasText: /^\d+ notifications?$/ })
    .waitFor({ timeout: 10_000 });
  await alerts.delete(userId, alert.alertId);
}, 90_000);

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
