/** Seeded randomness for emulators, simulations and tests: the same seed gives the same numbers. */

// Bound once: under jest's sandbox every lookup of the Math global is slow, and a simulation makes
// millions of these calls when a test runs through a day.
const { imul } = Math;

/** Uniform in [0, 1), like Math.random; a caller takes one so that a seed replays the same run. */
export type RandomSource = () => number;

/** mulberry32: 32 bits of state is plenty for synthetic data and fault injection, and it is fast and tiny. */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
