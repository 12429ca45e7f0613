/** Merging the shards' partial player rollups: sums, whole windows, and which windows are whole yet. */
import { mergePlayerRollups, shardOfSource } from '../../lambda/rollups/playerRollupMerge';
import {
  parseShardMinute,
  parsePlayerCountsItem,
  shardMinuteToItem,
  type StoredPlayerRollup,
} from '../../lambda/rollups/playerRollupItems';
import { mergeSensorPartials } from '../../lambda/rollups/sensorRollupMerge';
import type { SensorRollup } from '../../lambda/rollups/sensorRollups';
import { playerRollup } from '../support/stack';
import { countsOf, type PartialCounts } from '../../lambda/rollups/playerRollupColumns';

const MINUTE = Date.UTC(2026, 10, 21, 12, 0, 0);
const at = (second: number) => MINUTE + second * 1000;

/** One shard's minute: its partial counts by second, [users, android, ios, wp, other, A, B, C, D]. */
function shard(shardId: string, seconds: Record<number, PartialCounts>): StoredPlayerRollup {
  return {
    kind: 'partials',
    shard: {
      shardId,
      minute: MINUTE,
      version: 1,
      expiresAt: undefined,
      windows: new Map(Object.entries(seconds).map(([s, counts]) => [at(Number(s)), counts])),
    },
  };
}

const counts = (users: number): PartialCounts => [users, users, 0, 0, 0, users, 0, 0, 0];

describe('merging partial player rollups', () => {
  it('adds up the shards of a window, every count', () => {
    const { rollups } = mergePlayerRollups([
      shard('shardId-000000000000', { 0: [3, 1, 2, 0, 0, 1, 1, 1, 0] }),
      shard('shardId-000000000001', { 0: [4, 4, 0, 0, 0, 0, 0, 2, 2] }),
    ]);
    expect(rollups).toEqual([
      {
        windowTime: at(0),
        userCount: 7,
        byOs: { android: 5, ios: 2, windowsPhone: 0, other: 0 },
        byQuadrant: { A: 1, B: 1, C: 3, D: 2 },
      },
    ]);
  });

  it('leaves out the windows a shard still writing has not reached yet', () => {
    const { rollups, watermark } = mergePlayerRollups([
      shard('shardId-000000000000', { 0: counts(1), 1: counts(1), 2: counts(1) }),
      shard('shardId-000000000001', { 0: counts(2), 1: counts(2) }),
    ]);
    expect(watermark).toBe(at(1));
    expect(rollups.map((r) => [r.windowTime, r.userCount])).toEqual([
      [at(0), 3],
      [at(1), 3],
    ]);
  });

  it('counts a window a shard had no players in once that shard has written a later one', () => {
    const { rollups } = mergePlayerRollups([
      shard('shardId-000000000000', { 0: counts(1), 1: counts(1), 2: counts(1) }),
      shard('shardId-000000000001', { 0: counts(2), 2: counts(2) }),
    ]);
    expect(rollups.map((r) => r.userCount)).toEqual([3, 1, 3]);
  });

  it('stops waiting for a shard silent for longer than the idle time while others write', () => {
    const quiet = shard('shardId-000000000001', { 0: counts(5) });
    const busy = shard(
      'shardId-000000000000',
      Object.fromEntries(Array.from({ length: 20 }, (_, s) => [s, counts(1)])),
    );
    expect(mergePlayerRollups([busy, quiet], 10_000).rollups.at(-1)?.windowTime).toBe(at(19));
    expect(mergePlayerRollups([busy, quiet], 30_000).rollups.at(-1)?.windowTime).toBe(at(0));
  });

  it('takes a whole window from the SQL apps as it is, over any partial of it', () => {
    const { rollups } = mergePlayerRollups([
      { kind: 'window', windowTime: at(0), counts: countsOf(playerRollup(at(0), 96)) },
      { kind: 'window', windowTime: at(5), counts: countsOf(playerRollup(at(5), 90)) },
      shard('shardId-000000000000', { 0: counts(3), 1: counts(4) }),
    ]);
    expect(rollups.map((r) => [r.windowTime, r.userCount])).toEqual([
      [at(0), 96],
      [at(1), 4],
      [at(5), 90],
    ]);
  });

  it("adds the parts of a window Lambda ended early to their shard's", () => {
    expect(shardOfSource('shardId-000000000002~4959')).toBe('shardId-000000000002');
    const { rollups } = mergePlayerRollups([
      shard('shardId-000000000000~49590', { 0: counts(700) }),
      shard('shardId-000000000000', { 0: counts(300), 1: counts(2) }),
    ]);
    expect(rollups.map((r) => r.userCount)).toEqual([1000, 2]);
  });

  it('has nothing whole without items', () => {
    expect(mergePlayerRollups([])).toEqual({ rollups: [], watermark: undefined });
  });
});

