/** Ingestion benchmarks: persist against the game analytics talk's per-record put (seed 000), and aggregate's event rate. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dynamoDocumentClient } from '../lambda/aws/clients';
import { createAggregateHandler } from '../lambda/rollups/aggregate';
import { readIngestConfig } from '../lambda/rollups/ingestConfig';
import { createPersistHandler } from '../lambda/rollups/persist';
import { rollupWriter } from '../lambda/rollups/writer';
import { ensureRollupTables, keyedTable } from '../local/dynamo';
import { ROOT } from '../scripts/bundle';
import { startDynamoFaultProxy } from '../test/support/dynamoFaults';
import {
  kinesisEvent,
  kinesisRecord,
  lambdaContext,
  windowEvent,
} from '../test/support/kinesisEvents';
import { median } from './stats';
import { useEmulators } from '../local/environment';

function playerRollupRecord(i: number) {
  return {
    UNIQUE_USER_COUNT: 90 + (i % 10),
    ANDROID_COUNT: 50,
    IOS_COUNT: 40 + (i % 10),
    WINDOWS_PHONE_COUNT: 0,
    OTHER_OS_COUNT: 0,
    QUADRANT_A_COUNT: 80,
    QUADRANT_B_COUNT: 10 + (i % 10),
    QUADRANT_C_COUNT: 0,
    QUADRANT_D_COUNT: 0,
    WINDOW_TIME: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  };
}

/**
 * The game analytics talk (seed 000), slide 18: one DocumentClient put per record. The slide starts
 * them from a forEach and never waits, which a Lambda cannot do (it may end before the writes); its
 * working port awaits each put in turn. Both are measured; the awaited one is the baseline.
 */
async function seedPersist(
  records: readonly ReturnType<typeof playerRollupRecord>[],
  table: string,
  inFlight: 'one at a time' | 'all at once',
) {
  // The talk's client: the SDK's defaults, none of Pulse's deadlines.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const put = (data: ReturnType<typeof playerRollupRecord>) =>
    client.send(
      new PutCommand({
        TableName: table,
        Item: {
          dataType: 'quadrantRollup',
          windowtime: new Date(data.WINDOW_TIME).getTime(),
          userCount: data.UNIQUE_USER_COUNT,
          quadrantA: data.QUADRANT_A_COUNT,
          quadrantB: data.QUADRANT_B_COUNT,
          quadrantC: data.QUADRANT_C_COUNT,
          quadrantD: data.QUADRANT_D_COUNT,
        },
      }),
    );
  if (inFlight === 'all at once') {
    await Promise.all(records.map(put));
  } else {
    for (const record of records) await put(record);
  }
  client.destroy();
}

