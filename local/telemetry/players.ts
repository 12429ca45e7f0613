/** Simulated game players: who is online each second, with a daily rhythm, and their events. */
import {
  OPERATING_SYSTEMS,
  QUADRANTS,
  type OperatingSystem,
  type Quadrant,
} from '../../domain/vocabulary';
import type { PlayerEvent } from './formats';
import { localTime } from './localTime';
import {
  clamp,
  gaussian,
  hashUnit,
  integerBelow,
  stochasticRound,
  uuidV4,
  weightedChoice,
} from './random';
import type { RandomSource } from '../random';
import { simulationClock } from './simulationClock';

// Bound once per module: under jest's sandbox every lookup of the Math global is slow, and the
// simulation makes millions of these calls when a test runs through a day.
const { exp, floor, min, round, sqrt } = Math;

/** Share of players per OS, roughly a mobile game's install base around the game analytics talk's time (seed 000, 2017). */
export const OS_MIX: readonly (readonly [OperatingSystem, number])[] = [
  ['android', 0.55],
  ['ios', 0.4],
  ['windowsPhone', 0.02],
  ['other', 0.03],
];

/**
 * Share of the population online at each local hour (index 0 is midnight to 1 AM): quiet before
 * dawn, a lunch bump, a peak after dinner. Linear in between, so the count never jumps on the hour.
 */
export const ONLINE_SHARE_BY_HOUR: readonly number[] = [
  0.34, 0.26, 0.19, 0.14, 0.11, 0.1, 0.12, 0.16, 0.2, 0.23, 0.26, 0.29, 0.33, 0.34, 0.34, 0.36, 0.4,
  0.47, 0.55, 0.63, 0.68, 0.66, 0.56, 0.44,
];

export const DEFAULT_POPULATION = 300;
/** The game analytics talk's player identities (seed 000) are in us-east-1, so its players are most likely on US Eastern time. */
export const DEFAULT_PLAYER_TIME_ZONE = 'America/New_York';

/** How far the drift may take the online count away from the daily rhythm, as a share of it. */
const DRIFT_BOUND = 0.2;
/** Per-√second step of the walk: over an hour it typically moves about ±0.2. */
const DRIFT_STEP = 0.0035;
const MEAN_SESSION_SECONDS = 25 * 60;
/** How fast joins and extra leaves pull the online count to the rhythm's target. */
const CONVERGENCE_SECONDS = 30;
const MEAN_SECONDS_IN_A_QUADRANT = 15 * 60;
/** The map is a 2×2 grid (A B / C D); a player walks into a neighbouring quadrant, not diagonally. */
const NEIGHBOURING_QUADRANTS: Record<Quadrant, readonly Quadrant[]> = {
  A: ['B', 'C'],
  B: ['A', 'D'],
  C: ['A', 'D'],
  D: ['B', 'C'],
};
/** Devices do not send on the second boundary; each keeps its own phase, wobbling by this much. */
const SEND_JITTER_MS = 40;

export interface PlayerSimulationOptions {
  /** Uniform [0, 1) source; the same source state replays the same players and events. */
  random: RandomSource;
  /** Everyone who ever plays; at most this many are online. Default 300. */
  population?: number;
  /** IANA zone the daily rhythm follows. Default America/New_York. */
  timeZone?: string;
}

export interface PlayerSimulation {
  readonly population: number;
  /**
   * One event per online player for this epoch second, ordered by recordTime. Seconds must not go
   * backwards; skipped seconds are simulated (and their events discarded), asking again for the
   * same second returns the same events.
   */
  playerEventsAt(second: number): PlayerEvent[];
}

interface Player {
  readonly index: number;
  readonly cognitoId: string;
  readonly os: OperatingSystem;
  /** Where in its second this device sends, in ms. */
  readonly sendPhaseMs: number;
  quadrant: Quadrant;
  online: boolean;
}

export function onlineShareAt(hourOfDay: number): number {
  const hour = floor(hourOfDay) % 24;
  const from = ONLINE_SHARE_BY_HOUR[hour] ?? 0;
  const to = ONLINE_SHARE_BY_HOUR[(hour + 1) % 24] ?? 0;
  return from + (to - from) * (hourOfDay - floor(hourOfDay));
}

