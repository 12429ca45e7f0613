import {
  LAME_ADDED_SAMPLES,
  MP3_SAMPLE_RATES,
  concatPcm,
  encodeMp3,
  pcmDurationSeconds,
  pcmSamples,
  type Mp3SampleRate,
} from '../../lambda/posts/audio';
import { Mp3FormatError, parseMp3Frames } from '../support/mp3Frames';

const LAYER_III_MPEG2_SAMPLES = 576;

function sine(seconds: number, rate: number, hz = 440): Int16Array {
  return Int16Array.from({ length: Math.round(seconds * rate) }, (_, index) =>
    Math.round(12_000 * Math.sin((2 * Math.PI * hz * index) / rate)),
  );
}

function littleEndianBytes(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, index) => bytes.writeInt16LE(sample, index * 2));
  return bytes;
}

/** What an MP3 of this much PCM lasts: what LAME adds, rounded up to whole frames. */
function expectMp3ToLast(mp3: Buffer, pcmSeconds: number, rate: number): void {
  const frameSeconds = LAYER_III_MPEG2_SAMPLES / rate;
  const { durationSeconds } = parseMp3Frames(mp3);
  expect(durationSeconds).toBeGreaterThanOrEqual(pcmSeconds + LAME_ADDED_SAMPLES / rate);
  expect(durationSeconds).toBeLessThan(pcmSeconds + LAME_ADDED_SAMPLES / rate + frameSeconds);
}

interface HeaderFields {
  version: 0 | 2 | 3; // 2.5, 2, 1
  layer: 1 | 2 | 3; // III, II, I
  bitrateIndex: number;
  rateIndex: number;
  padding?: boolean;
  mode?: number;
}

function frame(fields: HeaderFields, bytes: number): Buffer {
  const header =
    (0x7ff << 21) |
    (fields.version << 19) |
    (fields.layer << 17) |
    (1 << 16) |
    (fields.bitrateIndex << 12) |
    (fields.rateIndex << 10) |
    ((fields.padding === true ? 1 : 0) << 9) |
    ((fields.mode ?? 3) << 6);
  const out = Buffer.alloc(bytes);
  out.writeUInt32BE(header >>> 0, 0);
  return out;
}

function id3v2(bodyBytes: number): Buffer {
  const tag = Buffer.alloc(10 + bodyBytes);
  tag.write('ID3', 0, 'latin1');
  tag[3] = 4;
  [21, 14, 7, 0].forEach((shift, index) => (tag[6 + index] = (bodyBytes >> shift) & 0x7f));
  return tag;
}

describe('encodeMp3', () => {
  it.each(MP3_SAMPLE_RATES)(
    'encodes 3 s of a tone at %i Hz as MPEG-2 Layer III, 48 kbps constant, mono, at that rate',
    async (rate) => {
      const mp3 = await encodeMp3(sine(3, rate), rate);
      const summary = parseMp3Frames(mp3);
      expect(summary).toMatchObject({
        version: 'MPEG-2',
        layer: 'III',
        bitrateKbps: [48],
        sampleRate: rate,
        channelMode: 'mono',
      });
      // 48 kbps on average too: frames are 72 * bitrate / rate bytes, some padded by one.
      expect(mp3.length / summary.frames).toBeCloseTo((72 * 48_000) / rate, 0);
    },
  );

  it.each(MP3_SAMPLE_RATES)(
    'makes 3 s at %i Hz last 3 s plus what LAME adds, within one frame',
    async (rate) => {
      expectMp3ToLast(await encodeMp3(sine(3, rate), rate), 3, rate);
    },
  );

  it.each([1, 575, 576, 577, 4000])(
    'makes %i samples last them plus what LAME adds, within one frame',
    async (samples) => {
      const pcm = sine(samples / 16000, 16000);
      expectMp3ToLast(await encodeMp3(pcm, 16000), samples / 16000, 16000);
    },
  );

  it('encodes PCM bytes as Polly sends them (little-endian) the same as samples', async () => {
    const samples = sine(0.5, 16000);
    const bytes = littleEndianBytes(samples);
    expect((await encodeMp3(bytes, 16000)).equals(await encodeMp3(samples, 16000))).toBe(true);
  });

  it('reads PCM bytes that start at an odd offset in their memory', async () => {
    const samples = sine(0.25, 22050);
    const shifted = Buffer.concat([Buffer.alloc(1), littleEndianBytes(samples)]).subarray(1);
    expect(shifted.byteOffset % 2).toBe(1);
    expect(Array.from(pcmSamples(shifted))).toEqual(Array.from(samples));
  });

  it('lasts as long as its parts together once the parts are concatenated', async () => {
    const parts = [sine(1.25, 24000, 330), littleEndianBytes(sine(1.75, 24000, 550))];
    const joined = concatPcm(parts);
    expect(pcmDurationSeconds(joined.length, 24000)).toBeCloseTo(3, 10);
    expectMp3ToLast(await encodeMp3(joined, 24000), 3, 24000);
  });

  it('refuses empty PCM rather than publish two frames of silence', async () => {
    await expect(encodeMp3(new Int16Array(0), 16000)).rejects.toThrow(
      new RangeError('no PCM samples to encode'),
    );
    await expect(encodeMp3(Buffer.alloc(0), 16000)).rejects.toThrow(RangeError);
  });

  it('refuses PCM bytes that do not make whole 16-bit samples', async () => {
    await expect(encodeMp3(Buffer.alloc(3), 16000)).rejects.toThrow(/3 bytes; 16-bit samples/);
  });

  it('refuses a sample rate or bit rate Alexa would not play', async () => {
    await expect(encodeMp3(sine(0.1, 44100), 44100 as Mp3SampleRate)).rejects.toThrow(/44100 Hz/);
    await expect(encodeMp3(sine(0.1, 16000), 16000, { kbps: 64 as 48 })).rejects.toThrow(/64 kbps/);
  });

  it('encodes a minute of audio to a minute of MP3', async () => {
    const rate = 16000;
    const minute = concatPcm([sine(30, rate, 220), sine(30, rate, 1800)]);
    // Its speed is measured by npm run bench (BENCHMARKS.md), never asserted here.
    expectMp3ToLast(await encodeMp3(minute, rate), 60, rate);
  });
});

