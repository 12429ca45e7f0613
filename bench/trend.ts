/**
 * Trend answers over 10 and 60 minutes, with the rollups of one and of four shards: the skill's
 * PlayersTrend handler in process against dynalite, side by side with the game analytics talk's
 * layout (seed 000) of one whole item per second (what persist stores from the SQL apps' records).
 */
import { performance } from 'node:perf_hooks';
import { Intent, Slot } from '../domain/names';
import { countsOf, type PartialCounts } from '../lambda/rollups/playerRollupColumns';
import { shardMinuteToItem, playerRollupToItem } from '../lambda/rollups/playerRollupItems';
import { createSkillHandler } from '../lambda/skill';
import { createSkillServices } from '../lambda/skill/services';
import { intentRequest } from '../test/support/requests';
import { startTestStack, playerRollup } from '../test/support/stack';
import { median, ms, percentile } from './stats';

const HOUR_MS = 3600_000;

/** One shard's share of 400 players a second, varying a little. */
function counts(second: number, shard: number, shards: number): PartialCounts {
  return countsOf(playerRollup(second * 1000, Math.round((400 + (second % 37)) / shards) + shard));
}

export async function benchTrend(iterations: number): Promise<string[]> {
  const stack = await startTestStack();
  const write = stack.putItems;
  try {
    const now = Date.now();
    const firstMinute = Math.floor((now - HOUR_MS) / 60_000) * 60_000;
    const expiresAt = Math.floor(now / 1000) + 86_400;
    const layouts: { name: string; items: Record<string, unknown>[] }[] = [1, 4].map((shards) => {
      const items: Record<string, unknown>[] = [];
      for (let minute = firstMinute; minute <= now; minute += 60_000) {
        for (let shard = 0; shard < shards; shard++) {
          const windows = new Map<number, PartialCounts>();
          for (let t = minute; t < minute + 60_000 && t <= now - 2000; t += 1000)
            windows.set(t, counts(t / 1000, shard, shards));
          if (windows.size === 0) continue;
          items.push(
            shardMinuteToItem({
              shardId: `shardId-00000000000${shard}`,
              minute,
              version: 1,
              expiresAt,
              windows,
            }),
          );
        }
      }
      return {
        name: `${shards} shard${shards > 1 ? 's' : ''}, one item per shard and minute`,
        items,
      };
    });
    const whole: Record<string, unknown>[] = [];
    for (let t = Math.floor((now - HOUR_MS) / 1000) * 1000; t <= now - 2000; t += 1000)
      whole.push(playerRollupToItem(playerRollup(t, 400 + ((t / 1000) % 37)), expiresAt));
    layouts.push({
      name: 'whole windows from the SQL apps, one item per second (seed 000)',
      items: whole,
    });

    const rows = [
      '| rollups in the table | trend over | items read | p50 ms | p99 ms |',
      '|---|---|---:|---:|---:|',
    ];
    for (const layout of layouts) {
      const config = await stack.freshConfig();
      await write(config.userRollupsTable, layout.items);
      const ask = createSkillHandler({ config, services: createSkillServices(config) });
      for (const [span, minutes] of [
        ['PT10M', 10],
        ['PT60M', 60],
      ] as const) {
        const request = () =>
          intentRequest(Intent.PlayersTrend, { [Slot.Duration]: { value: span } });
        for (let i = 0; i < 20; i++) await ask(request()); // warm up
        const samples: number[] = [];
        let answer = '';
        for (let i = 0; i < iterations; i++) {
          const start = performance.now();
          const response = await ask(request());
          samples.push(performance.now() - start);
          answer = JSON.stringify(response.response.outputSpeech);
        }
        if (!answer.includes('the high')) throw new Error(`no trend in the answer: ${answer}`);
        const read = layout.items.filter((item) => {
          const time = item.windowtime as number;
          const from = now - minutes * 60_000;
          return 'shardId' in item ? time + 60_000 > from : time >= from;
        }).length;
        rows.push(
          `| ${layout.name} | ${minutes} min | ${read.toLocaleString('en-US')} | ${ms(median(samples))} | ${ms(percentile(samples, 99))} |`,
        );
      }
    }
    return rows;
  } finally {
    await stack.close();
  }
}
