/** The local Polly emulator, driven through the real @aws-sdk/client-polly client: audio, speech marks, SSML, errors, faults. */
import {
  DescribeVoicesCommand,
  EngineNotSupportedException,
  InvalidNextTokenException,
  InvalidSampleRateException,
  InvalidSsmlException,
  LanguageNotSupportedException,
  LexiconNotFoundException,
  MarksNotSupportedForFormatException,
  PollyClient,
  ServiceFailureException,
  SsmlMarksNotSupportedForTextTypeException,
  SynthesizeSpeechCommand,
  TextLengthExceededException,
  ThrottlingException,
  ValidationException,
  type PollyClientConfig,
  type SynthesizeSpeechCommandInput,
} from '@aws-sdk/client-polly';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startPolly, type PollyEmulator, type PollyOptions } from '../../local/polly';
import { POLLY_VOICES } from '../../ssml';

jest.setTimeout(60_000);

let polly: PollyEmulator;
let client: PollyClient;

function clientFor(emulator: PollyEmulator, extra: PollyClientConfig = {}): PollyClient {
  return new PollyClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // The SDK retries throttling and 5xx on its own; most tests want to see each answer.
    maxAttempts: 1,
    ...extra,
  });
}

/** A second emulator for options fixed at start; closed with its client after the test. */
async function withEmulator(
  options: PollyOptions,
  use: (emulator: PollyEmulator, client: PollyClient) => Promise<void>,
): Promise<void> {
  const emulator = await startPolly(options);
  const own = clientFor(emulator);
  try {
    await use(emulator, own);
  } finally {
    own.destroy();
    await emulator.close();
  }
}

async function synthesize(
  input: Partial<SynthesizeSpeechCommandInput>,
  via: PollyClient = client,
): Promise<{ bytes: Buffer; contentType?: string | undefined; billed?: number | undefined }> {
  const output = await via.send(
    new SynthesizeSpeechCommand({
      Text: 'Hello world.',
      VoiceId: 'Joanna',
      OutputFormat: 'mp3',
      ...input,
    } as SynthesizeSpeechCommandInput),
  );
  const bytes = Buffer.from((await output.AudioStream?.transformToByteArray()) ?? []);
  return { bytes, contentType: output.ContentType, billed: output.RequestCharacters };
}

interface Mark {
  time: number;
  type: string;
  start?: number;
  end?: number;
  value: string;
}

