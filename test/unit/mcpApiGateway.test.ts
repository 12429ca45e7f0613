/** The MCP Lambda's adapter between API Gateway payload format 2.0 and Web Requests and Responses. */
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { authInfoOf, requestOf, resultOf } from '../../lambda/mcp/apiGateway';

function event(
  overrides: Partial<APIGatewayProxyEventV2WithJWTAuthorizer> & { method?: string } = {},
): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { method = 'POST', ...rest } = overrides;
  return {
    version: '2.0',
    routeKey: 'ANY /mcp',
    rawPath: '/mcp',
    rawQueryString: '',
    headers: { host: 'api.example.com', authorization: 'Bearer abc.def.ghi' },
    requestContext: {
      domainName: 'fallback.example.com',
      http: { method, path: '/mcp', protocol: 'HTTP/1.1', sourceIp: '1.2.3.4', userAgent: '' },
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        jwt: { claims: { sub: 'u-1', client_id: 'app-1', exp: 2000000000 }, scopes: ['mcp'] },
      },
    },
    isBase64Encoded: false,
    ...rest,
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('requestOf', () => {
  it('rebuilds the URL from the host, path and query, https unless forwarded otherwise', async () => {
    const request = requestOf(event({ rawQueryString: 'a=1&b=two', body: '{"x":1}' }));
    expect(request.url).toBe('https://api.example.com/mcp?a=1&b=two');
    expect(request.method).toBe('POST');
    expect(await request.text()).toBe('{"x":1}');
    expect(requestOf(event({ headers: {} })).url).toBe('https://fallback.example.com/mcp');
    expect(requestOf(event({ headers: { host: 'h', 'x-forwarded-proto': 'http' } })).url).toBe(
      'http://h/mcp',
    );
  });

  it('decodes a base64 body, puts cookies back in their header, and gives GET no body', async () => {
    const request = requestOf(
      event({
        body: Buffer.from('{"é":"ü"}').toString('base64'),
        isBase64Encoded: true,
        cookies: ['a=1', 'b=2'],
      }),
    );
    expect(await request.text()).toBe('{"é":"ü"}');
    expect(request.headers.get('cookie')).toBe('a=1; b=2');
    expect(request.headers.get('authorization')).toBe('Bearer abc.def.ghi');
    expect(requestOf(event({ method: 'GET', body: 'ignored' })).body).toBeNull();
  });
});

describe('authInfoOf', () => {
  it('takes the token, client, scopes, expiry and claims the authorizer passed on', () => {
    expect(authInfoOf(event())).toEqual({
      token: 'abc.def.ghi',
      clientId: 'app-1',
      scopes: ['mcp'],
      expiresAt: 2000000000,
      extra: { claims: { sub: 'u-1', client_id: 'app-1', exp: 2000000000 } },
    });
  });

  it('falls back to the audience for the client, and is undefined without claims', () => {
    const withAudience = event();
    withAudience.requestContext.authorizer.jwt.claims = { sub: 'u', aud: 'pool-client' };
    expect(authInfoOf(withAudience)).toMatchObject({ clientId: 'pool-client', scopes: ['mcp'] });
    const without = event();
    (without.requestContext as { authorizer?: unknown }).authorizer = undefined;
    expect(authInfoOf(without)).toBeUndefined();
  });
});

describe('resultOf', () => {
  it('passes status, headers and a JSON body as text, cookies apart', async () => {
    const headers = new Headers({ 'Content-Type': 'application/json', Allow: 'POST' });
    headers.append('Set-Cookie', 'a=1');
    headers.append('Set-Cookie', 'b=2; Path=/');
    const result = await resultOf(new Response('{"ok":true}', { status: 405, headers }));
    expect(result).toEqual({
      statusCode: 405,
      headers: { 'content-type': 'application/json', allow: 'POST' },
      cookies: ['a=1', 'b=2; Path=/'],
      body: '{"ok":true}',
      isBase64Encoded: false,
    });
  });

  it('sends server-sent events as text, an empty 202 as an empty body, and bytes as base64', async () => {
    const events = await resultOf(
      new Response('event: message\ndata: {}\n\n', {
        headers: { 'content-type': 'text/event-stream' },
      }),
    );
    expect(events).toMatchObject({ body: 'event: message\ndata: {}\n\n', isBase64Encoded: false });
    expect(await resultOf(new Response(null, { status: 202 }))).toMatchObject({
      statusCode: 202,
      body: '',
      isBase64Encoded: false,
    });
    const bytes = await resultOf(
      new Response(new Uint8Array([0, 255]), { headers: { 'content-type': 'audio/mpeg' } }),
    );
    expect(bytes).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
  });
});
