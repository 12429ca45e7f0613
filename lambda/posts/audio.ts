/** Turns Polly's PCM into the one MP3 Alexa's <audio> plays: MPEG-2 Layer III, 48 kbps CBR, mono. */
import * as lame from '@breezystack/lamejs';
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { runInThisContext } from 'node:vm';

export { parseMp3Frames, Mp3FormatError, type Mp3Summary } from './mp3Frames';

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

// lamejs sizes its output buffer for 1152 input samples and reallocates for longer blocks.
const BLOCK_SAMPLES = 1152;

const LAMEJS = '@breezystack/lamejs';

type Mp3EncoderClass = typeof lame.Mp3Encoder;

function isEncoderModule(value: unknown): value is { Mp3Encoder: Mp3EncoderClass } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { Mp3Encoder?: unknown }).Mp3Encoder === 'function'
  );
}

/**
 * The package's "require" build is a browser script that keeps its exports in a local `var lamejs`,
 * so under CommonJS (ts-jest, tsx) the import above is empty. esbuild's bundle resolves the ESM build
 * and never comes here; elsewhere the script is run once, in this realm so its typed arrays are ours.
 */
function scriptMp3Encoder(): Mp3EncoderClass {
  // Named through a constant so that esbuild, which never needs this path, does not try to resolve it.
  const file = require.resolve(LAMEJS);
  const source = `(function () {\n${readFileSync(file, 'utf8')}\nreturn lamejs;\n})()`;
  const exported: unknown = runInThisContext(source, { filename: file });
  if (!isEncoderModule(exported)) {
    throw new Error(`${file} did not define Mp3Encoder; has ${LAMEJS} changed its build?`);
  }
  return exported.Mp3Encoder;
}

const Mp3Encoder: Mp3EncoderClass = isEncoderModule(lame) ? lame.Mp3Encoder : scriptMp3Encoder();

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

function asBuffer(bytes: ArrayBufferView): Buffer {
  // lamejs hands back Int8Array (its types say Uint8Array); viewing the bytes avoids a signed copy.
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function checkEncodeArguments(samples: Int16Array, sampleRate: number, kbps: number): void {
  if (!MP3_SAMPLE_RATES.includes(sampleRate as Mp3SampleRate)) {
    throw new RangeError(
      `sample rate ${sampleRate} Hz is not one Alexa plays as MP3; use ${MP3_SAMPLE_RATES.join(', ')}`,
    );
  }
  if (kbps !== MP3_KBPS) {
    throw new RangeError(`${kbps} kbps: Alexa's <audio> accepts only ${MP3_KBPS} kbps MP3`);
  }
  // LAME would still write two frames of silence, which is never what a caller meant to publish.
  if (samples.length === 0) throw new RangeError('no PCM samples to encode');
}

/**
 * Encodes mono PCM as MPEG-2 Layer III at 48 kbps constant bit rate, the sample rate kept (LAME does
 * not resample a rate MPEG-2 has). Throws RangeError for empty PCM, an odd byte count, or another
 * rate or bit rate. The MP3 lasts LAME_ADDED_SAMPLES longer than the PCM, rounded up to a frame.
 */
export function encodeMp3(
  pcm: Pcm,
  sampleRate: Mp3SampleRate,
  options: EncodeOptions = {},
): Buffer {
  const kbps = options.kbps ?? MP3_KBPS;
  const samples = pcmSamples(pcm);
  checkEncodeArguments(samples, sampleRate, kbps);
  const encoder = new Mp3Encoder(1, sampleRate, kbps);
  const chunks: Buffer[] = [];
  for (let at = 0; at < samples.length; at += BLOCK_SAMPLES) {
    chunks.push(asBuffer(encoder.encodeBuffer(samples.subarray(at, at + BLOCK_SAMPLES))));
  }
  chunks.push(asBuffer(encoder.flush()));
  return Buffer.concat(chunks);
}
