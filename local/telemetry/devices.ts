/** Simulated station devices: each reports a state, and applies a desired change after a short delay. */
import {
  GetThingShadowCommand,
  ResourceNotFoundException,
  UpdateThingShadowCommand,
  type IoTDataPlaneClient,
} from '@aws-sdk/client-iot-data-plane';
import type { StationCatalog } from '../../domain/catalog';

export interface SimulatedDevicesOptions {
  readonly client: IoTDataPlaneClient;
  readonly catalog: StationCatalog;
  /** How often each device looks at its shadow. */
  readonly intervalMs?: number;
  /** How long a device takes to apply a desired change once it has seen it. */
  readonly applyDelayMs?: number;
  readonly onError?: (error: unknown) => void;
}

export interface SimulatedDevices {
  stop(): Promise<void>;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** What a station reports when it first comes online. */
function firstState(index: number): Record<string, unknown> {
  return {
    light: 'off',
    reportingIntervalSeconds: 60,
    batteryPercent: 95 - index * 7,
    firmware: '2.1.0',
    online: true,
  };
}

export function startSimulatedDevices(options: SimulatedDevicesOptions): SimulatedDevices {
  const {
    client,
    catalog,
    intervalMs = 1000,
    applyDelayMs = 2000,
    onError = console.error,
  } = options;
  const seenDelta = new Map<string, number>();
  const lastReport = new Map<string, number>();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function report(thingName: string, reported: Record<string, unknown>): Promise<void> {
    await client.send(
      new UpdateThingShadowCommand({
        thingName,
        payload: encoder.encode(JSON.stringify({ state: { reported } })),
      }),
    );
  }

  async function visit(stationId: string, index: number, now: number): Promise<void> {
    let document: {
      state?: { delta?: Record<string, unknown>; reported?: Record<string, unknown> };
    };
    try {
      const { payload } = await client.send(new GetThingShadowCommand({ thingName: stationId }));
      document = JSON.parse(decoder.decode(payload)) as typeof document;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await report(stationId, firstState(index));
      lastReport.set(stationId, now);
      return;
    }
    // A device checks in at its reporting interval, so "last reported" stays as fresh as it says.
    const interval = document.state?.reported?.reportingIntervalSeconds;
    const every = typeof interval === 'number' && interval > 0 ? interval * 1000 : 60_000;
    if (now - (lastReport.get(stationId) ?? 0) >= every) {
      await report(stationId, { online: true });
      lastReport.set(stationId, now);
    }
    const delta = document.state?.delta;
    if (!delta || Object.keys(delta).length === 0) {
      seenDelta.delete(stationId);
      return;
    }
    // A device takes a moment to act: the change is pending until then, as on real hardware.
    const since = seenDelta.get(stationId) ?? now;
    seenDelta.set(stationId, since);
    if (now - since >= applyDelayMs) {
      await report(stationId, delta);
      seenDelta.delete(stationId);
    }
  }

  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(async () => {
      const now = Date.now();
      await Promise.all(
        catalog.stations.map((station, index) => visit(station.id, index, now).catch(onError)),
      );
    });
  }, intervalMs);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
