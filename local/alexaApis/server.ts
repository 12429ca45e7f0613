/**
 * Login with Amazon's token endpoint and the Alexa Proactive Events API on one loopback port:
 * tokens for the skill's messaging client, events checked as Amazon checks them and recorded, in
 * order, as the notifications the simulated Echo would chime for.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { serveOnLoopback } from '../loopback';
import { readBody } from '../requestBody';
import { LwaError, NotificationsFileError, ProactiveEventsError } from './errors';
import { checkEvent } from './events';
import { TokenIssuer, type SkillClient } from './tokens';

export type ProactiveEventsStageName = 'development' | 'live';

/** One event the Proactive Events API accepted. */
export interface RecordedNotification {
  /** When it was accepted, ISO 8601. */
  readonly receivedAt: string;
  readonly stage: ProactiveEventsStageName;
  /** The request body as it was sent. */
  readonly body: unknown;
}

export interface AlexaApisOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** The skills' messaging credentials LWA knows (the developer console's Permissions page). */
  readonly clients: readonly SkillClient[];
  /** The event names the skill's manifest publishes; others are refused (403). */
  readonly publications: readonly string[];
  /** Seconds a token lives (LWA: 3600). */
  readonly tokenLifetimeSeconds?: number;
  /** Accepted events are appended here before the 202, and read back at start. */
  readonly dataFile?: string;
  readonly now?: () => number;
}

export type AlexaApi = 'lwa' | 'proactive-events';

export interface AlexaApis {
  readonly url: string;
  readonly port: number;
  /** The token endpoint, as LWA_TOKEN_URL takes it. */
  readonly tokenUrl: string;
  /** Every event accepted so far, oldest first. */
  notifications(): RecordedNotification[];
  /**
   * Answers the next `times` requests to one API with `status` (429 throttling, 432 notification
   * limit, 5xx), with a Retry-After of `retryAfterSeconds` when given: what a real API does under load.
   */
  failNext(api: AlexaApi, status: number, times?: number, retryAfterSeconds?: number): void;
  /** Requests each API has had, accepted or not. */
  requestCounts(): Readonly<Record<AlexaApi, number>>;
  close(): Promise<void>;
}

/** Larger bodies than any event needs are refused unread. */
const MAX_BODY_BYTES = 256 * 1024;
const TOKEN_PATH = /^\/auth\/o2\/token\/?$/i;
const DEVELOPMENT_PATH = /^\/v1\/proactiveEvents\/stages\/development\/?$/;
const LIVE_PATH = /^\/v1\/proactiveEvents\/?$/;

const FAILURE_CODES: Record<number, ProactiveEventsError['code']> = {
  429: 'TOO_MANY_REQUESTS',
  432: 'NOTIFICATION_LIMIT_EXCEEDED',
};

function readNotifications(file: string): RecordedNotification[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line) as RecordedNotification;
      } catch {
        throw new NotificationsFileError(`${file}, line ${i + 1}, is not JSON: fix or move it`);
      }
    });
}

