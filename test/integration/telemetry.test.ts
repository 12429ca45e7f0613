/** The telemetry writer against kinesalite through the real Kinesis client: what it writes reads back in the documented formats. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { stationCatalog } from '../../domain/catalog';
import { STREAMS } from '../../lambda/rollups/streams';
import {
  playerEventSchema,
  sensorReadingSchema,
  startTelemetry,
  type PlayerEvent,
  type SensorReading,
} from '../../local/telemetry';

// kinesalite ships no types; this is the part of its API the test uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kinesalite = require('kinesalite') as (options: { createStreamMs?: number }) => Server;

const TICKS = 3;
const PLAYERS = 60;

let server: Server;
let client: KinesisClient;

beforeAll(async () => {
  server = kinesalite({ createStreamMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new KinesisClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // The default HTTP/2-capable handler fails against kinesalite with ERR_HTTP2_ERROR.
    requestHandler: new NodeHttpHandler(),
  });
  for (const stream of [STREAMS.userEvents, STREAMS.sensorEvents]) {
    await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 2 }));
  }
});

afterAll(async () => {
  client.destroy();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
});

/** Every record on every shard of the stream, from the oldest. */
async function readStream(stream: string): Promise<_Record[]> {
  const description = await client.send(new DescribeStreamCommand({ StreamName: stream }));
  const records: _Record[] = [];
  for (const shard of description.StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: stream,
        ShardId: shard.ShardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    while (iterator !== undefined) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []));
      iterator = page.Records?.length ? page.NextShardIterator : undefined;
    }
  }
  return records;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const decode = (record: _Record): unknown => JSON.parse(new TextDecoder().decode(record.Data));

describe('telemetry written to Kinesis', () => {
  const sensorCount = stationCatalog.stations.reduce((n, s) => n + s.sensors.length, 0);
  let stats: ReturnType<ReturnType<typeof startTelemetry>['stats']>;
  let playerRecords: _Record[];
  let sensorRecords: _Record[];
  const errors: unknown[] = [];

  beforeAll(async () => {
    const telemetry = startTelemetry({
      client,
      players: PLAYERS,
      intervalMs: 50,
      seed: 2024,
      onError: (error) => errors.push(error),
    });
    await until(() => telemetry.stats().sensorReadings >= TICKS * sensorCount, `${TICKS} ticks`);
    await telemetry.stop();
    stats = telemetry.stats();
    playerRecords = await readStream(STREAMS.userEvents);
    sensorRecords = await readStream(STREAMS.sensorEvents);
  });

  it('reads back every record Kinesis accepted, and none failed', () => {
    expect(errors).toEqual([]);
    expect(stats.failedRecords).toBe(0);
    expect(playerRecords).toHaveLength(stats.playerEvents);
    expect(sensorRecords).toHaveLength(stats.sensorReadings);
    expect(stats.playerEvents).toBeGreaterThan(0);
  });

  it('writes player events in the documented format, keyed by cognitoId, each player once a second', () => {
    const events = playerRecords.map((record) => {
      const event = playerEventSchema.parse(decode(record));
      expect(record.PartitionKey).toBe(event.cognitoId);
      return event;
    });
    const bySecond = new Map<number, PlayerEvent[]>();
    for (const event of events) {
      const second = Math.floor(event.recordTime);
      bySecond.set(second, [...(bySecond.get(second) ?? []), event]);
    }
    expect(bySecond.size).toBeGreaterThanOrEqual(TICKS);
    for (const [, inSecond] of bySecond) {
      const players = inSecond.map((e) => e.cognitoId);
      expect(new Set(players).size).toBe(players.length);
      expect(players.length).toBeLessThanOrEqual(PLAYERS);
    }
  });

  it('writes sensor readings in the documented format, keyed by sensor, every catalog sensor once a second', () => {
    const readings = sensorRecords.map((record) => {
      const reading = sensorReadingSchema.parse(decode(record));
      expect(record.PartitionKey).toBe(reading.sensor_id);
      return reading;
    });
    const bySecond = new Map<number, SensorReading[]>();
    for (const reading of readings) {
      const second = Math.floor(reading.timestamp / 1000);
      bySecond.set(second, [...(bySecond.get(second) ?? []), reading]);
    }
    expect(bySecond.size).toBeGreaterThanOrEqual(TICKS);
    const catalogSensors = stationCatalog.stations
      .flatMap((station) =>
        station.sensors.map((sensor) => `${station.id}/${sensor.id}/${sensor.type}`),
      )
      .sort();
    for (const [, inSecond] of bySecond) {
      expect(inSecond.map((r) => `${r.station_id}/${r.sensor_id}/${r.sensor}`).sort()).toEqual(
        catalogSensors,
      );
    }
  });
});