describe('parseMp3Frames', () => {
  it('sizes frames by version and layer: 72 or 144 bytes per kbps/kHz, layer I in 4-byte slots', async () => {
    const cases: [HeaderFields, number, string, string, number][] = [
      // MPEG-1 Layer III, 128 kbps, 44.1 kHz: 144 * 128000 / 44100 = 417, one more when padded.
      [
        { version: 3, layer: 1, bitrateIndex: 9, rateIndex: 0, padding: true, mode: 1 },
        418,
        'MPEG-1',
        'III',
        1152,
      ],
      [
        { version: 3, layer: 1, bitrateIndex: 9, rateIndex: 0, mode: 0 },
        417,
        'MPEG-1',
        'III',
        1152,
      ],
      // MPEG-2 Layer III, 48 kbps, 16 kHz: 72 * 48000 / 16000 = 216.
      [{ version: 2, layer: 1, bitrateIndex: 6, rateIndex: 2 }, 216, 'MPEG-2', 'III', 576],
      // MPEG-2.5 Layer III, 8 kbps, 8 kHz: 72 * 8000 / 8000 = 72.
      [{ version: 0, layer: 1, bitrateIndex: 1, rateIndex: 2 }, 72, 'MPEG-2.5', 'III', 576],
      // MPEG-2 Layer II keeps 1152 samples: 144 * 8000 / 24000 = 48.
      [{ version: 2, layer: 2, bitrateIndex: 1, rateIndex: 1 }, 48, 'MPEG-2', 'II', 1152],
      // MPEG-1 Layer I, 32 kbps, 48 kHz: (12 * 32000 / 48000) * 4 = 32.
      [{ version: 3, layer: 3, bitrateIndex: 1, rateIndex: 1 }, 32, 'MPEG-1', 'I', 384],
    ];
    for (const [fields, bytes, version, layer, samples] of cases) {
      const stream = Buffer.concat([
        frame(fields, bytes),
        frame(fields, bytes),
        frame(fields, bytes),
      ]);
      const summary = parseMp3Frames(stream);
      expect(summary).toMatchObject({ frames: 3, version, layer });
      expect(summary.durationSeconds).toBeCloseTo((3 * samples) / summary.sampleRate, 12);
    }
  });

  it('lists each distinct bit rate once, so a variable-rate stream shows several', async () => {
    const low = frame({ version: 2, layer: 1, bitrateIndex: 6, rateIndex: 2 }, 216);
    const high = frame({ version: 2, layer: 1, bitrateIndex: 8, rateIndex: 2 }, 288);
    expect(parseMp3Frames(Buffer.concat([high, low, high, low])).bitrateKbps).toEqual([48, 64]);
  });

  it('skips an ID3v2 tag at the start and an ID3v1 tag at the end', async () => {
    const audio = await encodeMp3(sine(0.5, 16000), 16000);
    const id3v1 = Buffer.alloc(128);
    id3v1.write('TAG', 0, 'latin1');
    const tagged = Buffer.concat([id3v2(300), audio, id3v1]);
    expect(parseMp3Frames(tagged)).toEqual(parseMp3Frames(audio));
  });

  it('does not count a Xing/Info frame as audio', async () => {
    const fields: HeaderFields = { version: 2, layer: 1, bitrateIndex: 6, rateIndex: 2 };
    const info = frame(fields, 216);
    info.write('Info', 4 + 9, 'latin1');
    const summary = parseMp3Frames(Buffer.concat([info, frame(fields, 216)]));
    expect(summary.frames).toBe(1);
  });

  it('says where an MP3 cut short ends mid-frame', async () => {
    const mp3 = await encodeMp3(sine(0.5, 16000), 16000);
    const cut = mp3.subarray(0, mp3.length - 100);
    expect(() => parseMp3Frames(cut)).toThrow(Mp3FormatError);
    expect(() => parseMp3Frames(cut)).toThrow(/truncated: frame \d+ needs 216 bytes, 116 remain/);
  });

  it('stops at the first byte where a frame header should be and is not', async () => {
    const mp3 = await encodeMp3(sine(0.5, 16000), 16000);
    const garbage = Buffer.from('not audio at all', 'latin1');
    const caught = catchError(() => parseMp3Frames(Buffer.concat([mp3, garbage])));
    expect(caught).toBeInstanceOf(Mp3FormatError);
    expect(caught).toMatchObject({ offset: mp3.length });
    expect(caught?.message).toBe(`no MPEG frame sync: found 6e 6f 74 20 (at byte ${mp3.length})`);
  });

  it('refuses data with no frames, and headers with reserved or free-format fields', async () => {
    expect(() => parseMp3Frames(Buffer.alloc(0))).toThrow(/no MPEG audio frames/);
    expect(() => parseMp3Frames(id3v2(20))).toThrow(/no MPEG audio frames/);
    expect(() => parseMp3Frames(Buffer.from([0xff, 0xfb]))).toThrow(/truncated: 2 bytes left/);
    expect(() => parseMp3Frames(Buffer.from('<html>', 'latin1'))).toThrow(/no MPEG frame sync/);
    const free = frame({ version: 2, layer: 1, bitrateIndex: 0, rateIndex: 2 }, 216);
    expect(() => parseMp3Frames(free)).toThrow(/free-format bitrate/);
    const badRate = frame({ version: 2, layer: 1, bitrateIndex: 6, rateIndex: 3 }, 216);
    expect(() => parseMp3Frames(badRate)).toThrow(/reserved sample rate/);
    const reserved = Buffer.from([0xff, 0xeb, 0x68, 0xc4]);
    expect(() => parseMp3Frames(reserved)).toThrow(/reserved MPEG version/);
  });

  it('refuses a stream whose sample rate changes mid-way', async () => {
    const at16k = frame({ version: 2, layer: 1, bitrateIndex: 6, rateIndex: 2 }, 216);
    const at24k = frame({ version: 2, layer: 1, bitrateIndex: 6, rateIndex: 1 }, 144);
    expect(() => parseMp3Frames(Buffer.concat([at16k, at24k]))).toThrow(
      'sampleRate changes mid-stream from 16000 to 24000 (at byte 216)',
    );
  });
});

describe('PCM helpers', () => {
  it('gives the duration of a number of samples at a rate', async () => {
    expect(pcmDurationSeconds(48_000, 16000)).toBe(3);
    expect(pcmDurationSeconds(0, 22050)).toBe(0);
    expect(() => pcmDurationSeconds(-1, 16000)).toThrow(RangeError);
    expect(() => pcmDurationSeconds(10, 0)).toThrow(RangeError);
  });

  it('concatenates parts in order, bytes and samples alike', async () => {
    const joined = concatPcm([Int16Array.of(1, -2), littleEndianBytes(Int16Array.of(3, -32768))]);
    expect(Array.from(joined)).toEqual([1, -2, 3, -32768]);
    expect(concatPcm([])).toHaveLength(0);
  });
});

function catchError(action: () => unknown): Error | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return undefined;
}
