/** The posts service end to end on the local emulators: API → DynamoDB + SNS → render → Polly → MP3 in S3. */
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { MAX_POST_CHARACTERS } from '../../lambda/posts/postRequest';
import { API_TOKEN, startPostsStack, type PostsStack } from '../support/postsStack';
import { parseMp3Frames } from '../support/mp3Frames';

let stack: PostsStack;

beforeAll(async () => {
  stack = await startPostsStack();
}, 60_000);

afterAll(async () => {
  await stack.close();
});

interface ErrorBody {
  error: { code: string; message: string };
}

async function created(body: unknown): Promise<string> {
  const response = await stack.createPost(body);
  expect(response.status).toBe(202);
  const { postId, status } = (await response.json()) as { postId: string; status: string };
  expect(status).toBe('PROCESSING');
  return postId;
}

describe('a post', () => {
  it('ends COMPLETED with an MP3 Alexa can play: MPEG-2 Layer III, 48 kbps, 16 kHz, as long as the text', async () => {
    const text =
      'Good morning. The weather station at Seattle Harbor reported calm winds overnight, and the temperature stayed mild.';
    const postId = await created({ text, title: 'Morning report' });
    await stack.settle();

    const response = await stack.request(`/posts/${postId}`);
    expect(response.status).toBe(200);
    const post = (await response.json()) as Record<string, unknown>;
    expect(post).toMatchObject({
      postId,
      title: 'Morning report',
      voice: 'Matthew',
      status: 'COMPLETED',
      characters: text.length,
    });
    const audio = await fetch(post.audioUrl as string);
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/mpeg');
    const mp3 = parseMp3Frames(Buffer.from(await audio.arrayBuffer()));
    expect(mp3).toMatchObject({
      version: 'MPEG-2',
      layer: 'III',
      bitrateKbps: [48],
      sampleRate: 16000,
      channelMode: 'mono',
    });
    // About 8 to 25 characters a second is speech; the recorded duration is the audio's.
    expect(mp3.durationSeconds).toBeGreaterThan(text.length / 25);
    expect(mp3.durationSeconds).toBeLessThan(text.length / 8);
    expect(post.durationSeconds as number).toBeCloseTo(mp3.durationSeconds, 0);
  });

  it('renders a 6,000-character SSML post with nested tags', async () => {
    const paragraph =
      '<p><s>Pulse <emphasis level="moderate">reads</emphasis> posts aloud.</s>' +
      '<s><prosody rate="slow">Slowly, <prosody volume="loud">and loudly</prosody>, when asked.</prosody></s>' +
      '<s>Stations &amp; players <break time="200ms"/> are counted.</s></p>';
    let ssml = '<speak>';
    while (ssml.length + paragraph.length < 6000) ssml += paragraph;
    ssml += '</speak>';
    expect(ssml.length).toBeGreaterThan(5800);
    const postId = await created({ text: ssml, textType: 'ssml', title: 'Long SSML' });
    await stack.settle();
    const post = await stack.post(postId);
    expect(post?.status).toBe('COMPLETED');
    expect(post?.durationSeconds).toBeGreaterThan(60);
  }, 120_000);

  it('is spoken in the voice of its language', async () => {
    const postId = await created({ text: 'Guten Morgen aus Berlin.', locale: 'de-DE' });
    const post = await stack.post(postId);
    expect(post).toMatchObject({ voice: 'Vicki', locale: 'de-DE' });
    await stack.settle();
    expect((await stack.post(postId))?.status).toBe('COMPLETED');
  });
});