async function marksFor(input: Partial<SynthesizeSpeechCommandInput>): Promise<Mark[]> {
  const { bytes, contentType } = await synthesize({
    OutputFormat: 'json',
    SpeechMarkTypes: ['sentence', 'word'],
    ...input,
  });
  expect(contentType).toBe('application/x-json-stream');
  const text = bytes.toString('utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Mark);
}

interface FrameHeader {
  version: 'MPEG-1' | 'MPEG-2' | 'MPEG-2.5';
  layer: number;
  sampleRate: number;
}

/** The first MPEG audio frame header, read by hand: sync, version, layer and sampling rate bits. */
function firstFrameHeader(bytes: Buffer): FrameHeader {
  const start = bytes.findIndex(
    (byte, index) => byte === 0xff && ((bytes[index + 1] ?? 0) & 0xe0) === 0xe0,
  );
  expect(start).toBeGreaterThanOrEqual(0);
  const header = bytes.readUInt32BE(start);
  const versionBits = (header >>> 19) & 3;
  const layerBits = (header >>> 17) & 3;
  const rateIndex = (header >>> 10) & 3;
  const rates: Record<number, readonly number[]> = {
    3: [44100, 48000, 32000],
    2: [22050, 24000, 16000],
    0: [11025, 12000, 8000],
  };
  const version = versionBits === 3 ? 'MPEG-1' : versionBits === 2 ? 'MPEG-2' : 'MPEG-2.5';
  return { version, layer: 4 - layerBits, sampleRate: rates[versionBits]?.[rateIndex] ?? 0 };
}

function rms(pcm: Buffer): number {
  let sum = 0;
  for (let offset = 0; offset + 1 < pcm.length; offset += 2) sum += pcm.readInt16LE(offset) ** 2;
  return Math.sqrt(sum / (pcm.length / 2));
}

beforeAll(async () => {
  polly = await startPolly();
  client = clientFor(polly);
});

afterAll(async () => {
  client.destroy();
  await polly.close();
});

afterEach(() => {
  polly.setLatency(0);
  polly.setThrottle(undefined);
});

describe('audio', () => {
  test.each([
    ['Joanna', 'standard', 'en-US', 'The player count is rising.', 22050],
    ['Amy', 'neural', 'en-GB', 'The station reported in.', 24000],
    ['Hans', 'standard', 'de-DE', 'Die Station meldet sich.', 22050],
    ['Vicki', 'neural', 'de-DE', 'Wie viele Spieler sind online?', 24000],
  ] as const)(
    '%s (%s, %s) speaks MPEG-2 Layer III at the engine default rate',
    async (voice, engine, _locale, text, rate) => {
      const { bytes, contentType, billed } = await synthesize({
        Text: text,
        VoiceId: voice,
        Engine: engine,
      });
      expect(contentType).toBe('audio/mpeg');
      expect(billed).toBe(text.length);
      expect(firstFrameHeader(bytes)).toEqual({ version: 'MPEG-2', layer: 3, sampleRate: rate });
      expect(bytes.length).toBeGreaterThan(2000);
    },
  );

  test('mp3 at an asked rate: 16000 Hz is still MPEG-2, 8000 Hz is MPEG-2.5', async () => {
    const at16k = await synthesize({ Text: 'Hi there.', SampleRate: '16000' });
    expect(firstFrameHeader(at16k.bytes)).toEqual({
      version: 'MPEG-2',
      layer: 3,
      sampleRate: 16000,
    });
    const at8k = await synthesize({ Text: 'Hi there.', SampleRate: '8000' });
    expect(firstFrameHeader(at8k.bytes).sampleRate).toBe(8000);
  });

  test('pcm is 16-bit mono at 16000 Hz by default, as long as the sentence takes to say', async () => {
    const { bytes, contentType } = await synthesize({
      Text: 'Ninety six players are online.',
      OutputFormat: 'pcm',
    });
    expect(contentType).toBe('audio/pcm');
    expect(bytes.length % 2).toBe(0);
    const seconds = bytes.length / 2 / 16000;
    expect(seconds).toBeGreaterThan(0.8);
    expect(seconds).toBeLessThan(4);
    expect(rms(bytes)).toBeGreaterThan(300); // speech, not silence

    const short = await synthesize({ Text: 'Yes.', OutputFormat: 'pcm' });
    const shortSeconds = short.bytes.length / 2 / 16000;
    expect(shortSeconds).toBeGreaterThan(0.15);
    expect(shortSeconds).toBeLessThan(1.5);
    expect(shortSeconds).toBeLessThan(seconds);
  });

  test('pcm at 8000 Hz holds the same speech in half the samples', async () => {
    const text = 'Berlin Central is online.';
    const wide = await synthesize({ Text: text, OutputFormat: 'pcm', SampleRate: '16000' });
    const narrow = await synthesize({ Text: text, OutputFormat: 'pcm', SampleRate: '8000' });
    expect(narrow.bytes.length / wide.bytes.length).toBeCloseTo(0.5, 2);
  });

  test('SSML is spoken, not read out: a break lengthens the audio, tags are not billed', async () => {
    const plain = await synthesize({ Text: 'Wait for it.', OutputFormat: 'pcm' });
    const ssml = '<speak>Wait <break time="1s"/> for it.</speak>';
    const paused = await synthesize({ Text: ssml, TextType: 'ssml', OutputFormat: 'pcm' });
    expect(paused.billed).toBe('Wait  for it.'.length);
    const extra = (paused.bytes.length - plain.bytes.length) / 2 / 16000;
    expect(extra).toBeGreaterThan(0.7);
    expect(extra).toBeLessThan(1.5);
  });

  test('plain text keeps its ampersands and angle brackets as text', async () => {
    const marks = await marksFor({ Text: 'AT&T says 5 < 6.', SpeechMarkTypes: ['word'] });
    expect(marks.map((mark) => mark.value)).toEqual(['AT&T', 'says', '5', '<', '6']);
  });

  test('a PollyClient on HTTP/1.1, as Pulse builds its clients, is served too', async () => {
    const http1 = clientFor(polly, { requestHandler: new NodeHttpHandler() });
    try {
      const { bytes } = await synthesize({ Text: 'Over HTTP one.' }, http1);
      expect(firstFrameHeader(bytes).sampleRate).toBe(22050);
    } finally {
      http1.destroy();
    }
  });
});

describe('speech marks', () => {
  test('word and sentence marks give byte offsets into the original text', async () => {
    const text = 'Grüße aus Köln. Schön, dass du da bist!';
    const marks = await marksFor({ Text: text, VoiceId: 'Vicki' });
    const bytes = Buffer.from(text, 'utf8');
    for (const mark of marks) {
      expect(bytes.subarray(mark.start, mark.end).toString('utf8')).toBe(mark.value);
    }
    expect(marks.filter((mark) => mark.type === 'word').map((mark) => mark.value)).toEqual([
      'Grüße',
      'aus',
      'Köln',
      'Schön',
      'dass',
      'du',
      'da',
      'bist',
    ]);
    expect(marks.filter((mark) => mark.type === 'sentence').map((mark) => mark.value)).toEqual([
      'Grüße aus Köln.',
      'Schön, dass du da bist!',
    ]);
  });

  test('mark times rise through the audio and end within it', async () => {
    const text = 'One player joined. Two players left the game.';
    const marks = await marksFor({ Text: text });
    const audio = await synthesize({ Text: text, OutputFormat: 'pcm' });
    const audioMs = (audio.bytes.length / 2 / 16000) * 1000;
    const times = marks.map((mark) => mark.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const words = marks.filter((mark) => mark.type === 'word');
    expect(words[0]?.time).toBeLessThan(200);
    expect(words.at(-1)?.time).toBeGreaterThan(audioMs / 2);
    expect(words.at(-1)?.time).toBeLessThan(audioMs);
    const second = marks.filter((mark) => mark.type === 'sentence')[1];
    expect(second?.value).toBe('Two players left the game.');
    expect(second?.time).toBe(words.find((word) => word.value === 'Two')?.time);
  });

  test("SSML marks locate words in the document, as Polly's own example does", async () => {
    // The example from Polly's developer guide ("Speech marks with SSML example").
    const ssml =
      '<speak><prosody volume="+20dB">Mary had <break time="300ms"/>a little <mark name="animal"/>lamb</prosody></speak>';
    const marks = await marksFor({
      Text: ssml,
      TextType: 'ssml',
      SpeechMarkTypes: ['sentence', 'word', 'ssml'],
    });
    const located = marks.map(({ type, start, end, value }) => ({ type, start, end, value }));
    expect(located).toEqual([
      {
        type: 'sentence',
        start: 31,
        end: 95,
        value: 'Mary had <break time="300ms"/>a little <mark name="animal"/>lamb',
      },
      { type: 'word', start: 31, end: 35, value: 'Mary' },
      { type: 'word', start: 36, end: 39, value: 'had' },
      { type: 'word', start: 61, end: 62, value: 'a' },
      { type: 'word', start: 63, end: 69, value: 'little' },
      { type: 'ssml', start: 70, end: 91, value: 'animal' },
      { type: 'word', start: 91, end: 95, value: 'lamb' },
    ]);
    const had = marks.find((mark) => mark.value === 'had');
    const a = marks.find((mark) => mark.value === 'a');
    // The 300 ms break sits between "had" and "a".
    expect((a?.time ?? 0) - (had?.time ?? 0)).toBeGreaterThan(300);
  });

  test('viseme marks carry Polly viseme names and no offsets', async () => {
    const marks = await marksFor({ Text: 'Mom, be happy.', SpeechMarkTypes: ['viseme'] });
    expect(marks.length).toBeGreaterThan(5);
    for (const mark of marks) {
      expect(mark.type).toBe('viseme');
      expect(mark.start).toBeUndefined();
      expect([
        'p',
        't',
        'S',
        'T',
        'f',
        'k',
        'i',
        'r',
        's',
        'u',
        '@',
        'a',
        'e',
        'E',
        'o',
        'O',
        'sil',
      ]).toContain(mark.value);
    }
    expect(marks.map((mark) => mark.value)).toContain('p');
  });
});

describe("Polly's limits and errors, as the SDK's typed exceptions", () => {
  test('more than 3000 billed characters: TextLengthExceededException', async () => {
    const error = await synthesize({ Text: 'a'.repeat(3001) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TextLengthExceededException);
    expect((error as Error).message).toMatch(/3001 of them billed.*at most 6000.*3000 billed/);
    expect((error as TextLengthExceededException).$metadata.httpStatusCode).toBe(400);
  });

  test('more than 6000 characters with tags (fewer than 3000 billed): TextLengthExceededException', async () => {
    const ssml = `<speak>${'<s>Hi.</s>'.repeat(601)}</speak>`;
    await expect(synthesize({ Text: ssml, TextType: 'ssml' })).rejects.toThrow(
      TextLengthExceededException,
    );
  });

  test.each([
    ['malformed', '<speak>Hello <break time="1s"></speak>', /not well-formed/],
    [
      '<audio>',
      '<speak><audio src="https://example.com/a.mp3"/></speak>',
      /<audio> is not accepted/,
    ],
    ['<voice>', '<speak><voice name="Brian">Hi</voice></speak>', /<voice> is not accepted/],
    ['another root', '<p>Hello</p>', /root element must be <speak>/],
  ])('%s SSML: InvalidSsmlException naming the problem', async (_case, ssml, why) => {
    const error = await synthesize({ Text: ssml, TextType: 'ssml' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidSsmlException);
    expect((error as Error).message).toMatch(/^Invalid SSML request: /);
    expect((error as Error).message).toMatch(why);
  });

  test('a tag the neural engine refuses: InvalidSsmlException for neural, fine for standard', async () => {
    const ssml = '<speak><prosody pitch="high">Higher</prosody></speak>';
    await expect(
      synthesize({ Text: ssml, TextType: 'ssml', VoiceId: 'Matthew', Engine: 'neural' }),
    ).rejects.toThrow(InvalidSsmlException);
    const standard = await synthesize({ Text: ssml, TextType: 'ssml', VoiceId: 'Matthew' });
    expect(standard.bytes.length).toBeGreaterThan(0);
  });

  test('a voice without the engine: EngineNotSupportedException', async () => {
    const error = await synthesize({ VoiceId: 'Hans', Engine: 'neural' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(EngineNotSupportedException);
    expect((error as Error).message).toMatch(/neural engine.*Hans supports standard/);
  });

  test('a language the voice does not speak: LanguageNotSupportedException; a bilingual voice may switch', async () => {
    await expect(synthesize({ VoiceId: 'Joanna', LanguageCode: 'de-DE' })).rejects.toThrow(
      LanguageNotSupportedException,
    );
    const hindi = await synthesize({ VoiceId: 'Aditi', LanguageCode: 'hi-IN', Text: 'नमस्ते' });
    expect(firstFrameHeader(hindi.bytes).sampleRate).toBe(22050);
  });

  test('a rate the format does not have: InvalidSampleRateException', async () => {
    const error = await synthesize({ OutputFormat: 'pcm', SampleRate: '22050' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidSampleRateException);
    expect((error as Error).message).toMatch(
      /22050 is not valid for pcm; valid rates are 8000, 16000/,
    );
  });

  test('speech marks with an audio format: MarksNotSupportedForFormatException', async () => {
    await expect(synthesize({ OutputFormat: 'mp3', SpeechMarkTypes: ['word'] })).rejects.toThrow(
      MarksNotSupportedForFormatException,
    );
  });

  test('ssml marks for plain text: SsmlMarksNotSupportedForTextTypeException', async () => {
    await expect(
      synthesize({ OutputFormat: 'json', SpeechMarkTypes: ['ssml'], TextType: 'text' }),
    ).rejects.toThrow(SsmlMarksNotSupportedForTextTypeException);
  });

  test('an unknown voice id: ValidationException with the field at fault', async () => {
    const error = await synthesize({ VoiceId: 'Bob' as 'Joanna' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as Error).message).toMatch(
      /^1 validation error detected: Value 'Bob' at 'voiceId' failed to satisfy constraint/,
    );
    expect((error as ValidationException).fields?.[0]?.name).toBe('voiceId');
  });

  test('a real Polly voice outside the catalog: ValidationException saying the emulator lacks it', async () => {
    await expect(synthesize({ VoiceId: 'Ruth' })).rejects.toThrow(
      /Voice 'Ruth' is a Polly voice, but not one the local emulator has/,
    );
  });

  test('lexicons: LexiconNotFoundException (the emulator stores none)', async () => {
    await expect(synthesize({ LexiconNames: ['stations'] })).rejects.toThrow(
      LexiconNotFoundException,
    );
  });

  test('ogg_vorbis: a clear ValidationException that the emulator cannot encode it', async () => {
    const error = await synthesize({ OutputFormat: 'ogg_vorbis' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).reason).toBe('unsupportedOperation');
    expect((error as Error).message).toMatch(/not supported by the local Polly emulator/);
  });
});

describe('throttling', () => {
  test('beyond the configured rate: ThrottlingException (HTTP 400), per engine', async () => {
    polly.setThrottle({ standard: { tps: 0.1, burst: 2 }, neural: { tps: 0.1, burst: 1 } });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => synthesize({ Text: 'Hi.', OutputFormat: 'pcm' })),
    );
    const throttled = results.filter((result) => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(2);
    expect(throttled).toHaveLength(3);
    for (const result of throttled) {
      const reason: unknown = result.status === 'rejected' ? result.reason : undefined;
      expect(reason).toBeInstanceOf(ThrottlingException);
      expect((reason as ThrottlingException).$metadata.httpStatusCode).toBe(400);
    }
    // The neural quota is its own bucket.
    const neural = await synthesize({ Text: 'Hi.', Engine: 'neural', OutputFormat: 'pcm' });
    expect(neural.bytes.length).toBeGreaterThan(0);
    await expect(
      synthesize({ Text: 'Hi.', Engine: 'neural', OutputFormat: 'pcm' }),
    ).rejects.toThrow(ThrottlingException);
  });

  test("the SDK's own retries get past a throttled attempt", async () => {
    const retrying = clientFor(polly, { maxAttempts: 3 });
    try {
      const before = polly.stats().synthesizeCalls;
      polly.failNext('ThrottlingException');
      const { bytes } = await synthesize({ Text: 'Again.' }, retrying);
      expect(bytes.length).toBeGreaterThan(0);
      expect(polly.stats().synthesizeCalls - before).toBe(2);
    } finally {
      retrying.destroy();
    }
  });
});

describe('DescribeVoices', () => {
  test('all voices of the catalog, with names, languages and engines', async () => {
    const { Voices = [] } = await client.send(new DescribeVoicesCommand({}));
    expect(Voices.map((voice) => voice.Id).sort()).toEqual(
      POLLY_VOICES.map((voice) => voice.id).sort(),
    );
    expect(Voices.find((voice) => voice.Id === 'Amy')).toEqual({
      Gender: 'Female',
      Id: 'Amy',
      LanguageCode: 'en-GB',
      LanguageName: 'British English',
      Name: 'Amy',
      SupportedEngines: ['standard', 'neural'],
    });
  });

  test('filters by language and by engine', async () => {
    const british = await client.send(new DescribeVoicesCommand({ LanguageCode: 'en-GB' }));
    expect(british.Voices?.map((voice) => voice.Id)).toEqual(['Amy', 'Brian', 'Emma']);
    const germanNeural = await client.send(
      new DescribeVoicesCommand({ LanguageCode: 'de-DE', Engine: 'neural' }),
    );
    expect(germanNeural.Voices?.map((voice) => voice.Id)).toEqual(['Vicki']);
  });

  test('additional languages only when asked', async () => {
    const plain = await client.send(new DescribeVoicesCommand({ LanguageCode: 'hi-IN' }));
    expect(plain.Voices).toEqual([]);
    const bilingual = await client.send(
      new DescribeVoicesCommand({ LanguageCode: 'hi-IN', IncludeAdditionalLanguageCodes: true }),
    );
    expect(bilingual.Voices?.map((voice) => [voice.Id, voice.AdditionalLanguageCodes])).toEqual([
      ['Aditi', ['hi-IN']],
    ]);
  });

  test('an unknown engine is a ValidationException, a bad NextToken an InvalidNextTokenException', async () => {
    await expect(
      client.send(new DescribeVoicesCommand({ Engine: 'turbo' as 'neural' })),
    ).rejects.toThrow(ValidationException);
    await expect(client.send(new DescribeVoicesCommand({ NextToken: 'nope' }))).rejects.toThrow(
      InvalidNextTokenException,
    );
  });

  test('pages with NextToken when the page size is small', async () => {
    await withEmulator({ describeVoicesPageSize: 10 }, async (_emulator, paged) => {
      const ids: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await paged.send(new DescribeVoicesCommand({ NextToken: token }));
        ids.push(...(page.Voices ?? []).map((voice) => voice.Id ?? ''));
        token = page.NextToken;
        pages += 1;
      } while (token !== undefined);
      expect(pages).toBe(Math.ceil(POLLY_VOICES.length / 10));
      expect(ids).toEqual(POLLY_VOICES.map((voice) => voice.id));
    });
  });
});

describe('fault injection', () => {
  test('latency holds every answer back by at least the set time', async () => {
    polly.setLatency(300);
    const started = performance.now();
    await client.send(new DescribeVoicesCommand({ LanguageCode: 'en-US' }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('latency beyond the client deadline surfaces as its timeout', async () => {
    polly.setLatency(1000);
    const impatient = clientFor(polly, {
      requestHandler: new NodeHttpHandler({ requestTimeout: 100, throwOnRequestTimeout: true }),
    });
    try {
      await expect(impatient.send(new DescribeVoicesCommand({}))).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    } finally {
      impatient.destroy();
    }
  });

  test('failNext answers the next calls with the chosen exception, then serves again', async () => {
    polly.failNext('ServiceFailureException', 2);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await synthesize({ Text: 'Hi.' }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceFailureException);
      expect((error as ServiceFailureException).$fault).toBe('server');
      expect((error as ServiceFailureException).$metadata.httpStatusCode).toBe(500);
    }
    expect((await synthesize({ Text: 'Hi.' })).bytes.length).toBeGreaterThan(0);
  });

  test('failEvery fails every Nth synthesis', async () => {
    await withEmulator({ failEvery: 3 }, async (_emulator, own) => {
      const outcomes: string[] = [];
      for (let call = 1; call <= 6; call += 1) {
        const result = await synthesize({ Text: 'Hi.', OutputFormat: 'pcm' }, own).then(
          () => 'ok',
          (error: unknown) => (error instanceof ServiceFailureException ? 'failed' : 'other'),
        );
        outcomes.push(result);
      }
      expect(outcomes).toEqual(['ok', 'ok', 'failed', 'ok', 'ok', 'failed']);
    });
  });

  test('a failure ratio with a seed fails the same calls every run', async () => {
    const run = async (): Promise<string> => {
      let pattern = '';
      await withEmulator({ failureRate: 0.3, seed: 42 }, async (emulator, own) => {
        for (let call = 0; call < 12; call += 1) {
          pattern += await synthesize(
            { Text: 'Hi.', OutputFormat: 'json', SpeechMarkTypes: ['word'] },
            own,
          ).then(
            () => '.',
            (error: unknown) => (error instanceof ServiceFailureException ? 'x' : '?'),
          );
        }
        expect(emulator.stats().injectedFailures).toBe(pattern.split('x').length - 1);
      });
      return pattern;
    };
    const first = await run();
    expect(first).toMatch(/^[.x]+$/);
    expect(first).toContain('x');
    expect(first).toContain('.');
    expect(await run()).toBe(first);
  });
});

test('stats count calls, billed characters and errors', async () => {
  const before = polly.stats();
  await synthesize({ Text: 'Count me.' });
  await synthesize({ VoiceId: 'Hans', Engine: 'neural' }).catch(() => undefined);
  const after = polly.stats();
  expect(after.synthesizeCalls - before.synthesizeCalls).toBe(2);
  expect(after.synthesized - before.synthesized).toBe(1);
  expect(after.billedCharacters - before.billedCharacters).toBe('Count me.'.length);
  expect(
    (after.errors.EngineNotSupportedException ?? 0) -
      (before.errors.EngineNotSupportedException ?? 0),
  ).toBe(1);
  expect(after.inFlight).toBe(0);
});

test('close() stops serving and ends the workers', async () => {
  const emulator = await startPolly();
  const own = clientFor(emulator);
  await synthesize({ Text: 'Last words.' }, own);
  await emulator.close();
  await expect(synthesize({ Text: 'Anyone?' }, own)).rejects.toThrow();
  own.destroy();
});
