/** Local emulator of the AWS IoT Device Shadow data-plane REST API, for the real @aws-sdk/client-iot-data-plane. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  applyUpdate,
  deleteShadow,
  parseUpdateRequest,
  viewShadow,
  type AcceptedUpdate,
  type ShadowView,
  type StoredShadow,
} from './shadowDocument';
import { ShadowError, ShadowStateFileError, type ShadowErrorCode } from './errors';
import { readBody } from '../requestBody';

export interface ShadowServiceOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Shadows are loaded from here at start and rewritten atomically after every accepted change. */
  dataFile?: string;
  /** Delay before every response, to exercise client timeouts. */
  latencyMs?: number;
  faults?: {
    /** Every Nth request is answered 429 ThrottlingException. */
    throttleEvery?: number;
  };
  /** Epoch milliseconds; pin it to make metadata timestamps predictable. */
  now?: () => number;
}

export interface PublishedMessage {
  topic: string;
  payload: Buffer;
  qos: number;
  retain: boolean;
}

export type FaultStatus = 429 | 500 | 503;

export interface ShadowService {
  url: string;
  port: number;
  close(): Promise<void>;
  /** The GET document of a shadow, or undefined when it does not exist. */
  getShadow(thingName: string, shadowName?: string): ShadowView | undefined;
  /** Applies an update request body exactly as POST would (same validation, persistence). */
  updateShadow(thingName: string, request: unknown, shadowName?: string): AcceptedUpdate;
  /** Messages received by Publish, oldest first, at most the last 100. */
  readonly published: readonly PublishedMessage[];
  /** Answers the next `times` requests with `status` instead of serving them. */
  failNext(status: FaultStatus, times?: number): void;
  setLatency(ms: number): void;
}

const THING_NAME = /^[a-zA-Z0-9:_-]{1,128}$/;
const SHADOW_NAME = /^[$a-zA-Z0-9:_-]{1,64}$/;
const MAX_REQUEST_BYTES = 128 * 1024;
const MAX_PUBLISHED_KEPT = 100;
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
/** The classic shadow's key among a thing's shadows; no named shadow can be empty. */
const CLASSIC = '';

/** The SDK picks the exception class from `x-amzn-errortype`; the body alone (`code` is numeric) is not enough. */
const ERROR_TYPES: Record<ShadowErrorCode, string> = {
  400: 'InvalidRequestException',
  404: 'ResourceNotFoundException',
  405: 'MethodNotAllowedException',
  409: 'ConflictException',
  413: 'RequestEntityTooLargeException',
  415: 'UnsupportedDocumentEncodingException',
  429: 'ThrottlingException',
  500: 'InternalFailureException',
  503: 'ServiceUnavailableException',
};

const FAULT_MESSAGES: Record<FaultStatus, string> = {
  429: 'Too Many Requests',
  500: 'Internal service failure',
  503: 'Service unavailable',
};

const jsonObject = z.record(z.string(), z.json());
const sections = z.object({ desired: jsonObject.optional(), reported: jsonObject.optional() });
const persistedFile = z.object({
  shadows: z.array(
    z.object({
      thingName: z.string(),
      shadowName: z.string().optional(),
      version: z.number().int().nonnegative(),
      deleted: z.boolean(),
      state: sections,
      metadata: sections,
    }),
  ),
});

type ShadowStore = Map<string, Map<string, StoredShadow>>;

function loadShadows(dataFile: string | undefined): ShadowStore {
  const store: ShadowStore = new Map();
  if (dataFile === undefined || !existsSync(dataFile)) return store;
  let shadows: z.infer<typeof persistedFile>['shadows'];
  try {
    ({ shadows } = persistedFile.parse(JSON.parse(readFileSync(dataFile, 'utf8'))));
  } catch (error) {
    // Starting empty would overwrite the file on the first change and lose what it held.
    throw new ShadowStateFileError(`Cannot load shadows from ${dataFile}`, { cause: error });
  }
  for (const { thingName, shadowName, ...shadow } of shadows) {
    const things = store.get(thingName) ?? new Map<string, StoredShadow>();
    things.set(shadowName ?? CLASSIC, shadow);
    store.set(thingName, things);
  }
  return store;
}

