/** Posts benchmarks: rendering a 20,000-character post against the Serverless Text-to-Speech sample's way (seed 002), and MP3 encoding speed. */
import { Logger } from '@aws-lambda-powertools/logger';
import { PollyClient, SynthesizeSpeechCommand } from '@aws-sdk/client-polly';
import { performance } from 'node:perf_hooks';
import { encodeMp3 } from '../lambda/posts/audio';
import { readPostsConfig } from '../lambda/posts/config';
import { createRenderer } from '../lambda/posts/render';
import type { Post, PostsRepository } from '../lambda/posts/repository';
import { startPolly } from '../local/polly';
import { useEmulators } from '../local/environment';

/** A 20,000-character post of plain sentences, like a long blog post. */
export function longPost(characters = 20_000): string {
  const sentences = [
    'The weather stations along the coast reported steady winds through the night.',
    'Players in quadrant B stayed online longer than usual, and the evening peak came early.',
    'Vibration at the bridge rose briefly when the morning traffic started, then settled again.',
    'Humidity fell as the temperature climbed, which is what the forecast expected.',
  ];
  let text = '';
  for (let i = 0; text.length < characters; i++) text += `${sentences[i % sentences.length]} `;
  return text.slice(0, characters).replace(/\s+\S*$/, '.');
}

/**
 * The Serverless Text-to-Speech sample (seed 002; AWS's "build your own text-to-speech app" with
 * Amazon Polly): cut at the first period after 1000 characters, synthesize each piece to MP3 one
 * after another, append the MP3 byte streams.
 */
async function sampleRender(polly: PollyClient, text: string, voice: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = rest.length > 1000 ? rest.indexOf('.', 1000) + 1 || rest.length : rest.length;
    const piece = rest.slice(0, end);
    rest = rest.slice(end);
    const { AudioStream } = await polly.send(
      new SynthesizeSpeechCommand({ Text: piece, VoiceId: voice as never, OutputFormat: 'mp3' }),
    );
    parts.push(Buffer.from(await AudioStream!.transformToByteArray()));
  }
  return Buffer.concat(parts);
}

/** Pulse's renderer with its storage replaced by memory: what is measured is splitting, Polly and encoding. */
function pulseRenderer(text: string) {
  const post: Post = {
    postId: 'bench',
    feed: 'posts',
    title: 'bench',
    text,
    textType: 'text',
    voice: 'Matthew',
    engine: 'standard',
    locale: 'en-US',
    status: 'PROCESSING',
    characters: text.length,
    createdAt: '',
    updatedAt: '',
    renderAttempts: 0,
  };
  let stored = 0;
  const posts: PostsRepository = {
    create: () => Promise.reject(new Error('not in the benchmark')),
    get: () => Promise.resolve(post),
    list: () => Promise.resolve({ posts: [post] }),
    claimRender: () => Promise.resolve({ ...post, renderAttempts: 1 }),
    complete: () => Promise.resolve(true),
    fail: (_, error) => Promise.reject(new Error(`render failed: ${error.message}`)),
    pendingSince: () => Promise.resolve([]),
    markSwept: () => Promise.resolve(undefined),
  };
  const renderer = createRenderer({
    config: readPostsConfig({}),
    posts,
    audio: {
      put: async (_key, mp3) => {
        stored = mp3.length;
      },
      remove: () => Promise.resolve(),
      url: () => Promise.resolve(''),
    },
    polly: new PollyClient({}),
    logger: new Logger({ serviceName: 'bench' }),
  });
  return { render: () => renderer.renderPost('bench'), stored: () => stored };
}

export async function benchRender(latencyMs: number, rounds: number): Promise<string[]> {
  const polly = await startPolly({ latencyMs, workers: 2 });
  const saved = process.env.AWS_ENDPOINT_URL_POLLY;
  useEmulators({ polly: polly.url });
  try {
    const text = longPost();
    const client = new PollyClient({});
    const sample: number[] = [];
    const pulse: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      await sampleRender(client, text, 'Matthew');
      sample.push(performance.now() - start);
      const renderer = pulseRenderer(text);
      start = performance.now();
      if ((await renderer.render()) !== 'completed')
        throw new Error('Pulse did not complete the post');
      pulse.push(performance.now() - start);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return [
      `| render of a ${text.length.toLocaleString('en-US')}-character post, Polly emulator with ${latencyMs} ms per request (mean of ${rounds}) | seconds |`,
      '|---|---:|',
      `| the sample: ~1000-character pieces, one request after another, MP3 bytes appended | ${(mean(sample) / 1000).toFixed(1)} |`,
      `| Pulse: ≤3000-character pieces at sentence ends, 8 requests in flight, PCM → one MP3 | ${(mean(pulse) / 1000).toFixed(1)} |`,
      `| sample / Pulse | ${(mean(sample) / mean(pulse)).toFixed(1)}x |`,
    ];
  } finally {
    process.env.AWS_ENDPOINT_URL_POLLY = saved;
    await polly.close();
  }
}

export async function benchEncoder(seconds: number): Promise<string[]> {
  const rate = 16000;
  const pcm = new Int16Array(seconds * rate).map((_, i) =>
    Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / rate)),
  );
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    await encodeMp3(pcm, rate);
    times.push(performance.now() - start);
  }
  const best = Math.min(...times);
  return [
    '| MP3 encoder (LAME in WebAssembly, wasm-media-encoders; 48 kbps mono, 16 kHz) | value |',
    '|---|---:|',
    `| ${seconds} s of audio encoded in (best of 5) | ${best.toFixed(0)} ms |`,
    `| speed | ${((seconds * 1000) / best).toFixed(0)}x real time |`,
  ];
}
