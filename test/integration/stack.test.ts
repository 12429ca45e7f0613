/** `npm start`'s stack: health, answers from telemetry-fed data, a post rendered and played, and a restart that keeps it all. */
import { GetThingShadowCommand, IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Intent } from '../../domain/names';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { startStack, type Stack } from '../../local/stack';
import { freeBasePort } from '../support/ports';
import { until } from '../support/waiting';
import { intentRequest } from '../support/requests';
import { plainTextOf } from '../../ssml';

const TOKEN = 'stack-test-token';
let dataDir: string;
let port: number;
let stack: Stack;

async function ask(request: unknown): Promise<ResponseEnvelope> {
  const response = await fetch(`${stack.url}/alexa`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ResponseEnvelope;
}

const said = (response: ResponseEnvelope) =>
  plainTextOf((response.response.outputSpeech as { ssml: string }).ssml);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pulse-stack-'));
  port = await freeBasePort();
  stack = await startStack({ port, dataDir, telemetry: true, players: 40, apiToken: TOKEN });
}, 60_000);

afterAll(async () => {
  await stack.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

let postId: string;

it('answers the health check with every endpoint', async () => {
  const health = (await (await fetch(`${stack.url}/health`)).json()) as {
    status: string;
    endpoints: Record<string, string>;
  };
  expect(health.status).toBe('ok');
  expect(health.endpoints).toEqual({
    dynamodb: `http://127.0.0.1:${port + 1}`,
    s3: `http://127.0.0.1:${port + 2}`,
    kinesis: `http://127.0.0.1:${port + 3}`,
    iotdata: `http://127.0.0.1:${port + 4}`,
    polly: `http://127.0.0.1:${port + 5}`,
    sns: `http://127.0.0.1:${port + 6}`,
    alexa: `http://127.0.0.1:${port + 7}`,
  });
});

it('answers how many players are online with a number from the telemetry-fed rollups', async () => {
  const answer = await until('a player rollup', async () => {
    const text = said(await ask(intentRequest(Intent.PlayersOnline)));
    return /players? (?:is|are) online right now/.test(text) ? text : undefined;
  });
  const spoken = Number(/^(\d+) players? /.exec(answer)?.[1]);
  const rollups = await playerRollupRepository({
    client: dynamoDocumentClient({ timeoutMs: 2000 }),
    tableName: 'pulse-user-rollups',
    timeoutMs: 2000,
  }).playerRollupsSince(Date.now() - 30_000);
  expect(rollups.map((r) => r.userCount)).toContain(spoken);
}, 90_000);

it('renders a post created through the API, and the skill plays it', async () => {
  const created = await fetch(`${stack.url}/posts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'The local stack renders this post.', title: 'Stack post' }),
  });
  expect(created.status).toBe(202);
  ({ postId } = (await created.json()) as { postId: string });
  await until('the post to complete', async () => {
    const post = (await (
      await fetch(`${stack.url}/posts/${postId}`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as {
      status: string;
    };
    return post.status === 'COMPLETED' ? post : undefined;
  });
  const response = await ask(intentRequest(Intent.PlayPost, { title: { value: 'stack post' } }));
  expect(said(response)).toBe('Here is your post “Stack post”.');
  const url = /<audio src='([^']+)'/.exec(
    (response.response.outputSpeech as { ssml: string }).ssml,
  )?.[1];
  const audio = await fetch(url!.replaceAll('&amp;', '&'));
  expect(audio.status).toBe(200);
  expect(audio.headers.get('content-type')).toBe('audio/mpeg');
}, 90_000);

it('keeps rollups, shadows and posts across a restart', async () => {
  await stack.stop();
  stack = await startStack({ port, dataDir, telemetry: false, apiToken: TOKEN });
  const post = (await (
    await fetch(`${stack.url}/posts/${postId}`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).json()) as {
    status: string;
  };
  expect(post.status).toBe('COMPLETED');
  const latest = await playerRollupRepository({
    client: dynamoDocumentClient({ timeoutMs: 2000 }),
    tableName: 'pulse-user-rollups',
    timeoutMs: 2000,
  }).latestPlayerRollup();
  expect(latest?.userCount).toBeGreaterThan(0);
  const iot = new IoTDataPlaneClient({});
  const { payload } = await iot.send(new GetThingShadowCommand({ thingName: 'bR4lnMt7Xa' }));
  iot.destroy();
  expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
    state: { reported: { light: 'off' } },
  });
}, 90_000);
