/**
 * Statistics and what is usual, in process against dynalite: the queries the voice and the MCP
 * server call, over eight days of a station's minutes (two thermometers, whole windows as persist
 * stores them) and of players (one shard's partial items). The usual range reads the same hour on
 * each of the seven days before, in parallel; side by side, the same reads one after another, and
 * a naive read of the whole week filtered by hour.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { performance } from 'node:perf_hooks';
import { stationCatalog } from '../domain/catalog';
import { dynamoDocumentClient } from '../lambda/aws/clients';
import { shardMinuteToItem } from '../lambda/rollups/playerRollupItems';
import { countsOf, type PartialCounts } from '../lambda/rollups/playerRollupColumns';
import { playerRollupRepository } from '../lambda/rollups/playerRollups';
import { sensorRollupToItem } from '../lambda/rollups/sensorRollupItems';
import { sensorRollupRepository } from '../lambda/rollups/sensorRollups';
import { rollupStatistics } from '../lambda/rollups/statistics';
import { usualRangeOf } from '../lambda/rollups/usual';
import { localHourOnDayBefore, startOfLocalDay, wallClockAt } from '../lambda/rollups/zonedTime';
import { EMULATOR_CREDENTIALS, useEmulators } from '../local/environment';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { cpus } from 'node:os';
import { alertEvaluator } from '../lambda/alerts/evaluation';
import { snsAlertPublisher } from '../lambda/alerts/publisher';
import { alertRepository } from '../lambda/alerts/repository';
import { snsClient } from '../lambda/aws/clients';
import { alertReadings } from '../lambda/rollups/alertReadings';
import { readIngestConfig } from '../lambda/rollups/ingestConfig';
import { createPersistHandler } from '../lambda/rollups/persist';
import { rollupWriter } from '../lambda/rollups/writer';
import { ensureAlertsTable } from '../local/dynamo';
import { startSns } from '../local/sns';
import { kinesisEvent, kinesisRecord, lambdaContext } from '../test/support/kinesisEvents';
import { playerRollup, startTestStack } from '../test/support/stack';
import { startDynamoFaultProxy } from '../test/support/dynamoFaults';

/** Added to every DynamoDB request, as a round trip within a region costs (as the persist bench does). */
const ROUND_TRIP_MS = 5;
import { median, ms, percentile } from './stats';

const BERLIN = 'bR4lnMt7Xa';
const MINUTE = 60_000;
const DAY = 86_400_000;
const DAYS = 8;

