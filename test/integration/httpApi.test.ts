/** The local HTTP API over real HTTP: payload format 2.0 events, the authorizer, API Gateway's own answers, result mapping. */
import { createServer, request as httpRequest } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  Context,
} from 'aws-lambda';
import {
  createHttpApi,
  MAX_BODY_BYTES,
  startHttpApi,
  type HttpApiOptions,
} from '../../local/httpApi';
import { serveOnLoopback } from '../../local/loopback';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const TOKEN = 'local-secret-token';

type AnyEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const service of running.splice(0)) await service.close();
});

/** An API whose routes record their events and answer with `respond`. */
async function apiWith(
  routeKeys: string[],
  extra: Partial<HttpApiOptions> = {},
  respond: (event: AnyEvent) => unknown = () => ({ ok: true }),
) {
  const events: { event: AnyEvent; context: Context }[] = [];
  const handler = (event: AnyEvent, context: Context): Promise<unknown> => {
    events.push({ event, context });
    return Promise.resolve(respond(event));
  };
  const service = await startHttpApi({
    routes: routeKeys.map((routeKey) => ({ routeKey, handler })),
    now: () => T0,
    ...extra,
  });
  running.push(service);
  return { service, events };
}

/** Requests with repeated headers, which fetch would fold into one before sending. */
function rawRequest(
  url: string,
  method: string,
  headerPairs: [string, string][],
): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname, search } = new URL(url);
  const options = {
    hostname,
    port,
    path: `${pathname}${search}`,
    method,
    headers: headerPairs.flat(),
  };
  return new Promise((resolve, reject) => {
    const request = httpRequest(options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

describe('the payload format 2.0 event', () => {
  it('is built exactly for path parameters, query strings, headers and cookies', async () => {
    const { service, events } = await apiWith(['GET /posts/{postId}']);
    const response = await rawRequest(
      `${service.url}/posts/p%201?lang=en&lang=de&q=a%20b&empty=`,
      'GET',
      [
        // With raw headers Node adds no Host header of its own.
        ['Host', `127.0.0.1:${service.port}`],
        ['X-Tag', 'first'],
        ['x-tag', 'second'],
        ['User-Agent', 'pulse-test/1.0'],
        ['Cookie', 'session=abc; theme=dark'],
        ['Cookie', 'late=1'],
      ],
    );
    expect(response).toEqual({ status: 200, body: '{"ok":true}' });
    expect(events).toHaveLength(1);
    const { event, context } = events[0]!;
    const port = String(service.port);
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'GET /posts/{postId}',
      rawPath: '/posts/p 1',
      rawQueryString: 'lang=en&lang=de&q=a%20b&empty=',
      cookies: ['session=abc', 'theme=dark', 'late=1'],
      headers: {
        host: `127.0.0.1:${port}`,
        'x-tag': 'first,second',
        'user-agent': 'pulse-test/1.0',
        connection: expect.any(String) as string,
        'x-forwarded-for': '127.0.0.1',
        'x-forwarded-port': port,
        'x-forwarded-proto': 'http',
        'x-amzn-trace-id': expect.stringMatching(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/) as string,
      },
      queryStringParameters: { lang: 'en,de', q: 'a b', empty: '' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/posts/p 1',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'pulse-test/1.0',
        },
        requestId: expect.stringMatching(/^[A-Za-z0-9+/]{15}=$/) as string,
        routeKey: 'GET /posts/{postId}',
        stage: '$default',
        time: '02/Jan/2025:03:04:05 +0000',
        timeEpoch: T0,
      },
      pathParameters: { postId: 'p 1' },
      isBase64Encoded: false,
    });
    expect(context).toMatchObject({ functionName: 'GET-posts-postId', functionVersion: '$LATEST' });
  });

  it('leaves out cookies, query parameters, path parameters and body when the request has none', async () => {
    const { service, events } = await apiWith(['GET /posts']);
    await fetch(`${service.url}/posts`);
    const event = events[0]!.event;
    expect(event.rawQueryString).toBe('');
    for (const key of [
      'cookies',
      'queryStringParameters',
      'pathParameters',
      'body',
      'stageVariables',
    ]) {
      expect(event).not.toHaveProperty(key);
    }
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes text bodies as text and everything else base64-encoded', async () => {
    const { service, events } = await apiWith(['POST /posts']);
    const audio = Buffer.from([0xff, 0xfb, 0x90, 0x00, 0x01, 0x80]);
    await fetch(`${service.url}/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"text":"Grüße"}',
    });
    await fetch(`${service.url}/posts`, {
      method: 'POST',
      headers: { 'content-type': 'audio/mpeg' },
      body: audio,
    });
    await fetch(`${service.url}/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(events.map(({ event }) => [event.isBase64Encoded, event.body])).toEqual([
      [false, '{"text":"Grüße"}'],
      [true, audio.toString('base64')],
      [true, Buffer.from('a=1').toString('base64')],
    ]);
  });

  it('carries stage variables and the API ID when configured', async () => {
    const { service, events } = await apiWith(['GET /health'], {
      stageVariables: { bucket: 'pulse-posts' },
      apiId: 'pulse-api',
    });
    await fetch(`${service.url}/health`);
    expect(events[0]!.event.stageVariables).toEqual({ bucket: 'pulse-posts' });
    expect(events[0]!.event.requestContext.apiId).toBe('pulse-api');
  });
});

describe('routing', () => {
  it('prefers literal segments, named methods, then greedy variables, then $default', async () => {
    const { service, events } = await apiWith(
      [
        'GET /posts/{postId}',
        'GET /posts/latest',
        'ANY /posts/{postId}',
        'GET /files/{path+}',
        '$default',
      ],
      {},
      (event) => event.routeKey,
    );
    const cases: [string, string, string][] = [
      ['GET', '/posts/latest', 'GET /posts/latest'],
      ['GET', '/posts/p-9', 'GET /posts/{postId}'],
      ['DELETE', '/posts/p-9', 'ANY /posts/{postId}'],
      ['GET', '/files/a/b/c.mp3', 'GET /files/{path+}'],
      ['GET', '/files', '$default'],
      ['PUT', '/anything/else', '$default'],
    ];
    for (const [method, path, routeKey] of cases) {
      const response = await fetch(`${service.url}${path}`, { method });
      expect([method, path, await response.json()]).toEqual([method, path, routeKey]);
    }
    expect(events[3]!.event.pathParameters).toEqual({ path: 'a/b/c.mp3' });
    expect(events[4]!.event.pathParameters).toBeUndefined();
  });

  it("answers API Gateway's 404 for a path no route matches", async () => {
    const { service, events } = await apiWith(['GET /posts']);
    for (const [method, path] of [
      ['GET', '/nothing'],
      ['POST', '/posts'],
      ['GET', '/posts/extra'],
    ] as const) {
      const response = await fetch(`${service.url}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
    expect(events).toEqual([]);
  });

  it('handle() resolves false for unmatched requests, leaving them to the caller', async () => {
    const api = createHttpApi({
      routes: [{ routeKey: 'GET /posts', handler: () => Promise.resolve(['p-1']) }],
    });
    const server = createServer((request, response) => {
      void api.handle(request, response).then((handled) => {
        if (!handled) response.end(`served by the caller: ${request.url ?? ''}`);
      });
    });
    const service = await serveOnLoopback(server);
    running.push(service);
    expect(await (await fetch(`${service.url}/posts`)).json()).toEqual(['p-1']);
    expect(await (await fetch(`${service.url}/simulator/index.html`)).text()).toBe(
      'served by the caller: /simulator/index.html',
    );
  });

  it('refuses malformed route keys and duplicate routes', () => {
    const handler = () => Promise.resolve(null);
    expect(() => createHttpApi({ routes: [{ routeKey: 'FETCH /posts', handler }] })).toThrow();
    expect(() => createHttpApi({ routes: [{ routeKey: 'GET posts', handler }] })).toThrow();
    expect(() => createHttpApi({ routes: [{ routeKey: 'GET /{all+}/x', handler }] })).toThrow();
    expect(() =>
      createHttpApi({
        routes: [
          { routeKey: 'GET /posts', handler },
          { routeKey: 'GET /posts', handler },
        ],
      }),
    ).toThrow(/defined twice/);
    expect(() =>
      createHttpApi({ routes: [{ routeKey: 'GET /posts', authorize: true, handler }] }),
    ).toThrow(/no bearerToken/);
  });
});

describe('the authorizer', () => {
  async function authorizedApi() {
    const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];
    const openEvents: APIGatewayProxyEventV2[] = [];
    const service = await startHttpApi({
      bearerToken: TOKEN,
      claims: { sub: 'local-user', iss: 'pulse-local', scope: 'posts/write' },
      routes: [
        {
          routeKey: 'POST /posts',
          authorize: true,
          handler: (event) => {
            events.push(event);
            return Promise.resolve({ statusCode: 202, body: '' });
          },
        },
        {
          routeKey: 'GET /posts',
          handler: (event) => {
            openEvents.push(event);
            return Promise.resolve([]);
          },
        },
      ],
    });
    running.push(service);
    return { service, events, openEvents };
  }

  it('answers 401 before the handler without a token, with a wrong one, or another scheme', async () => {
    const { service, events } = await authorizedApi();
    for (const authorization of [
      undefined,
      `Bearer ${TOKEN}x`,
      'Bearer ',
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      const response = await fetch(`${service.url}/posts`, {
        method: 'POST',
        headers: authorization === undefined ? {} : { authorization },
        body: '{}',
      });
      expect([authorization, response.status]).toEqual([authorization, 401]);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
    }
    expect(events).toEqual([]);
  });

  it('passes the claims to the handler when the token matches', async () => {
    const { service, events } = await authorizedApi();
    const response = await fetch(`${service.url}/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"text":"hi"}',
    });
    expect(response.status).toBe(202);
    expect(events[0]!.requestContext.authorizer).toEqual({
      jwt: {
        claims: { sub: 'local-user', iss: 'pulse-local', scope: 'posts/write' },
        scopes: null,
      },
    });
    expect(events[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('gives open routes no authorizer at all', async () => {
    const { service, openEvents } = await authorizedApi();
    await fetch(`${service.url}/posts`);
    expect(openEvents[0]!.requestContext).not.toHaveProperty('authorizer');
  });
});

describe('limits and failures', () => {
  it('accepts 10 MB and answers 413 beyond, without calling the handler', async () => {
    const { service, events } = await apiWith(['PUT /uploads'], {}, (event) => ({
      statusCode: 200,
      body: String(Buffer.from(event.body ?? '', 'base64').length),
    }));
    const atLimit = await fetch(`${service.url}/uploads`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(MAX_BODY_BYTES, 1),
    });
    expect(await atLimit.text()).toBe(String(MAX_BODY_BYTES));
    const tooLarge = await fetch(`${service.url}/uploads`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(MAX_BODY_BYTES + 1, 1),
    });
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(events).toHaveLength(1);
  });

  it('answers 500 Internal Server Error when the handler throws, and tells onHandlerError', async () => {
    const failures: [unknown, string][] = [];
    const service = await startHttpApi({
      routes: [
        {
          routeKey: 'GET /boom',
          handler: () => Promise.reject(new Error('database on fire')),
        },
      ],
      onHandlerError: (error, routeKey) => failures.push([error, routeKey]),
    });
    running.push(service);
    const response = await fetch(`${service.url}/boom`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
    expect(failures).toEqual([[new Error('database on fire'), 'GET /boom']]);
  });

  it('answers 503 when the handler outlives the integration timeout', async () => {
    let finish = (): void => undefined;
    const service = await startHttpApi({
      integrationTimeoutMs: 20,
      routes: [
        {
          routeKey: 'GET /slow',
          handler: () => new Promise<void>((resolve) => (finish = resolve)),
        },
      ],
    });
    running.push(service);
    const response = await fetch(`${service.url}/slow`);
    finish();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
  });
});

describe('mapping the result back to HTTP', () => {
  async function resultFor(result: unknown): Promise<Response> {
    const service = await startHttpApi({
      routes: [{ routeKey: 'GET /result', handler: () => Promise.resolve(result) }],
      onHandlerError: () => undefined,
    });
    running.push(service);
    return fetch(`${service.url}/result`);
  }

  it('treats an object without statusCode as a 200 JSON body', async () => {
    const response = await resultFor({ postId: 'p-1', ready: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"postId":"p-1","ready":true}');
  });

  it('sends a string result as the JSON the Lambda returned, quotes included', async () => {
    const response = await resultFor('hello');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('"hello"');
  });

  it('sends null for a handler that returns nothing', async () => {
    expect(await (await resultFor(undefined)).text()).toBe('null');
  });

  it('maps a structured result: status, headers, one set-cookie per cookie, text body', async () => {
    const response = await resultFor({
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-Count': 3, 'X-Ready': true },
      cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
      body: 'created',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('x-count')).toBe('3');
    expect(response.headers.get('x-ready')).toBe('true');
    expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(await response.text()).toBe('created');
  });

  it('decodes a base64 body byte-exact', async () => {
    const audio = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0xff, 0x00]);
    const response = await resultFor({
      statusCode: 200,
      headers: { 'content-type': 'audio/mpeg' },
      body: audio.toString('base64'),
      isBase64Encoded: true,
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(audio);
  });

  it('answers 500 for a structured result API Gateway cannot read', async () => {
    for (const result of [
      { statusCode: '200' },
      { statusCode: 42 },
      { statusCode: 200, body: { not: 'a string' } },
      { statusCode: 200, headers: { nested: { no: 1 } } },
    ]) {
      const response = await resultFor(result);
      expect([result, response.status]).toEqual([result, 500]);
    }
  });
});