export function createPlayerSimulation(options: PlayerSimulationOptions): PlayerSimulation {
  const { random } = options;
  const population = options.population ?? DEFAULT_POPULATION;
  if (!Number.isInteger(population) || population < 0) {
    throw new RangeError(`population must be a whole number ≥ 0, not ${population}`);
  }
  const timeZone = options.timeZone ?? DEFAULT_PLAYER_TIME_ZONE;
  // Fail on a bad zone now rather than on the first tick.
  localTime(0, timeZone);

  const jitterSalt = integerBelow(random, 2 ** 32);
  const players: Player[] = Array.from({ length: population }, (_, index) => ({
    index,
    cognitoId: `us-east-1:${uuidV4(random)}`,
    os: weightedChoice(random, OS_MIX),
    sendPhaseMs: integerBelow(random, 1000),
    quadrant: randomQuadrant(random),
    online: false,
  }));
  /**
   * How far the online count is above (or below) the daily rhythm, as a share of it: a bounded
   * random walk standing in for everything the clock does not explain (news, weather, a rival's launch).
   */
  let drift = 0;

  const targetOnline = (second: number): number =>
    clamp(
      round(population * onlineShareAt(localTime(second, timeZone).hourOfDay) * (1 + drift)),
      0,
      population,
    );

  function start(second: number): void {
    drift = clamp(gaussian(random) * DRIFT_BOUND * 0.25, -DRIFT_BOUND, DRIFT_BOUND);
    join(pickOffline(targetOnline(second)));
  }

  function step(second: number, dtSeconds: number): void {
    drift += DRIFT_STEP * sqrt(dtSeconds) * gaussian(random);
    // Reflect at the bounds so the walk keeps moving instead of sticking to an edge.
    if (drift > DRIFT_BOUND) drift = 2 * DRIFT_BOUND - drift;
    if (drift < -DRIFT_BOUND) drift = -2 * DRIFT_BOUND - drift;
    drift = clamp(drift, -DRIFT_BOUND, DRIFT_BOUND);

    const leaveChance = 1 - exp(-dtSeconds / MEAN_SESSION_SECONDS);
    for (const player of players) {
      if (player.online && random() < leaveChance) player.online = false;
    }

    const gap = targetOnline(second) - onlineCount();
    const pull = 1 - exp(-dtSeconds / CONVERGENCE_SECONDS);
    if (gap > 0) join(pickOffline(stochasticRound(random, gap * pull)));
    if (gap < 0) {
      for (const player of pickOnline(stochasticRound(random, -gap * pull))) player.online = false;
    }

    const moveChance = 1 - exp(-dtSeconds / MEAN_SECONDS_IN_A_QUADRANT);
    for (const player of players) {
      if (player.online && random() < moveChance) {
        const neighbours = NEIGHBOURING_QUADRANTS[player.quadrant];
        player.quadrant = neighbours[integerBelow(random, neighbours.length)] ?? player.quadrant;
      }
    }
  }

  function join(joining: Player[]): void {
    for (const player of joining) {
      player.online = true;
      // A new session spawns anywhere on the map.
      player.quadrant = randomQuadrant(random);
    }
  }

  const onlineCount = (): number => players.reduce((n, p) => n + (p.online ? 1 : 0), 0);
  const pickOffline = (count: number): Player[] =>
    sample(
      players.filter((p) => !p.online),
      count,
    );
  const pickOnline = (count: number): Player[] =>
    sample(
      players.filter((p) => p.online),
      count,
    );

  function sample(candidates: Player[], count: number): Player[] {
    const picked = min(count, candidates.length);
    // Partial Fisher–Yates: the first `picked` entries end up a uniform sample.
    for (let i = 0; i < picked; i++) {
      const j = i + integerBelow(random, candidates.length - i);
      const chosen = candidates[j];
      const displaced = candidates[i];
      if (chosen === undefined || displaced === undefined) break;
      candidates[i] = chosen;
      candidates[j] = displaced;
    }
    return candidates.slice(0, picked);
  }

  function eventsOf(second: number): PlayerEvent[] {
    return players
      .filter((p) => p.online)
      .map((player) => {
        const jitter = (hashUnit(jitterSalt, player.index, second) - 0.5) * 2 * SEND_JITTER_MS;
        const ms = clamp(round(player.sendPhaseMs + jitter), 0, 999);
        return {
          recordTime: (second * 1000 + ms) / 1000,
          cognitoId: player.cognitoId,
          os: OPERATING_SYSTEMS[player.os],
          quadrant: player.quadrant,
        };
      })
      .sort((a, b) => a.recordTime - b.recordTime);
  }

  return {
    population,
    playerEventsAt: simulationClock({ what: 'players', start, step, recordsOf: eventsOf }),
  };
}

function randomQuadrant(random: RandomSource): Quadrant {
  return QUADRANTS[integerBelow(random, QUADRANTS.length)] ?? 'A';
}
