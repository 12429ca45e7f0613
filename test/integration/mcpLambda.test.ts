/**
 * The MCP server's Lambda entry: API Gateway HTTP API events (payload format 2.0) in, results out,
 * on the emulators; behind the local HTTP API, which buffers responses as API Gateway does, the
 * SDK's client gets single JSON answers and a change is previewed, never elicited. Dependencies
 * that hang or refuse, and a missing setting, are answered as they should be.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../lambda/aws/errors';
import { createMcpHandler, createPulseMcpEndpoint, handler, MCP_ROUTES } from '../../lambda/mcp';
import type { SkillConfig } from '../../lambda/skill/config';
import { startHttpApi, type LocalHttpApi } from '../../local/httpApi';
import { mcpClient, resultOf } from '../support/mcp';
import { API_TOKEN, startPostsStack, type PostsStack } from '../support/postsStack';
import { playerRollup } from '../support/stack';

const STATION = 'bR4lnMt7Xa';
const ACCEPT = 'application/json, text/event-stream';

let stack: PostsStack;
let config: SkillConfig;
let api: LocalHttpApi;

/** An event as API Gateway sends it for a request its JWT authorizer let through. */
function event(
  body: unknown,
  options: {
    method?: string;
    base64?: boolean;
    claims?: Record<string, string> | null;
    headers?: Record<string, string>;
  } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const method = options.method ?? 'POST';
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    version: '2.0',
    routeKey: 'ANY /mcp',
    rawPath: '/mcp',
    rawQueryString: '',
    headers: {
      host: 'abc123.execute-api.us-east-1.amazonaws.com',
      'x-forwarded-proto': 'https',
      authorization: 'Bearer eyJ.test.jwt',
      'content-type': 'application/json',
      accept: ACCEPT,
      ...options.headers,
    },
    requestContext: {
      accountId: '000000000000',
      apiId: 'abc123',
      ...(options.claims !== null && {
        authorizer: {
          principalId: '',
          integrationLatency: 0,
          jwt: {
            claims: options.claims ?? { sub: 'user-1', client_id: 'mcp-client', exp: '2000000000' },
            scopes: [],
          },
        },
      }),
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: '/mcp', protocol: 'HTTP/1.1', sourceIp: '1.2.3.4', userAgent: 'test' },
      requestId: 'r-1',
      routeKey: 'ANY /mcp',
      stage: '$default',
      time: '01/Dec/2026:10:00:00 +0000',
      timeEpoch: Date.now(),
    },
    ...(text !== undefined && {
      body: options.base64 ? Buffer.from(text).toString('base64') : text,
    }),
    isBase64Encoded: options.base64 ?? false,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

const rpc = (id: number, method: string, params: Record<string, unknown> = {}) => ({
  jsonrpc: '2.0',
  id,
  method,
  params,
});

const INITIALIZE = rpc(1, 'initialize', {
  protocolVersion: '2025-11-25',
  capabilities: { elicitation: {} },
  clientInfo: { name: 'lambda-test', version: '1.0.0' },
});

beforeAll(async () => {
  stack = await startPostsStack();
  config = await stack.base.freshConfig();
  // The function's environment, as the CDK stack sets it.
  Object.assign(process.env, {
    USER_ROLLUPS_TABLE: config.userRollupsTable,
    SENSOR_ROLLUPS_TABLE: config.sensorRollupsTable,
    POSTS_TABLE: stack.config.table,
    POSTS_BUCKET: stack.config.bucket,
    POSTS_TOPIC_ARN: stack.config.topicArn,
  });
  const now = Date.now();
  await stack.base.putPlayerRollups(config, [
    playerRollup(now - 2000, 90),
    playerRollup(now - 1000, 96),
  ]);
  await stack.base.updateShadow(STATION, { reported: { light: 'off' } });
  api = await startHttpApi({
    bearerToken: API_TOKEN,
    routes: MCP_ROUTES.map(({ method, path }) => ({
      routeKey: `${method} ${path}`,
      handler,
      authorize: true,
    })),
  });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await stack?.close();
});

