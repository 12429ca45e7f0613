/** Skill benchmarks: handler latency per intent against the emulators, and when a dependency hangs. */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Intent, Slot } from '../domain/names';
import { createSkillHandler } from '../lambda/skill';
import { readConfig } from '../lambda/skill/config';
import { createSkillServices } from '../lambda/skill/services';
import { intentRequest, launchRequest } from '../test/support/requests';
import { startTestStack, playerRollup } from '../test/support/stack';
import { median, ms, percentile } from './stats';

const BERLIN = 'bR4lnMt7Xa';

export async function benchHandlerLatency(iterations: number): Promise<string[]> {
  const stack = await startTestStack();
  try {
    const config = await stack.freshConfig();
    const now = Date.now();
    await stack.putPlayerRollups(
      config,
      Array.from({ length: 600 }, (_, i) => playerRollup(now - (600 - i) * 1000, 90 + (i % 17))),
    );
    await stack.putSensorRollups(config, [
      {
        stationId: BERLIN,
        sensor: 'temp',
        sensorId: 'bTmpMtte01',
        windowTime: now - 30_000,
        avgValue: 21.4,
        smoothAvgValue: 21.3,
        sum: 1284,
        count: 60,
      },
      {
        stationId: BERLIN,
        sensor: 'temp',
        sensorId: 'bTmpMtte02',
        windowTime: now - 30_000,
        avgValue: 22,
        smoothAvgValue: 21.9,
        sum: 1320,
        count: 60,
      },
    ]);
    await stack.updateShadow(BERLIN, {
      reported: { light: 'off', reportingIntervalSeconds: 60, batteryPercent: 80 },
    });
    const ask = createSkillHandler({ config, services: createSkillServices(config) });
    const station = { [Slot.Station]: { value: 'Berlin', id: BERLIN } };
    const cases: [string, () => unknown][] = [
      ['LaunchRequest', () => launchRequest()],
      ['PlayersOnline', () => intentRequest(Intent.PlayersOnline)],
      [
        'PlayersByOs',
        () => intentRequest(Intent.PlayersByOs, { [Slot.Os]: { value: 'iphone', id: 'ios' } }),
      ],
      [
        'PlayersTrend (10 min, 600 rollups)',
        () => intentRequest(Intent.PlayersTrend, { [Slot.Duration]: { value: 'PT10M' } }),
      ],
      [
        'SensorReading',
        () =>
          intentRequest(Intent.SensorReading, {
            ...station,
            [Slot.Sensor]: { value: 'temperature', id: 'temp' },
          }),
      ],
      ['StationStatus', () => intentRequest(Intent.StationStatus, station)],
      [
        'SetStationLight (confirmed)',
        () =>
          intentRequest(
            Intent.SetStationLight,
            { ...station, [Slot.LightState]: { value: 'on', id: 'on' } },
            { confirmationStatus: 'CONFIRMED' },
          ),
      ],
      ['AMAZON.HelpIntent', () => intentRequest(Intent.Help)],
    ];
    const rows = ['| request | p50 ms | p99 ms |', '|---|---:|---:|'];
    for (const [name, request] of cases) {
      for (let i = 0; i < 20; i++) await ask(request()); // warm up
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const event = request();
        const start = performance.now();
        await ask(event);
        samples.push(performance.now() - start);
      }
      rows.push(`| ${name} | ${ms(median(samples))} | ${ms(percentile(samples, 99))} |`);
    }
    return rows;
  } finally {
    await stack.close();
  }
}

/**
 * Latency when DynamoDB accepts connections and never answers: the skill must still speak, once
 * the dependency deadline (PULSE_DEPENDENCY_TIMEOUT_MS, default 1000 ms) has passed.
 */
export async function benchDependencyHang(iterations: number): Promise<string[]> {
  const sockets = new Set<Socket>();
  const blackHole = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  const saved = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  process.env.AWS_ENDPOINT_URL_DYNAMODB = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
  try {
    const config = readConfig({});
    const ask = createSkillHandler({ config, services: createSkillServices(config) });
    const samples: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      await ask(intentRequest(Intent.PlayersOnline));
      samples.push(performance.now() - start);
    }
    return [
      '| request, DynamoDB hanging | p50 ms | max ms |',
      '|---|---:|---:|',
      `| PlayersOnline (deadline ${config.dependencyTimeoutMs} ms) | ${ms(median(samples))} | ${ms(Math.max(...samples))} |`,
    ];
  } finally {
    process.env.AWS_ENDPOINT_URL_DYNAMODB = saved;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
  }
}
