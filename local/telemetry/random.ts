/** Seedable randomness for the telemetry simulation: the distributions it draws from, on the shared seeded generator. */
import type { RandomSource } from '../random';

// Bound once per module: under jest's sandbox every lookup of the Math global is slow, and the
// simulation makes millions of these calls when a test runs through a day.
const { PI, cos, exp, floor, imul, log, max, min, sqrt } = Math;

/**
 * A number that depends only on its inputs. Per-record jitter comes from here rather than from the
 * simulation's stream, so formatting a second's records never shifts the state of later seconds.
 */
export function hashUnit(salt: number, index: number, second: number): number {
  let h = imul(0x811c9dc5 ^ (salt >>> 0), 0x01000193);
  h = imul(h ^ (index >>> 0), 0x01000193);
  h = imul(h ^ (second >>> 0), 0x01000193);
  // One round of mulberry32's output mixing spreads the FNV bits over the whole word.
  h = imul(h ^ (h >>> 15), h | 1);
  h ^= h + imul(h ^ (h >>> 7), h | 61);
  return ((h ^ (h >>> 14)) >>> 0) / 4294967296;
}

export function uniform(random: RandomSource, low: number, high: number): number {
  return low + (high - low) * random();
}

export function integerBelow(random: RandomSource, bound: number): number {
  return floor(random() * bound);
}

/** Standard normal by Box–Muller; 1 - u keeps the logarithm away from zero. */
export function gaussian(random: RandomSource): number {
  const u = 1 - random();
  const v = random();
  return sqrt(-2 * log(u)) * cos(2 * PI * v);
}

/** Rounds up with probability equal to the fraction, so small expected counts still happen on average. */
export function stochasticRound(random: RandomSource, expected: number): number {
  const whole = floor(expected);
  return whole + (random() < expected - whole ? 1 : 0);
}

export function weightedChoice<T>(
  random: RandomSource,
  choices: readonly (readonly [T, number])[],
): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let point = random() * total;
  for (const [choice, weight] of choices) {
    point -= weight;
    if (point < 0) return choice;
  }
  const last = choices[choices.length - 1];
  if (last === undefined) throw new RangeError('weightedChoice needs at least one choice');
  return last[0];
}

/** A version 4 UUID from the given source, so player identities replay with the seed. */
export function uuidV4(random: RandomSource): string {
  const bytes = Array.from({ length: 16 }, () => integerBelow(random, 256));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One step of an Ornstein–Uhlenbeck process: a random walk pulled back to its mean, so it wanders
 * like weather but stays bounded in distribution. Exact for any step length, which lets the
 * simulation jump over long gaps in one step.
 */
export function ornsteinUhlenbeck(
  random: RandomSource,
  current: number,
  params: { mean: number; stdDev: number; timeConstantSeconds: number },
  dtSeconds: number,
): number {
  const decay = exp(-dtSeconds / params.timeConstantSeconds);
  const spread = params.stdDev * sqrt(1 - decay * decay);
  return params.mean + (current - params.mean) * decay + spread * gaussian(random);
}

export function clamp(value: number, low: number, high: number): number {
  return min(high, max(low, value));
}
