/** Audio plumbing for the Polly emulator: resampling espeak's 22050 Hz speech and laying out 16-bit PCM. */

/** Half-width of the interpolation kernel in input samples at the narrower band; 16 keeps aliasing well below speech. */
const KERNEL_HALF_WIDTH = 16;

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over [-1, 1]. */
function blackman(x: number): number {
  if (x <= -1 || x >= 1) return 0;
  const t = (x + 1) / 2;
  return 0.42 - 0.5 * Math.cos(2 * Math.PI * t) + 0.08 * Math.cos(4 * Math.PI * t);
}

function clamp16(value: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(value)));
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

interface Kernel {
  /** Output samples per cycle and input samples they span: toRate/fromRate reduced. */
  up: number;
  down: number;
  /** First input offset (relative to the output's left neighbour) the weights apply to. */
  reach: number;
  /** Weights per phase (output position within a cycle), one per input offset from -reach, summing to 1. */
  phases: Float64Array[];
}

const kernels = new Map<string, Kernel>();

/**
 * Windowed-sinc weights for each phase of a rational rate change. Speech rates are rational
 * (22050 → 16000 is 441 → 320), so each output sample uses one of `up` precomputed kernels.
 */
function kernelFor(fromRate: number, toRate: number): Kernel {
  const key = `${fromRate}:${toRate}`;
  const cached = kernels.get(key);
  if (cached !== undefined) return cached;
  const divisor = greatestCommonDivisor(fromRate, toRate);
  const up = toRate / divisor;
  const down = fromRate / divisor;
  const ratio = toRate / fromRate;
  // Cut-off relative to the input's Nyquist frequency, a little under the lower of the two.
  const cutoff = Math.min(1, ratio) * 0.95;
  const halfWidth = KERNEL_HALF_WIDTH / Math.min(1, ratio);
  const reach = Math.ceil(halfWidth);
  const phases = Array.from({ length: up }, (_, phase) => {
    const fraction = phase / up;
    const weights = new Float64Array(2 * reach + 2);
    let total = 0;
    for (let offset = -reach; offset <= reach + 1; offset += 1) {
      const distance = fraction - offset;
      const weight = cutoff * sinc(cutoff * distance) * blackman(distance / halfWidth);
      weights[offset + reach] = weight;
      total += weight;
    }
    // Unit gain at 0 Hz for every phase, so the level does not ripple with the phase.
    return weights.map((weight) => weight / total);
  });
  const kernel = { up, down, reach, phases };
  kernels.set(key, kernel);
  return kernel;
}

/**
 * Band-limited resampling with a windowed sinc. When going down (22050 → 16000 or 8000) the kernel
 * widens and its cut-off drops below the new Nyquist frequency, so speech does not alias.
 */
export function resample(input: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return input.slice();
  const { up, down, reach, phases } = kernelFor(fromRate, toRate);
  const outputLength = Math.round((input.length * up) / down);
  const output = new Int16Array(outputLength);
  for (let i = 0; i < outputLength; i += 1) {
    const base = Math.floor((i * down) / up);
    const weights = phases[(i * down) % up];
    if (weights === undefined) continue;
    const first = Math.max(0, base - reach);
    const last = Math.min(input.length - 1, base + reach + 1);
    // Beyond either end the input counts as silence, as it is in espeak's speech.
    let sum = 0;
    for (let k = first; k <= last; k += 1)
      sum += (input[k] ?? 0) * (weights[k - base + reach] ?? 0);
    output[i] = clamp16(sum);
  }
  return output;
}

/** Polly's pcm: signed 16-bit, one channel, little-endian, whatever the host's byte order. */
export function pcmBytes(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, index) => bytes.writeInt16LE(sample, index * 2));
  return bytes;
}

export function durationMs(sampleCount: number, sampleRate: number): number {
  return Math.round((sampleCount / sampleRate) * 1000);
}

/**
 * Bit rate per MP3 sampling rate. lame resamples silently when the bit rate is too low for the rate
 * (24000 Hz at 32 kbps comes out at 22050 Hz), so each rate gets one it keeps.
 */
export function mp3BitRate(sampleRate: number): number {
  if (sampleRate <= 16000) return 32;
  if (sampleRate <= 24000) return 48;
  return 64;
}
