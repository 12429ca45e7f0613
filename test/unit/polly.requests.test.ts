/** The local Polly emulator's request checks, audio helpers, quotas and voice mapping, without a server. */
import { pcmBytes, resample } from '../../local/polly/audio';
import { PollyError, type PollyErrorType } from '../../local/polly/errors';
import { POLLY_RATE_LIMITS, TokenBucket } from '../../local/polly/faults';
import { mulberry32 } from '../../local/random';
import {
  encodeNextToken,
  parseDescribeVoices,
  parseSynthesizeRequest,
  requestedEngine,
} from '../../local/polly/requests';
import { describeVoice, espeakVoiceFor, matchingVoices } from '../../local/polly/voices';
import { POLLY_VOICES, pollyVoice } from '../../ssml';

function request(fields: Record<string, unknown>): string {
  return JSON.stringify({ Text: 'Hi.', VoiceId: 'Joanna', OutputFormat: 'mp3', ...fields });
}

function refusal(body: string): { type: PollyErrorType; message: string } {
  try {
    parseSynthesizeRequest(body);
  } catch (error) {
    if (error instanceof PollyError) return { type: error.type, message: error.message };
    throw error;
  }
  throw new Error('the request was accepted');
}

describe('parseSynthesizeRequest', () => {
  test.each([
    [{}, 'standard', 'mp3', 22050],
    [{ Engine: 'neural' }, 'neural', 'mp3', 24000],
    [{ OutputFormat: 'pcm' }, 'standard', 'pcm', 16000],
    [{ OutputFormat: 'pcm', SampleRate: '8000' }, 'standard', 'pcm', 8000],
    [{ Engine: 'neural', SampleRate: '22050' }, 'neural', 'mp3', 22050],
  ])('%j: engine %s, %s at %i Hz', (fields, engine, format, rate) => {
    const parsed = parseSynthesizeRequest(request(fields));
    expect([parsed.engine, parsed.outputFormat, parsed.sampleRate]).toEqual([engine, format, rate]);
  });

  test('missing members and values outside the enums are one ValidationException', () => {
    const { type, message } = refusal(JSON.stringify({ VoiceId: 'Nobody', Engine: 'turbo' }));
    expect(type).toBe('ValidationException');
    expect(message).toMatch(/^4 validation errors detected: Value null at 'outputFormat'/);
    expect(message).toContain("Value null at 'text'");
    expect(message).toContain("Value 'Nobody' at 'voiceId'");
    expect(message).toContain("Value 'turbo' at 'engine'");
  });

  test.each([
    [{ Text: 'x'.repeat(3001) }, 'TextLengthExceededException'],
    [
      { Text: `<speak>${' '.repeat(5990)}</speak>`, TextType: 'ssml' },
      'TextLengthExceededException',
    ],
    [
      { Text: '<speak><audio src="https://a.example/x.mp3"/></speak>', TextType: 'ssml' },
      'InvalidSsmlException',
    ],
    [{ Text: '<speak>Hi', TextType: 'ssml' }, 'InvalidSsmlException'],
    [
      {
        Text: '<speak><amazon:effect name="whispered">Hi</amazon:effect></speak>',
        TextType: 'ssml',
        Engine: 'neural',
      },
      'InvalidSsmlException',
    ],
    [{ VoiceId: 'Hans', Engine: 'neural' }, 'EngineNotSupportedException'],
    [{ VoiceId: 'Joanna', Engine: 'generative' }, 'EngineNotSupportedException'],
    [{ LanguageCode: 'en-GB' }, 'LanguageNotSupportedException'],
    [{ OutputFormat: 'pcm', SampleRate: '24000' }, 'InvalidSampleRateException'],
    [{ SampleRate: '11025' }, 'InvalidSampleRateException'],
    [{ SpeechMarkTypes: ['word'] }, 'MarksNotSupportedForFormatException'],
    [
      { OutputFormat: 'json', SpeechMarkTypes: ['ssml'] },
      'SsmlMarksNotSupportedForTextTypeException',
    ],
    [{ OutputFormat: 'json' }, 'ValidationException'],
    [{ OutputFormat: 'ogg_vorbis' }, 'ValidationException'],
    [{ LexiconNames: ['x'] }, 'LexiconNotFoundException'],
    [{ VoiceId: 'Ruth' }, 'ValidationException'],
    [{ Text: 42 }, 'ValidationException'],
  ] as const)('%j: %s', (fields, expected) => {
    expect(refusal(request(fields)).type).toBe(expected);
  });

  test('not JSON at all: ValidationException', () => {
    expect(refusal('{"Text":').type).toBe('ValidationException');
  });

  test('SSML tags are not billed, so long markup with short text passes', () => {
    const ssml = `<speak>${'<p>Hi.</p>'.repeat(500)}</speak>`;
    const parsed = parseSynthesizeRequest(request({ Text: ssml, TextType: 'ssml' }));
    expect(parsed.layout.billedCharacters).toBe(1500);
  });

  test('marks are kept in the order Polly lists them', () => {
    const parsed = parseSynthesizeRequest(
      request({ OutputFormat: 'json', SpeechMarkTypes: ['word', 'sentence', 'word'] }),
    );
    expect(parsed.speechMarkTypes).toEqual(['sentence', 'word']);
  });

  test('requestedEngine reads bodies leniently, for the throttle', () => {
    expect(requestedEngine(request({ Engine: 'neural' }))).toBe('neural');
    expect(requestedEngine('not json')).toBe('standard');
  });
});

