/** A simulation's clock: it moves forward a second at a time (a long gap in one step), never back, and a repeated second gets the same records. */

/** Longer gaps are bridged by one step; stepping them second by second would stall a caller. */
const MAX_STEPPED_GAP_SECONDS = 300;

export interface SimulationSteps<T> {
  /** What the simulation moves, for errors: "players", "stations". */
  readonly what: string;
  /** Sets the world up at its first second. */
  start(second: number): void;
  /** Moves the world on to `second`, `seconds` after where it was. */
  step(second: number, seconds: number): void;
  /** The records the world sends at `second`. */
  recordsOf(second: number): T[];
}

/** The records at each second asked for, the world moved on to it first. */
export function simulationClock<T>(steps: SimulationSteps<T>): (second: number) => T[] {
  let lastSecond: number | undefined;
  let lastRecords: T[] = [];
  return (second) => {
    if (!Number.isInteger(second)) throw new RangeError(`second must be whole, not ${second}`);
    if (lastSecond === undefined) {
      steps.start(second);
    } else if (second < lastSecond) {
      throw new RangeError(
        `${steps.what} are at second ${lastSecond} and cannot go back to ${second}`,
      );
    } else if (second === lastSecond) {
      return [...lastRecords];
    } else if (second - lastSecond > MAX_STEPPED_GAP_SECONDS) {
      steps.step(second, second - lastSecond);
    } else {
      for (let s = lastSecond + 1; s <= second; s++) steps.step(s, 1);
    }
    lastSecond = second;
    lastRecords = steps.recordsOf(second);
    return [...lastRecords];
  };
}