function send(
  response: ServerResponse,
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(body === undefined ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  response.end(text);
}

export async function startAlexaApis(options: AlexaApisOptions): Promise<AlexaApis> {
  const now = options.now ?? Date.now;
  const tokens = new TokenIssuer(options.clients, options.tokenLifetimeSeconds ?? 3600, now);
  const recorded: RecordedNotification[] = options.dataFile
    ? readNotifications(options.dataFile)
    : [];
  if (options.dataFile) mkdirSync(dirname(options.dataFile), { recursive: true });
  const accepted = new Set(
    recorded.map((n) => {
      const body = n.body as {
        referenceId?: string;
        relevantAudience?: { payload?: { user?: string } };
      };
      return `${body.relevantAudience?.payload?.user ?? '*'}|${body.referenceId ?? ''}`;
    }),
  );
  const failures: Record<AlexaApi, { status: number; retryAfter?: number }[]> = {
    lwa: [],
    'proactive-events': [],
  };
  const counts: Record<AlexaApi, number> = { lwa: 0, 'proactive-events': 0 };

  /** A failure queued by failNext, answered instead of the request. */
  function injected(api: AlexaApi, response: ServerResponse): boolean {
    const failure = failures[api].shift();
    if (!failure) return false;
    const headers: Record<string, string> =
      failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) };
    if (api === 'lwa') {
      send(
        response,
        failure.status,
        { error: 'server_error', error_description: 'Injected failure' },
        headers,
      );
    } else {
      send(
        response,
        failure.status,
        {
          code: FAILURE_CODES[failure.status] ?? 'INTERNAL_SERVER_ERROR',
          message: `Injected failure (${failure.status})`,
        },
        headers,
      );
    }
    return true;
  }

  async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    counts.lwa += 1;
    const body = await readBody(request, MAX_BODY_BYTES);
    if (injected('lwa', response)) return;
    try {
      if (body.tooLarge) throw new LwaError(400, 'invalid_request', 'The request is too large');
      send(
        response,
        200,
        tokens.issue(request.headers['content-type'], body.bytes.toString('utf8')),
        {
          'Cache-Control': 'no-store',
        },
      );
    } catch (error) {
      if (!(error instanceof LwaError)) throw error;
      send(response, error.status, { error: error.error, error_description: error.message });
    }
  }

  async function event(
    stage: ProactiveEventsStageName,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    counts['proactive-events'] += 1;
    const body = await readBody(request, MAX_BODY_BYTES);
    if (injected('proactive-events', response)) return;
    try {
      const authorization = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      if (!authorization)
        throw new ProactiveEventsError(401, 'UNAUTHORIZED', 'the request has no bearer token');
      const issued = tokens.check(authorization[1]!);
      if (issued === 'unknown')
        throw new ProactiveEventsError(401, 'UNAUTHORIZED', 'the bearer token is not valid');
      if (issued === 'expired')
        throw new ProactiveEventsError(401, 'UNAUTHORIZED', 'the bearer token has expired');
      if (issued.scope !== 'alexa::proactive_events')
        throw new ProactiveEventsError(
          403,
          'FORBIDDEN',
          `the token's scope (${issued.scope}) does not allow proactive events`,
        );
      if (body.tooLarge)
        throw new ProactiveEventsError(413, 'INVALID_REQUEST', 'the request body is too large');
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
        throw new ProactiveEventsError(
          400,
          'INVALID_REQUEST',
          'the request body must be application/json',
        );
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.bytes.toString('utf8'));
      } catch {
        throw new ProactiveEventsError(400, 'INVALID_REQUEST', 'the request body is not JSON');
      }
      const checked = checkEvent(parsed, options.publications, now());
      const key = `${checked.user ?? '*'}|${checked.referenceId}`;
      if (accepted.has(key))
        throw new ProactiveEventsError(
          409,
          'DUPLICATE_REFERENCE_ID',
          `an event with referenceId ${checked.referenceId} was already created for this audience`,
        );
      const notification: RecordedNotification = {
        receivedAt: new Date(now()).toISOString(),
        stage,
        body: parsed,
      };
      // On disk before the 202: an accepted event is not lost by a crash.
      if (options.dataFile) appendFileSync(options.dataFile, `${JSON.stringify(notification)}\n`);
      accepted.add(key);
      recorded.push(notification);
      send(response, 202);
    } catch (error) {
      if (!(error instanceof ProactiveEventsError)) throw error;
      send(response, error.status, { code: error.code, message: error.message });
    }
  }

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const handle = async () => {
      if (request.method === 'GET' && path === '/simulator/notifications')
        return send(response, 200, { items: recorded });
      if (request.method === 'POST' && TOKEN_PATH.test(path)) return token(request, response);
      if (request.method === 'POST' && DEVELOPMENT_PATH.test(path))
        return event('development', request, response);
      if (request.method === 'POST' && LIVE_PATH.test(path))
        return event('live', request, response);
      send(response, 404, { code: 'NOT_FOUND', message: `no ${request.method} ${path} here` });
    };
    handle().catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, { code: 'INTERNAL_SERVER_ERROR', message: String(error) });
      else response.destroy();
    });
  });
  const service = await serveOnLoopback(server, options.port ?? 0);
  return {
    url: service.url,
    port: service.port,
    tokenUrl: `${service.url}/auth/o2/token`,
    notifications: () => recorded.map((n) => ({ ...n })),
    failNext(api, status, times = 1, retryAfterSeconds) {
      for (let i = 0; i < times; i++)
        failures[api].push({
          status,
          ...(retryAfterSeconds === undefined ? {} : { retryAfter: retryAfterSeconds }),
        });
    },
    requestCounts: () => ({ ...counts }),
    close: () => service.close(),
  };
}