describe("a shard's minute item", () => {
  it('packs its seconds as JSON and reads them back', () => {
    const stored = shard('shardId-000000000003', { 0: counts(1), 59: counts(2) });
    if (stored.kind !== 'partials') throw new Error('a shard minute');
    const item = shardMinuteToItem(stored.shard);
    expect(item).toMatchObject({
      dataType: 'quadrantRollup',
      windowShard: `${MINUTE}#shardId-000000000003`,
      windowtime: MINUTE,
      shardId: 'shardId-000000000003',
      version: 1,
    });
    expect(JSON.parse(item.seconds)).toEqual({ '0': counts(1), '59': counts(2) });
    expect(parseShardMinute(item)).toEqual(stored.shard);
  });

  it("repeats each second's players in userCounts, which a lean read takes alone", () => {
    const stored = shard('shardId-000000000003', { 0: counts(1), 7: counts(12) });
    if (stored.kind !== 'partials') throw new Error('a shard minute');
    const item = shardMinuteToItem(stored.shard);
    const userCounts = JSON.parse(item.userCounts) as (number | null)[];
    expect(userCounts).toHaveLength(60);
    expect(userCounts.filter((n) => n !== null)).toEqual([1, 12]);
    const lean = parsePlayerCountsItem({
      windowtime: item.windowtime,
      shardId: item.shardId,
      userCounts: item.userCounts,
    });
    expect(lean.kind === 'partials' && [...lean.shard.windows]).toEqual([
      [at(0), [1]],
      [at(7), [12]],
    ]);
    expect(() =>
      parsePlayerCountsItem({ windowtime: 0, shardId: 's', userCounts: '[1, 2]' }),
    ).toThrow(/not 60 counts/);
  });

  it('is refused when its seconds are not the packed counts', () => {
    const stored = shard('s', { 0: counts(1) });
    if (stored.kind !== 'partials') throw new Error('a shard minute');
    const item = shardMinuteToItem(stored.shard);
    expect(() => parseShardMinute({ ...item, seconds: '{"0": [1, 2]}' })).toThrow(
      /does not fit the table design/,
    );
    expect(() => parseShardMinute({ ...item, seconds: 'not json' })).toThrow(/not JSON/);
  });
});

describe('merging sensor partials', () => {
  const part = (sensorId: string, sum: number, count: number, whole = false) => ({
    whole,
    rollup: {
      stationId: 's',
      sensor: 'temp',
      sensorId,
      windowTime: 60_000,
      avgValue: sum / count,
      smoothAvgValue: sum / count - 1,
      sum,
      count,
    } satisfies SensorRollup,
  });

  it("adds up one sensor's partials from two shards (a reshard), as counts and sums add", () => {
    const [merged] = mergeSensorPartials([part('a', 30, 30), part('a', 90, 30)]);
    expect(merged).toMatchObject({ sensorId: 'a', count: 60, sum: 120, avgValue: 2 });
    expect(merged?.smoothAvgValue).toBeCloseTo(1, 10);
  });

  it('keeps a whole window over partials of the same sensor, and each sensor apart', () => {
    const merged = mergeSensorPartials([
      part('a', 30, 30),
      part('a', 60, 60, true),
      part('b', 5, 5),
    ]);
    expect(merged.map((r) => [r.sensorId, r.count])).toEqual([
      ['a', 60],
      ['b', 5],
    ]);
  });
});