/** dynalite in a process of its own, as DynamoDB is a service of its own: client and server do not share a thread. */
async function startDynaliteProcess(): Promise<{ url: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "const s = require('dynalite')({ createTableMs: 0 }); s.listen(0, '127.0.0.1', () => console.log(s.address().port))",
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<string>((resolve) =>
    child.stdout.once('data', (data: Buffer) => resolve(data.toString().trim())),
  );
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/**
 * `latencyMs` delays every request by that much on its way to dynalite, as a network round trip
 * to DynamoDB does (a few milliseconds within a region); 0 measures over loopback.
 */
export async function benchPersist(
  rounds: number,
  batchSize: number,
  latencyMs = 0,
): Promise<string[]> {
  const dynalite = await startDynaliteProcess();
  const proxy =
    latencyMs > 0 ? await startDynamoFaultProxy(dynalite.url, {}, { latencyMs }) : undefined;
  const saved = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  useEmulators({ dynamodb: proxy?.url ?? dynalite.url });
  const admin = new DynamoDBClient({});
  let tableCount = 0;
  /** The talk's own table: one item per window, keyed by `dataType` and `windowtime` (N). */
  const seedTable = async () => {
    tableCount += 1;
    const name = `seed-${tableCount}`;
    await admin.send(
      new CreateTableCommand({
        BillingMode: 'PAY_PER_REQUEST',
        ...keyedTable(name, {
          partitionKey: { name: 'dataType', type: 'S' },
          sortKey: { name: 'windowtime', type: 'N' },
        }),
      }),
    );
    return name;
  };
  const freshTables = async () => {
    tableCount += 1;
    const names = { userRollups: `users-${tableCount}`, sensorRollups: `sensors-${tableCount}` };
    await ensureRollupTables(admin, names);
    return names;
  };
  try {
    const times = { sequential: [] as number[], concurrent: [] as number[], pulse: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      const records = Array.from({ length: batchSize }, (_, i) =>
        playerRollupRecord(round * batchSize + i),
      );
      const tables = await freshTables();
      const persist = createPersistHandler({
        config: readIngestConfig({
          USER_ROLLUPS_TABLE: tables.userRollups,
          SENSOR_ROLLUPS_TABLE: tables.sensorRollups,
        }),
        writer: rollupWriter({ client: dynamoDocumentClient({ timeoutMs: 10_000 }) }),
        logger: new Logger({ serviceName: 'bench' }),
        metrics: new Metrics({ namespace: 'Bench', serviceName: 'persist' }),
      });
      const event = kinesisEvent(records.map((r) => kinesisRecord(r)));
      const timed = async (into: number[], run: () => Promise<unknown>) => {
        const start = performance.now();
        await run();
        into.push(performance.now() - start);
      };
      const runs = [
        async () =>
          timed(times.sequential, async () =>
            seedPersist(records, await seedTable(), 'one at a time'),
          ),
        async () =>
          timed(times.concurrent, async () =>
            seedPersist(records, await seedTable(), 'all at once'),
          ),
        async () =>
          timed(times.pulse, async () => {
            const response = await persist(event, lambdaContext);
            if (response.batchItemFailures.length > 0)
              throw new Error('persist failed records in the benchmark');
          }),
      ];
      // Rotate the order, so no writer always meets a warmer dynalite.
      for (let i = 0; i < runs.length; i++) await runs[(round + i) % runs.length]!();
    }
    // The first round warms every path up; it is left out. Table creation is outside the timings.
    const rate = (samples: number[]) => Math.round((batchSize / median(samples.slice(1))) * 1000);
    const [sequential, concurrent, pulse] = [
      rate(times.sequential),
      rate(times.concurrent),
      rate(times.pulse),
    ];
    const where = latencyMs > 0 ? `, ${latencyMs} ms added to each request` : ', loopback';
    return [
      `| writer (${batchSize} records a batch, median of ${rounds - 1} batches${where}) | records/s | Pulse is |`,
      '|---|---:|---:|',
      `| seed 000 ported: one PutItem per record, awaited in turn (baseline) | ${sequential.toLocaleString('en-US')} | ${(pulse / sequential).toFixed(1)}x |`,
      `| seed 000 as on the slide: one PutItem per record, all in flight at once | ${concurrent.toLocaleString('en-US')} | ${(pulse / concurrent).toFixed(1)}x |`,
      `| Pulse persist: parse, check, BatchWriteItem 25 per call, 8 calls in flight | ${pulse.toLocaleString('en-US')} | |`,
    ];
  } finally {
    admin.destroy();
    await proxy?.close();
    dynalite.stop();
    process.env.AWS_ENDPOINT_URL_DYNAMODB = saved;
  }
}

export async function benchAggregate(events: number): Promise<string[]> {
  const config = readIngestConfig({});
  // No window is final here, so no write happens: this measures decoding, checking and counting.
  const aggregate = createAggregateHandler({
    config,
    writer: { writeAll: () => Promise.reject(new Error('no writes in this benchmark')) },
    partials: { write: () => Promise.reject(new Error('no writes in this benchmark')) },
    logger: new Logger({ serviceName: 'bench' }),
    metrics: new Metrics({ namespace: 'Bench', serviceName: 'aggregate' }),
  });
  const start = Date.UTC(2026, 0, 1);
  const records = Array.from({ length: events }, (_, i) =>
    kinesisRecord({
      recordTime: start / 1000 + (i % 1000) / 1000,
      cognitoId: `us-east-1:player-${i % 500}`,
      os: i % 3 === 0 ? 'iOS' : 'Android',
      quadrant: 'ABCD'[i % 4],
    }),
  );
  const window = { startMs: start, endMs: start + 1000 };
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    const began = performance.now();
    let state: Record<string, unknown> | undefined;
    for (let i = 0; i < records.length; i += 1000) {
      state = (
        await aggregate(
          windowEvent(records.slice(i, i + 1000), window, state, false),
          lambdaContext,
        )
      ).state;
    }
    times.push(performance.now() - began);
  }
  return [
    '| aggregate, in process | events/s |',
    '|---|---:|',
    `| player events, batches of 1000, 500 distinct players (median of 5 runs of ${events.toLocaleString('en-US')}) | ${Math.round((events / median(times)) * 1000).toLocaleString('en-US')} |`,
  ];
}