describe('bad input gets a clear error and loses nothing', () => {
  it.each([
    ['empty text', { text: '' }, 'EmptyText'],
    ['blank SSML', { text: '<speak> <break time="1s"/> </speak>', textType: 'ssml' }, 'EmptyText'],
    ['no text at all', { title: 'x' }, 'InvalidRequest'],
    ['text over 100,000 characters', { text: 'a'.repeat(MAX_POST_CHARACTERS + 1) }, 'TextTooLong'],
    ['an unknown voice', { text: 'Hi.', voice: 'Zorblax' }, 'UnknownVoice'],
    [
      'a voice that does not speak the language',
      { text: 'Hallo.', voice: 'Joanna', locale: 'de-DE' },
      'VoiceLanguageMismatch',
    ],
    [
      'a voice without the engine',
      { text: 'Hallo.', voice: 'Hans', engine: 'neural' },
      'EngineNotSupported',
    ],
    [
      'SSML with <audio>',
      { text: '<speak>Hi <audio src="https://x.example/a.mp3"/></speak>', textType: 'ssml' },
      'InvalidSsml',
    ],
    ['malformed SSML', { text: '<speak><p>Hi</speak>', textType: 'ssml' }, 'InvalidSsml'],
    [
      '<emphasis> for the neural engine',
      { text: '<speak><emphasis>Hi</emphasis></speak>', textType: 'ssml', engine: 'neural' },
      'InvalidSsml',
    ],
    ['a body that is not JSON', '{"text": ', 'InvalidJson'],
  ])('refuses %s with 400', async (_, body, code) => {
    const response = await stack.createPost(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorBody).error.code).toBe(code);
  });

  it('answers 413 for a body over 1 MB', async () => {
    const response = await stack.createPost({ text: 'x', padding: 'y'.repeat(1_100_000) });
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).error.code).toBe('PayloadTooLarge');
  });

  it('answers 401 without the bearer token, and with a wrong one', async () => {
    expect((await stack.request('/posts', { token: null })).status).toBe(401);
    expect((await stack.request('/posts', { token: `${API_TOKEN}x` })).status).toBe(401);
  });

  it('answers 404 for a post that does not exist', async () => {
    const response = await stack.request('/posts/2d9a3f1e-0000-4000-8000-000000000000');
    expect(response.status).toBe(404);
    expect(((await response.json()) as ErrorBody).error.code).toBe('NotFound');
    expect((await stack.request('/posts/not-an-id')).status).toBe(404);
  });

  it('refuses a bad limit or cursor with 400', async () => {
    expect((await stack.request('/posts?limit=0')).status).toBe(400);
    expect((await stack.request('/posts?limit=abc')).status).toBe(400);
    expect((await stack.request('/posts?cursor=bogus')).status).toBe(400);
  });
});

describe('listing', () => {
  it('pages newest first with a cursor, and takes the sample app’s postId=* form', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await created({ text: `List test post number ${i}.` }));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await stack.request(`/posts?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status).toBe(200);
      const page = (await response.json()) as {
        items: { postId: string; createdAt: string }[];
        nextCursor?: string;
      };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.postId));
      cursor = page.nextCursor;
    } while (cursor);
    const mine = seen.filter((id) => ids.includes(id));
    expect(mine).toEqual([...ids].reverse());
    const star = (await (await stack.request('/posts?postId=*&limit=1')).json()) as {
      items: unknown[];
    };
    expect(star.items).toHaveLength(1);
    await stack.settle();
  });
});

describe('under failure', () => {
  let failing: PostsStack;

  beforeAll(async () => {
    failing = await startPostsStack({
      polly: { failureRate: 0.1, seed: 7 },
      duplicateDeliveries: true,
      render: { pieceAttempts: 2 },
    });
  }, 60_000);

  afterAll(async () => {
    await failing.close();
  });

  it('ends every one of 100 posts COMPLETED or FAILED, with one audio object per completed post', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const response = await failing.createPost({
        text: `Post ${i}: the players are online and the stations report.`,
      });
      expect(response.status).toBe(202);
      ids.push(((await response.json()) as { postId: string }).postId);
    }
    await failing.settle();
    const posts = await Promise.all(ids.map((id) => failing.post(id)));
    const statuses = posts.map((p) => p?.status);
    expect(statuses.filter((s) => s === 'PROCESSING')).toEqual([]);
    expect(statuses.every((s) => s === 'COMPLETED' || s === 'FAILED')).toBe(true);
    for (const post of posts.filter((p) => p?.status === 'FAILED')) {
      expect(post?.error?.code).toMatch(/\S/);
    }

    const objects = await new S3Client({}).send(
      new ListObjectsV2Command({ Bucket: failing.config.bucket, Prefix: 'posts/', MaxKeys: 1000 }),
    );
    const keys = (objects.Contents ?? []).map((o) => o.Key).sort();
    const completed = posts
      .filter((p) => p?.status === 'COMPLETED')
      .map((p) => `posts/${p!.postId}.mp3`)
      .sort();
    expect(keys).toEqual(completed);
    expect(completed.length).toBeGreaterThan(80);
    // The injected failures and the second deliveries really happened.
    expect(failing.polly.stats().injectedFailures).toBeGreaterThan(0);
    expect(failing.sns.deliveries().filter((d) => d.copy === 2).length).toBeGreaterThanOrEqual(100);
  }, 240_000);
});