function saveShadows(dataFile: string, store: ShadowStore): void {
  const shadows = [...store].flatMap(([thingName, things]) =>
    [...things].map(([key, shadow]) => ({
      thingName,
      ...(key !== CLASSIC && { shadowName: key }),
      ...shadow,
    })),
  );
  mkdirSync(dirname(dataFile), { recursive: true });
  // Rename is atomic on one filesystem, so a crash mid-write never leaves a torn file behind.
  const temporary = `${dataFile}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ shadows }, null, 2));
  renameSync(temporary, dataFile);
}

interface Reply {
  status: number;
  body?: unknown;
  errorType?: string;
}

function errorReply(error: unknown): Reply {
  if (error instanceof ShadowError) {
    return {
      status: error.code,
      errorType: ERROR_TYPES[error.code],
      body: {
        code: error.code,
        message: error.message,
        ...(error.clientToken !== undefined && { clientToken: error.clientToken }),
      },
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    status: 500,
    errorType: ERROR_TYPES[500],
    body: { code: 500, message: `Internal service failure: ${detail}` },
  };
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ShadowError(
      415,
      'Unsupported documented encoding; supported encoding is UTF-8',
      undefined,
      { cause: error },
    );
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new ShadowError(400, 'Invalid URI encoding', undefined, { cause: error });
  }
}

function checkThingName(thingName: string): string {
  if (!THING_NAME.test(thingName)) throw new ShadowError(400, 'Invalid thing name');
  return thingName;
}

function checkShadowName(shadowName: string | null): string | undefined {
  if (shadowName === null) return undefined;
  if (!SHADOW_NAME.test(shadowName)) throw new ShadowError(400, 'Invalid shadow name');
  return shadowName;
}

function notFound(thingName: string, shadowName: string | undefined): ShadowError {
  // Named shadows are reported under AWS's internal "thing~shadow" key.
  const name = shadowName === undefined ? thingName : `${thingName}~${shadowName}`;
  return new ShadowError(404, `No shadow exists with name: '${name}'`);
}

function parsePageSize(raw: string | null): number {
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const pageSize = Number(raw);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ShadowError(400, 'Invalid pageSize');
  }
  return pageSize;
}

/** The token names the last shadow returned, so pages stay stable while shadows come and go. */
function encodeNextToken(lastName: string): string {
  return Buffer.from(lastName, 'utf8').toString('base64url');
}

function decodeNextToken(token: string | null): string | undefined {
  if (token === null) return undefined;
  const lastName = Buffer.from(token, 'base64url').toString('utf8');
  if (!SHADOW_NAME.test(lastName)) throw new ShadowError(400, 'Invalid nextToken');
  return lastName;
}

export async function startShadowService(
  options: ShadowServiceOptions = {},
): Promise<ShadowService> {
  const { host = '127.0.0.1', dataFile, faults = {}, now = Date.now } = options;
  const store = loadShadows(dataFile);
  const published: PublishedMessage[] = [];
  const pendingDelays = new Set<NodeJS.Timeout>();
  let latencyMs = options.latencyMs ?? 0;
  let requestCount = 0;
  let injected: { status: FaultStatus; remaining: number } | undefined;

  const seconds = (): number => Math.floor(now() / 1000);

  const storedShadow = (thingName: string, shadowName?: string): StoredShadow | undefined =>
    store.get(thingName)?.get(shadowName ?? CLASSIC);

  const keepShadow = (thingName: string, shadowName: string | undefined, shadow: StoredShadow) => {
    const things = store.get(thingName) ?? new Map<string, StoredShadow>();
    things.set(shadowName ?? CLASSIC, shadow);
    store.set(thingName, things);
    if (dataFile !== undefined) saveShadows(dataFile, store);
  };

  const update = (thingName: string, shadowName: string | undefined, body: string) => {
    const { shadow, accepted } = applyUpdate(
      storedShadow(thingName, shadowName),
      parseUpdateRequest(body),
      seconds(),
    );
    keepShadow(thingName, shadowName, shadow);
    return accepted;
  };

  const namedShadowPage = (thingName: string, url: URL) => {
    const pageSize = parsePageSize(url.searchParams.get('pageSize'));
    const after = decodeNextToken(url.searchParams.get('nextToken'));
    const names = [...(store.get(thingName) ?? [])]
      .filter(([name, shadow]) => name !== CLASSIC && !shadow.deleted)
      .map(([name]) => name)
      .sort()
      .filter((name) => after === undefined || name > after);
    const results = names.slice(0, pageSize);
    const lastName = names.length > pageSize ? results.at(-1) : undefined;
    return {
      results,
      ...(lastName !== undefined && { nextToken: encodeNextToken(lastName) }),
      timestamp: seconds(),
    };
  };

  const takeFault = (): Reply | undefined => {
    requestCount += 1;
    let status: FaultStatus | undefined;
    if (injected) {
      status = injected.status;
      injected.remaining -= 1;
      if (injected.remaining <= 0) injected = undefined;
    } else if (faults.throttleEvery && requestCount % faults.throttleEvery === 0) {
      status = 429;
    }
    return status === undefined
      ? undefined
      : errorReply(new ShadowError(status, FAULT_MESSAGES[status]));
  };

  const route = (method: string, url: URL, body: Buffer): Reply => {
    const segments = url.pathname.split('/').slice(1).map(decodeSegment);
    const methodNotAllowed = () => new ShadowError(405, `Method ${method} not allowed`);

    if (segments.length === 3 && segments[0] === 'things' && segments[2] === 'shadow') {
      const thingName = checkThingName(segments[1] ?? '');
      const shadowName = checkShadowName(url.searchParams.get('name'));
      const stored = storedShadow(thingName, shadowName);
      switch (method) {
        case 'GET': {
          const view = viewShadow(stored, seconds());
          if (!view) throw notFound(thingName, shadowName);
          return { status: 200, body: view };
        }
        case 'POST':
          return { status: 200, body: update(thingName, shadowName, decodeUtf8(body)) };
        case 'DELETE': {
          if (!stored || stored.deleted) throw notFound(thingName, shadowName);
          const { shadow, deleted } = deleteShadow(stored, seconds());
          keepShadow(thingName, shadowName, shadow);
          return { status: 200, body: deleted };
        }
        default:
          throw methodNotAllowed();
      }
    }
    if (url.pathname.startsWith('/api/things/shadow/ListNamedShadowsForThing/')) {
      if (method !== 'GET') throw methodNotAllowed();
      if (segments.length !== 5) throw new ShadowError(400, 'Invalid thing name');
      return { status: 200, body: namedShadowPage(checkThingName(segments[4] ?? ''), url) };
    }
    if (segments[0] === 'topics' && segments.length >= 2) {
      if (method !== 'POST') throw methodNotAllowed();
      const topic = segments.slice(1).join('/');
      if (topic === '') throw new ShadowError(400, 'Invalid topic');
      const qos = Number(url.searchParams.get('qos') ?? '0');
      if (qos !== 0 && qos !== 1) throw new ShadowError(400, 'Invalid qos');
      published.push({
        topic,
        payload: body,
        qos,
        retain: url.searchParams.get('retain') === 'true',
      });
      if (published.length > MAX_PUBLISHED_KEPT) published.shift();
      return { status: 200 };
    }
    throw new ShadowError(404, `No route for ${method} ${url.pathname}`);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    let reply: Reply;
    try {
      const { bytes, tooLarge } = await readBody(request, MAX_REQUEST_BYTES);
      const fault = takeFault();
      if (fault) {
        reply = fault;
      } else if (tooLarge) {
        throw new ShadowError(413, 'The payload exceeds the maximum size allowed');
      } else {
        const url = new URL(request.url ?? '/', 'http://localhost');
        reply = route(request.method ?? 'GET', url, bytes);
      }
    } catch (error) {
      reply = errorReply(error);
    }
    if (latencyMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          pendingDelays.delete(timer);
          resolve();
        }, latencyMs);
        pendingDelays.add(timer);
      });
    }
    const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-requestid': randomUUID(),
      ...(reply.errorType && { 'x-amzn-errortype': reply.errorType }),
    });
    response.end(payload);
  };

  const server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    published,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of pendingDelays) clearTimeout(timer);
        pendingDelays.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep sockets alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
    getShadow: (thingName, shadowName) =>
      viewShadow(storedShadow(thingName, shadowName), seconds()),
    updateShadow: (thingName, request, shadowName) =>
      update(
        checkThingName(thingName),
        shadowName === undefined ? undefined : checkShadowName(shadowName),
        JSON.stringify(request),
      ),
    failNext: (status, times = 1) => {
      injected = { status, remaining: times };
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
  };
}