export async function benchStatistics(iterations: number): Promise<string[]> {
  const stack = await startTestStack();
  const write = stack.putItems;
  try {
    const config = await stack.freshConfig();
    const now = Math.floor(Date.now() / MINUTE) * MINUTE;
    const expiresAt = Math.floor(now / 1000) + 30 * 86_400;
    const sensorItems: Record<string, unknown>[] = [];
    const playerItems: Record<string, unknown>[] = [];
    for (let t = now - DAYS * DAY; t <= now; t += MINUTE) {
      const hour = wallClockAt(t, 'Europe/Berlin').hour;
      for (const sensorId of ['bTmpMtte01', 'bTmpMtte02']) {
        const value = 8 + 6 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + ((t / MINUTE) % 7) / 10;
        sensorItems.push(
          sensorRollupToItem(
            {
              stationId: BERLIN,
              sensor: 'temp',
              sensorId,
              windowTime: t,
              avgValue: value,
              smoothAvgValue: value,
              sum: value * 60,
              count: 60,
            },
            expiresAt,
          ),
        );
      }
      const windows = new Map<number, PartialCounts>();
      for (let s = 0; s < 60; s++)
        windows.set(
          t + s * 1000,
          countsOf(playerRollup(t + s * 1000, 300 + ((t / 1000 + s) % 50))),
        );
      playerItems.push(
        shardMinuteToItem({
          shardId: 'shardId-000000000000',
          minute: t,
          version: 1,
          expiresAt,
          windows,
        }),
      );
    }
    await write(config.sensorRollupsTable, sensorItems);
    await write(config.userRollupsTable, playerItems);

    const timeoutMs = 5000;
    // Reads go through a proxy that adds a network round trip to each request: dynalite alone
    // runs in this process, so without it parallel reads could not overlap anything.
    const proxy = await startDynamoFaultProxy(stack.dynamo.url, {}, { latencyMs: ROUND_TRIP_MS });
    useEmulators({ dynamodb: proxy.url });
    const client = dynamoDocumentClient({ timeoutMs });
    const sensors = sensorRollupRepository({
      client,
      tableName: config.sensorRollupsTable,
      timeoutMs,
    });
    const players = playerRollupRepository({
      client,
      tableName: config.userRollupsTable,
      timeoutMs,
    });
    const statistics = rollupStatistics({
      sensors,
      players,
      catalog: stationCatalog,
      retentionDays: 7,
    });
    const today = startOfLocalDay(now, 'Europe/Berlin');
    const hour = wallClockAt(now, 'Europe/Berlin').hour;
    const days = Array.from({ length: 7 }, (_, i) => i + 1);
    const hourRange = (daysBefore: number) =>
      localHourOnDayBefore(now, 'Europe/Berlin', hour, daysBefore)!;

    const cases: { name: string; items: number; run: () => Promise<unknown> }[] = [
      {
        name: 'highest, lowest, average of the temperature: last hour',
        items: 2 * 60,
        run: () =>
          statistics.sensorStatistics({
            stationId: BERLIN,
            sensor: 'temp',
            since: now - 3_600_000,
          }),
      },
      {
        name: 'highest, lowest, average of the temperature: today (station time)',
        items: (2 * (now - today)) / MINUTE,
        run: () => statistics.sensorStatistics({ stationId: BERLIN, sensor: 'temp', since: today }),
      },
      {
        name: "players' peak, low, average: last hour",
        items: 60,
        run: () => statistics.playerStatistics({ since: now - 3_600_000 }),
      },
      {
        name: 'usual temperature for the hour: 7 earlier days, in parallel (Pulse)',
        items: 7 * 2 * 60,
        run: () => statistics.usualSensorRange({ stationId: BERLIN, sensor: 'temp', at: now }),
      },
      {
        name: 'the same, the 7 days read one after another',
        items: 7 * 2 * 60,
        run: async () => {
          const byDay: number[][] = [];
          for (const day of days) {
            const [start, end] = hourRange(day);
            byDay.push(
              (await sensors.sensorWindowsBetween(BERLIN, 'temp', start, end - 1)).map(
                (w) => w.average,
              ),
            );
          }
          return usualRangeOf(byDay, { hour, timeZone: 'Europe/Berlin' });
        },
      },
      {
        name: 'the same, naively: the whole week read, then filtered by hour',
        items: 7 * 2 * 1440,
        run: async () => {
          const week = await sensors.sensorWindowsBetween(
            BERLIN,
            'temp',
            now - 7 * DAY - 3_600_000,
            now - 1,
          );
          const byDay = days.map((day) => {
            const [start, end] = hourRange(day);
            return week
              .filter((w) => w.windowTime >= start && w.windowTime < end)
              .map((w) => w.average);
          });
          return usualRangeOf(byDay, { hour, timeZone: 'Europe/Berlin' });
        },
      },
      {
        name: 'usual players for the hour: 7 earlier days, in parallel',
        items: 7 * 60,
        run: () => statistics.usualPlayerRange({ timeZone: 'Europe/Berlin', at: now }),
      },
      {
        name: "the latest temperature against what is usual (the station answer's extra reads)",
        items: 2 + 7 * 2 * 60,
        run: () => statistics.sensorAgainstUsual({ stationId: BERLIN, sensor: 'temp' }),
      },
    ];

    const rows = [
      `| query (${ROUND_TRIP_MS} ms added to each DynamoDB request) | items read | p50 ms | p99 ms |`,
      '|---|---:|---:|---:|',
    ];
    const medians = new Map<string, number>();
    for (const { name, items, run } of cases) {
      const rounds =
        name.includes('naively') || name.includes('today')
          ? Math.max(5, Math.floor(iterations / 10))
          : iterations;
      for (let i = 0; i < 5; i++) await run(); // warm up
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const start = performance.now();
        await run();
        samples.push(performance.now() - start);
      }
      medians.set(name, median(samples));
      rows.push(
        `| ${name} | ${Math.round(items).toLocaleString('en-US')} | ${ms(median(samples))} | ${ms(percentile(samples, 99))} |`,
      );
    }
    const parallel = medians.get(cases[3]!.name)!;
    rows.push(
      '',
      `Usual range, median: in parallel ${ms(parallel)} ms; one day after another ${(medians.get(cases[4]!.name)! / parallel).toFixed(1)}x that; the whole week read ${(medians.get(cases[5]!.name)! / parallel).toFixed(1)}x that.`,
    );
    client.destroy();
    await proxy.close();
    return rows;
  } finally {
    await stack.close();
  }
}

/**
 * What alert evaluation costs a persist batch: 100 sensor rollup records (the SQL apps' format,
 * every station's every sensor type) written without evaluation, with evaluation and no alerts on
 * the subjects, and with an alert on every subject (none changing state: the steady case).
 */