describe('parseDescribeVoices', () => {
  test('filters and a NextToken round trip', () => {
    const query = new URLSearchParams({
      Engine: 'neural',
      LanguageCode: 'en-US',
      IncludeAdditionalLanguageCodes: 'true',
      NextToken: encodeNextToken(5),
    });
    expect(parseDescribeVoices(query)).toEqual({
      engine: 'neural',
      languageCode: 'en-US',
      includeAdditionalLanguageCodes: true,
      offset: 5,
    });
  });

  test('a language Polly does not have is a ValidationException, a forged token an InvalidNextTokenException', () => {
    expect(() => parseDescribeVoices(new URLSearchParams({ LanguageCode: 'xx-XX' }))).toThrow(
      expect.objectContaining({ type: 'ValidationException' }) as Error,
    );
    expect(() => parseDescribeVoices(new URLSearchParams({ NextToken: 'abc' }))).toThrow(
      expect.objectContaining({ type: 'InvalidNextTokenException' }) as Error,
    );
  });
});

describe('voices', () => {
  test('each voice of a language and gender gets its own espeak variant', () => {
    const american = POLLY_VOICES.filter((voice) => voice.languageCode === 'en-US');
    const names = american.map((voice) => espeakVoiceFor(voice));
    expect(new Set(names).size).toBe(american.length);
    expect(names.every((name) => name.startsWith('en-us+'))).toBe(true);
  });

  test('languages map to espeak voices; female voices use female variants', () => {
    const voice = (id: string) => {
      const found = pollyVoice(id);
      if (found === undefined) throw new Error(`no voice ${id}`);
      return found;
    };
    expect(espeakVoiceFor(voice('Amy'))).toMatch(/^en-gb-x-rp\+f\d$/);
    expect(espeakVoiceFor(voice('Hans'))).toMatch(/^de\+m\d$/);
    expect(espeakVoiceFor(voice('Aditi'), 'hi-IN')).toMatch(/^hi\+f\d$/);
  });

  test('DescribeVoices entries and filters', () => {
    expect(matchingVoices({ engine: 'neural', languageCode: 'de-DE' }).map((v) => v.id)).toEqual([
      'Vicki',
    ]);
    expect(matchingVoices({ languageCode: 'hi-IN' })).toEqual([]);
    const aditi = pollyVoice('Aditi');
    expect(aditi && describeVoice(aditi)).toMatchObject({
      LanguageName: 'Indian English',
      AdditionalLanguageCodes: ['hi-IN'],
    });
  });
});

describe('audio', () => {
  function tone(hz: number, rate: number, seconds: number): Int16Array {
    return Int16Array.from({ length: rate * seconds }, (_, i) =>
      Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate)),
    );
  }

  function frequency(samples: Int16Array, rate: number): number {
    let crossings = 0;
    for (let i = 1; i < samples.length; i += 1) {
      if ((samples[i - 1] ?? 0) < 0 !== (samples[i] ?? 0) < 0) crossings += 1;
    }
    return crossings / 2 / (samples.length / rate);
  }

  test.each([8000, 16000, 24000, 44100])(
    '22050 → %i Hz keeps the pitch and the length in time',
    (rate) => {
      const output = resample(tone(440, 22050, 1), 22050, rate);
      expect(output.length).toBe(rate);
      expect(frequency(output, rate)).toBeGreaterThan(435);
      expect(frequency(output, rate)).toBeLessThan(445);
    },
  );

  test('down-sampling removes what the new rate cannot hold instead of aliasing it', () => {
    const output = resample(tone(6000, 22050, 1), 22050, 8000);
    // The tone's abrupt start and end are broadband clicks; judge the steady part between them.
    const steady = output.subarray(400, -400);
    const peak = steady.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
    expect(peak).toBeLessThan(80);
  });

  test('pcm is little-endian 16-bit', () => {
    expect([...pcmBytes(Int16Array.from([1, -2, 0x1234]))]).toEqual([1, 0, 0xfe, 0xff, 0x34, 0x12]);
  });
});

describe('faults', () => {
  test('a token bucket allows its burst, then its rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ tps: 2, burst: 3 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now = 499;
    expect(bucket.take()).toBe(false);
    now = 500;
    expect(bucket.take()).toBe(true);
    now = 60_000;
    expect(Array.from({ length: 4 }, () => bucket.take())).toEqual([true, true, true, false]);
  });

  test("Polly's own quotas", () => {
    expect(POLLY_RATE_LIMITS.standard).toEqual({ tps: 80, burst: 100 });
    expect(POLLY_RATE_LIMITS.neural).toEqual({ tps: 8, burst: 10 });
  });

  test('the seeded random repeats per seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