describe('API Gateway v2 events', () => {
  it('answers initialize with a single JSON body: the Lambda does not stream', async () => {
    const result = await handler(event(INITIALIZE));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.parse(result.body!)).toMatchObject({
      jsonrpc: '2.0',
      id: 1,
      result: {
        protocolVersion: '2025-11-25',
        serverInfo: { name: 'pulse' },
        capabilities: { tools: {} },
      },
    });
  });

  it('calls a tool from a base64-encoded body, as API Gateway passes a body of another type', async () => {
    const result = await handler(
      event(rpc(2, 'tools/call', { name: 'players_online', arguments: {} }), { base64: true }),
    );
    expect(result.statusCode).toBe(200);
    const { result: answer } = JSON.parse(result.body!) as { result: unknown };
    expect(resultOf(answer).structured).toMatchObject({ available: true, total: 96 });
  });

  it.each(['GET', 'DELETE'])('answers %s with 405 and Allow: POST', async (method) => {
    const result = await handler(event(undefined, { method }));
    expect(result.statusCode).toBe(405);
    expect(result.headers?.allow).toBe('POST');
  });

  it('refuses a body over 1 MiB with 413, before reading it as JSON-RPC', async () => {
    const text = 'x'.repeat(1024 * 1024);
    const result = await handler(
      event(rpc(5, 'tools/call', { name: 'create_post', arguments: { text } })),
    );
    expect(result.statusCode).toBe(413);
    expect(JSON.parse(result.body!)).toMatchObject({ error: { code: -32000 } });
  });

  it('answers a notification alone with 202 and no body', async () => {
    const result = await handler(event({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    expect(result.statusCode).toBe(202);
    expect(result.body).toBe('');
  });

  it('refuses an event without the authorizer’s claims with 401', async () => {
    const result = await handler(event(INITIALIZE, { claims: null }));
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['www-authenticate']).toBe('Bearer');
  });

  it('refuses a client that accepts only JSON, as the transport says', async () => {
    const result = await handler(event(INITIALIZE, { headers: { accept: 'application/json' } }));
    expect(result.statusCode).toBe(406);
  });
});

describe("the SDK's client through the local HTTP API, which buffers as API Gateway does", () => {
  it('lists the tools and reads the players', async () => {
    const client = await mcpClient(`${api.url}/mcp`, { token: API_TOKEN });
    try {
      expect((await client.listTools()).tools).toHaveLength(9);
      const { structured } = resultOf(
        await client.callTool({ name: 'players_online', arguments: {} }),
      );
      expect(structured).toMatchObject({ total: 96 });
    } finally {
      await client.close();
    }
  });

  it('never asks a client mid-call here: a change is previewed, and written with confirm: true', async () => {
    let asked = 0;
    const client = await mcpClient(`${api.url}/mcp`, {
      token: API_TOKEN,
      elicit: () => {
        asked += 1;
        return { action: 'accept' };
      },
    });
    try {
      const preview = resultOf(
        await client.callTool({
          name: 'change_station_setting',
          arguments: { station: STATION, light: 'on' },
        }),
      );
      expect(preview.structured).toMatchObject({ outcome: 'preview', current: 'off' });
      const written = resultOf(
        await client.callTool({
          name: 'change_station_setting',
          arguments: { station: STATION, light: 'on', confirm: true },
        }),
      );
      expect(written.structured).toMatchObject({ outcome: 'requested', confirmedBy: 'confirm' });
      expect(asked).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('creates a post and reads it back', async () => {
    const client = await mcpClient(`${api.url}/mcp`, { token: API_TOKEN });
    try {
      const created = resultOf<{ postId: string }>(
        await client.callTool({ name: 'create_post', arguments: { text: 'Hello from Lambda.' } }),
      );
      const read = resultOf(
        await client.callTool({
          name: 'get_post',
          arguments: { postId: created.structured.postId },
        }),
      );
      expect(read.structured).toMatchObject({
        postId: created.structured.postId,
        title: 'Hello from Lambda.',
      });
      await stack.settle();
    } finally {
      await client.close();
    }
  });

  it('answers 401 without the token', async () => {
    const response = await fetch(`${api.url}/mcp`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
  });
});

describe('when a dependency hangs or refuses', () => {
  const sockets = new Set<Socket>();
  // Accepts connections and never answers.
  const blackHole: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let blackHoleUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    blackHoleUrl = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => blackHole.close(() => resolve()));
  });

  /** One tool call with an endpoint variable pointing elsewhere: the SDK resolves it at the call. */
  async function callWith(
    variable: string,
    url: string,
    tool: string,
    args: Record<string, unknown>,
  ) {
    const saved = process.env[variable];
    process.env[variable] = url;
    try {
      const lambda = createMcpHandler(
        createPulseMcpEndpoint({
          streaming: false,
          config: { ...config, dependencyTimeoutMs: 200 },
        }),
      );
      const result = await lambda(event(rpc(3, 'tools/call', { name: tool, arguments: args })));
      const { result: answer } = JSON.parse(result.body!) as { result: unknown };
      return resultOf(answer);
    } finally {
      process.env[variable] = saved;
    }
  }

  it('says DynamoDB did not answer in time, as a tool error, once the deadline passes', async () => {
    const { isError, text } = await callWith(
      'AWS_ENDPOINT_URL_DYNAMODB',
      blackHoleUrl,
      'players_online',
      {},
    );
    expect(isError).toBe(true);
    expect(text).toBe(
      "DynamoDB (Pulse's data store) did not answer in time (Query latest user rollup). Try again in a moment.",
    );
  });

  it('says the shadows did not answer in time', async () => {
    const { isError, text } = await callWith(
      'AWS_ENDPOINT_URL_IOT_DATA_PLANE',
      blackHoleUrl,
      'station_status',
      {
        station: STATION,
      },
    );
    expect(isError).toBe(true);
    expect(text).toBe(
      "AWS IoT (the stations' device shadows) did not answer in time (GetThingShadow). Try again in a moment.",
    );
  });

  it('says the shadow service is unavailable when it answers with errors', async () => {
    stack.base.shadows.failNext(500, 10);
    const lambda = createMcpHandler(createPulseMcpEndpoint({ streaming: false, config }));
    const result = await lambda(
      event(rpc(4, 'tools/call', { name: 'station_status', arguments: { station: STATION } })),
    );
    const { result: answer } = JSON.parse(result.body!) as { result: unknown };
    expect(resultOf(answer)).toMatchObject({
      isError: true,
      text: "AWS IoT (the stations' device shadows) is unavailable (GetThingShadow). Try again in a moment.",
    });
  });

  it('fails its first request with a ConfigError when no posts topic is set', async () => {
    const saved = process.env.POSTS_TOPIC_ARN;
    delete process.env.POSTS_TOPIC_ARN;
    try {
      const lambda = createMcpHandler(createPulseMcpEndpoint({ streaming: false }));
      await expect(lambda(event(INITIALIZE))).rejects.toThrow(ConfigError);
      await expect(lambda(event(INITIALIZE))).rejects.toThrow(/POSTS_TOPIC_ARN/);
    } finally {
      process.env.POSTS_TOPIC_ARN = saved;
    }
  });
});