export async function benchEvaluationOverhead(batches: number): Promise<string[]> {
  const stack = await startTestStack();
  const sns = await startSns({ retryDelaysMs: [] });
  const proxy = await startDynamoFaultProxy(stack.dynamo.url, {}, { latencyMs: ROUND_TRIP_MS });
  useEmulators({ dynamodb: proxy.url, sns: sns.url });
  const admin = new DynamoDBClient({
    endpoint: stack.dynamo.url,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
  });
  const topics = new SNSClient({
    endpoint: sns.url,
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
  });
  try {
    const { TopicArn } = await topics.send(new CreateTopicCommand({ Name: 'bench-alerts' }));
    const subjects = stationCatalog.stations.flatMap((station) =>
      [...new Set(station.sensors.map((sensor) => sensor.type))].map((type) => ({
        station,
        type,
        sensorId: station.sensors.find((sensor) => sensor.type === type)!.id,
      })),
    );
    const records = (minute: number) =>
      Array.from({ length: 100 }, (_, i) => {
        const { station, type, sensorId } = subjects[i % subjects.length]!;
        return kinesisRecord(
          {
            sensor_id: `${sensorId}-${Math.floor(i / subjects.length)}`,
            sensor: type,
            station_id: station.id,
            sensor_avg_value: 10,
            sensor_smooth_avg_value: 10,
            '60sec_sum_of_sensor_value': 600,
            '60sec_number_of_msg': 60,
            record_timestamp: new Date(minute).toISOString(),
          },
          { stream: 'sensor-rollups' },
        );
      });
    const client = dynamoDocumentClient({ timeoutMs: 5000 });
    const variants: [string, boolean, boolean][] = [
      ['persist without alert evaluation (baseline)', false, false],
      ['with evaluation, no alerts on the subjects written', true, false],
      [
        `with evaluation, an alert on each of the ${subjects.length} subjects written (none changing state)`,
        true,
        true,
      ],
    ];
    const rows = [
      `| 100 sensor rollups a batch (${ROUND_TRIP_MS} ms added to each DynamoDB request) | p50 ms | p99 ms | vs baseline |`,
      '|---|---:|---:|---:|',
    ];
    let baseline = 0;
    for (const [name, evaluate, withAlerts] of variants) {
      const config = await stack.freshConfig();
      const alertsTable = `alerts-bench-${rows.length}`;
      await ensureAlertsTable(admin, alertsTable);
      const repository = alertRepository({
        client,
        tableName: alertsTable,
        timeoutMs: 1000,
        catalog: stationCatalog,
      });
      if (withAlerts)
        for (const { station, type } of subjects)
          await repository.create({
            userId: `amzn1.ask.account.bench-${station.id}-${type}`,
            subject: { kind: 'sensor', stationId: station.id, sensor: type },
            direction: 'above',
            threshold: 1000,
            locale: 'en-US',
          });
      const persist = createPersistHandler({
        config: readIngestConfig({
          USER_ROLLUPS_TABLE: config.userRollupsTable,
          SENSOR_ROLLUPS_TABLE: config.sensorRollupsTable,
        }),
        writer: rollupWriter({ client }),
        logger: new Logger({ serviceName: 'bench' }),
        metrics: new Metrics({ namespace: 'Bench' }),
        ...(evaluate && {
          alerts: alertEvaluator({
            repository,
            readings: alertReadings(
              sensorRollupRepository({
                client,
                tableName: config.sensorRollupsTable,
                timeoutMs: 1000,
              }),
              playerRollupRepository({
                client,
                tableName: config.userRollupsTable,
                timeoutMs: 1000,
              }),
            ),
            publisher: snsAlertPublisher({
              client: snsClient({ timeoutMs: 1000 }),
              topicArn: TopicArn!,
              timeoutMs: 1000,
            }),
            logger: new Logger({ serviceName: 'bench' }),
            budgetMs: 1500,
          }),
        }),
      });
      const start = Math.floor(Date.now() / MINUTE) * MINUTE - (batches + 10) * MINUTE;
      for (let i = 0; i < 3; i++)
        await persist(kinesisEvent(records(start - (i + 1) * MINUTE)), lambdaContext);
      const samples: number[] = [];
      for (let i = 0; i < batches; i++) {
        const event = kinesisEvent(records(start + i * MINUTE));
        const began = performance.now();
        await persist(event, lambdaContext);
        samples.push(performance.now() - began);
      }
      const p50 = median(samples);
      if (baseline === 0) baseline = p50;
      rows.push(
        `| ${name} | ${ms(p50)} | ${ms(percentile(samples, 99))} | ${(p50 / baseline).toFixed(2)}x |`,
      );
    }
    client.destroy();
    return rows;
  } finally {
    topics.destroy();
    admin.destroy();
    await proxy.close();
    await sns.close();
    await stack.close();
  }
}

if (require.main === module) {
  // `npx tsx bench/statistics.ts [--quick]`: this file's tables alone.
  const quick = process.argv.includes('--quick');
  void (async () => {
    console.log(
      `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}\n`,
    );
    console.log((await benchStatistics(quick ? 20 : 100)).join('\n'));
    console.log('');
    console.log((await benchEvaluationOverhead(quick ? 10 : 40)).join('\n'));
  })().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
