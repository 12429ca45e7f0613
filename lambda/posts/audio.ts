/** Turns Polly's PCM into the one MP3 Alexa's <audio> plays: MPEG-2 Layer III, 48 kbps CBR, mono. */
import { createMp3Encoder } from 'wasm-media-encoders';
import { endianness } from 'node:os';

/** The sample rates Polly returns PCM in that Alexa also accepts in an MP3 (all MPEG-2). */
export type Mp3SampleRate = 16000 | 22050 | 24000;

export const MP3_SAMPLE_RATES: readonly Mp3SampleRate[] = Object.freeze([16000, 22050, 24000]);

/** Alexa's <audio> requires exactly this bit rate. */
export const MP3_KBPS = 48;

export interface EncodeOptions {
  readonly kbps?: typeof MP3_KBPS;
}

/** PCM as Polly returns it: 16-bit signed little-endian samples, one channel. */
export type Pcm = Int16Array | Buffer;

/**
 * Samples an MP3 lasts beyond its PCM before rounding up to a whole frame: LAME's encoder delay at the
 * start and what its flush pads at the end (measured for every length up to 6000 samples at each rate).
 */
export const LAME_ADDED_SAMPLES = 1152;

/** Samples handed to the encoder at a time: small enough to keep its buffers small. */
const BLOCK_SAMPLES = 16384;

/** A copy is only needed when the bytes sit at an odd offset or the machine is big-endian. */
function int16View(pcm: Buffer): Int16Array {
  if (pcm.length % 2 !== 0) {
    throw new RangeError(`PCM has ${pcm.length} bytes; 16-bit samples need an even number`);
  }
  if (pcm.byteOffset % 2 === 0 && endianness() === 'LE') {
    return new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
  }
  return Int16Array.from({ length: pcm.length / 2 }, (_, index) => pcm.readInt16LE(index * 2));
}

/** PCM samples as an Int16Array, whichever form they came in. */
export function pcmSamples(pcm: Pcm): Int16Array {
  return pcm instanceof Int16Array ? pcm : int16View(pcm);
}

export function pcmDurationSeconds(samples: number, sampleRate: number): number {
  if (!Number.isInteger(samples) || samples < 0) {
    throw new RangeError(`samples must be a whole number of at least 0, not ${samples}`);
  }
  if (!(sampleRate > 0)) throw new RangeError(`sample rate must be positive, not ${sampleRate}`);
  return samples / sampleRate;
}

/** One PCM stream from Polly's per-request parts, in order. */
export function concatPcm(parts: readonly Pcm[]): Int16Array {
  const samples = parts.map(pcmSamples);
  const joined = new Int16Array(samples.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of samples) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}

function checkFormat(sampleRate: number, kbps: number): void {
  if (!MP3_SAMPLE_RATES.includes(sampleRate as Mp3SampleRate)) {
    throw new RangeError(
      `sample rate ${sampleRate} Hz is not one Alexa plays as MP3; use ${MP3_SAMPLE_RATES.join(', ')}`,
    );
  }
  if (kbps !== MP3_KBPS) {
    throw new RangeError(`${kbps} kbps: Alexa's <audio> accepts only ${MP3_KBPS} kbps MP3`);
  }
}

/** 16-bit samples as the floats in [-1, 1) the encoder takes. */
function toFloat(samples: Int16Array): Float32Array {
  const floats = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) floats[i] = samples[i]! / 32768;
  return floats;
}

type WasmMp3Encoder = Awaited<ReturnType<typeof createMp3Encoder>>;

/**
 * Encodes PCM as it arrives, part after part in order, so that encoding overlaps waiting for the
 * next part (Polly's answers come in over seconds). LAME compiled to WebAssembly: about six times
 * faster than a JavaScript port, which matters for a post of twenty minutes.
 */
export class Mp3Stream {
  private readonly chunks: Buffer[] = [];
  private written = 0;
  private ended = false;

  private constructor(
    readonly sampleRate: Mp3SampleRate,
    private readonly encoder: WasmMp3Encoder,
  ) {}

  static async create(sampleRate: Mp3SampleRate, options: EncodeOptions = {}): Promise<Mp3Stream> {
    const kbps = options.kbps ?? MP3_KBPS;
    checkFormat(sampleRate, kbps);
    const encoder = await createMp3Encoder();
    encoder.configure({ sampleRate, channels: 1, bitrate: kbps });
    return new Mp3Stream(sampleRate, encoder);
  }

  /** Samples written so far. */
  get samples(): number {
    return this.written;
  }

  write(pcm: Pcm): void {
    if (this.ended) throw new Error('this MP3 stream has ended');
    const samples = pcmSamples(pcm);
    for (let at = 0; at < samples.length; at += BLOCK_SAMPLES) {
      // The encoder reuses its output buffer: copy each part out before the next call.
      const part = this.encoder.encode([toFloat(samples.subarray(at, at + BLOCK_SAMPLES))]);
      this.chunks.push(Buffer.from(part));
    }
    this.written += samples.length;
  }

  /** The whole MP3. Throws RangeError when nothing was written. */
  end(): Buffer {
    // LAME would still write frames of silence, which is never what a caller meant to publish.
    if (this.written === 0) throw new RangeError('no PCM samples to encode');
    if (!this.ended) {
      this.chunks.push(Buffer.from(this.encoder.finalize()));
      this.ended = true;
    }
    return Buffer.concat(this.chunks);
  }
}

/**
 * Encodes mono PCM as MPEG-2 Layer III at 48 kbps constant bit rate, the sample rate kept (LAME does
 * not resample a rate MPEG-2 has). Throws RangeError for empty PCM, an odd byte count, or another
 * rate or bit rate. The MP3 lasts LAME_ADDED_SAMPLES longer than the PCM, rounded up to a frame.
 */
export async function encodeMp3(
  pcm: Pcm,
  sampleRate: Mp3SampleRate,
  options: EncodeOptions = {},
): Promise<Buffer> {
  const stream = await Mp3Stream.create(sampleRate, options);
  stream.write(pcm);
  return stream.end();
}
