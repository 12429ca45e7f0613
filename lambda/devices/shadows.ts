/** Station device shadows through the IoT data plane: what a station reported, and asking it to change. */
import {
  GetThingShadowCommand,
  ResourceNotFoundException,
  UpdateThingShadowCommand,
  type IoTDataPlaneClient,
} from '@aws-sdk/client-iot-data-plane';
import * as v from 'valibot';
import { finiteNumber, summary, wholeNumber } from '../../domain/schema';
import { desiredChangeSchema, type DesiredChange } from '../../domain/settings';
import { withDeadline } from '../aws/deadline';
import { DisallowedChangeError, MalformedShadowError } from './errors';

type JsonObject = { [key: string]: unknown };

const jsonObject = v.record(v.string(), v.unknown());

const shadowDocument = v.object({
  state: v.optional(
    v.object({
      desired: v.optional(jsonObject),
      reported: v.optional(jsonObject),
      delta: v.optional(jsonObject),
    }),
    {},
  ),
  metadata: v.optional(
    v.object({ desired: v.optional(jsonObject), reported: v.optional(jsonObject) }),
    {},
  ),
  version: wholeNumber(),
  timestamp: finiteNumber(),
});

export interface StationShadow {
  readonly reported: JsonObject;
  readonly desired: JsonObject;
  /** Desired values the station has not reported yet. */
  readonly delta: JsonObject;
  /** When the station last reported anything: the newest timestamp in the reported metadata. */
  readonly reportedAt?: Date;
  readonly version: number;
}

/** The newest `{"timestamp": seconds}` leaf anywhere under a metadata section. */
export function newestTimestamp(metadata: unknown): number | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  let newest: number | undefined;
  for (const [key, value] of Object.entries(metadata)) {
    const candidate =
      key === 'timestamp' && typeof value === 'number' ? value : newestTimestamp(value);
    if (candidate !== undefined && (newest === undefined || candidate > newest)) newest = candidate;
  }
  return newest;
}

export interface DesiredChangeResult {
  readonly version: number;
  /** The station already reports the requested values: nothing is left pending. */
  readonly alreadyReported: boolean;
}

export interface StationShadows {
  /** The station's classic shadow, or undefined when it has none yet. */
  stationShadow(stationId: string): Promise<StationShadow | undefined>;
  requestDesiredChange(stationId: string, change: DesiredChange): Promise<DesiredChangeResult>;
}

export interface ShadowOptions {
  readonly client: IoTDataPlaneClient;
  readonly timeoutMs: number;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The payload as JSON checked against a schema, or a MalformedShadowError naming what is wrong. */
function parsePayload<T>(
  stationId: string,
  payload: Uint8Array | undefined,
  schema: v.GenericSchema<unknown, T>,
): T {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch (error) {
    throw new MalformedShadowError(
      stationId,
      error instanceof Error ? error.message : String(error),
    );
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) throw new MalformedShadowError(stationId, summary(parsed.issues));
  return parsed.output;
}

function parseShadow(stationId: string, payload: Uint8Array | undefined): StationShadow {
  const document = parsePayload(stationId, payload, shadowDocument);
  const reportedAt = newestTimestamp(document.metadata.reported);
  return {
    reported: document.state.reported ?? {},
    desired: document.state.desired ?? {},
    delta: document.state.delta ?? {},
    ...(reportedAt === undefined ? {} : { reportedAt: new Date(reportedAt * 1000) }),
    version: document.version,
  };
}

export function stationShadows({ client, timeoutMs }: ShadowOptions): StationShadows {
  const isMissing = (error: unknown) => error instanceof ResourceNotFoundException;

  async function stationShadow(stationId: string): Promise<StationShadow | undefined> {
    try {
      const { payload } = await withDeadline(
        'iot-data',
        'GetThingShadow',
        timeoutMs,
        (abortSignal) =>
          client.send(new GetThingShadowCommand({ thingName: stationId }), { abortSignal }),
        isMissing,
      );
      return parseShadow(stationId, payload);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  return {
    stationShadow,
    async requestDesiredChange(stationId, change) {
      // The allow-list is enforced here too, so no caller can write a field it does not name.
      const allowed = v.safeParse(desiredChangeSchema, change);
      if (!allowed.success) throw new DisallowedChangeError(summary(allowed.issues));
      const desired = allowed.output;
      // Only the station writes `reported`, so reading it alongside the update loses nothing.
      const [before, { payload }] = await Promise.all([
        stationShadow(stationId),
        withDeadline('iot-data', 'UpdateThingShadow', timeoutMs, (abortSignal) =>
          client.send(
            new UpdateThingShadowCommand({
              thingName: stationId,
              payload: encoder.encode(JSON.stringify({ state: { desired } })),
            }),
            { abortSignal },
          ),
        ),
      ]);
      const accepted = parsePayload(stationId, payload, v.object({ version: wholeNumber() }));
      const reported = before?.reported ?? {};
      return {
        version: accepted.version,
        alreadyReported: Object.entries(desired).every(
          ([field, value]) => reported[field] === value,
        ),
      };
    },
  };
}
