/** API Gateway HTTP API events (payload format 2.0) as Web Requests, and Web Responses as the results API Gateway reads back. */
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';

/** The request as the client sent it: method, URL (host and path as API Gateway received them), headers, cookies, body. */
export function requestOf(event: APIGatewayProxyEventV2): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers.set(name, value);
  }
  // Payload format 2.0 moves cookies out of the headers.
  if (event.cookies && event.cookies.length > 0) headers.set('cookie', event.cookies.join('; '));
  const host = headers.get('host') ?? event.requestContext.domainName;
  const scheme = headers.get('x-forwarded-proto') ?? 'https';
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const { method } = event.requestContext.http;
  const hasBody = event.body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new Request(`${scheme}://${host}${event.rawPath}${query}`, {
    method,
    headers,
    ...(hasBody && {
      body: event.isBase64Encoded ? Buffer.from(event.body!, 'base64') : event.body,
    }),
  });
}

/** What the JWT authorizer established, in the SDK's terms: the token, its client, scopes and claims. */
export function authInfoOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): AuthInfo | undefined {
  const jwt = event.requestContext.authorizer?.jwt;
  if (!jwt?.claims) return undefined;
  const { claims } = jwt;
  const token = /^Bearer (.+)$/i.exec(event.headers?.authorization ?? '')?.[1] ?? '';
  const expiresAt = Number(claims.exp);
  return {
    token,
    clientId: String(claims.client_id ?? claims.aud ?? ''),
    scopes: jwt.scopes ?? [],
    ...(Number.isFinite(expiresAt) && { expiresAt }),
    extra: { claims },
  };
}

/** Bodies API Gateway passes as text; anything else goes base64-encoded. */
function isText(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
  return (
    type === '' || type.startsWith('text/') || type === 'application/json' || type.endsWith('+json')
  );
}

/** The response, read whole (API Gateway buffers it), as a structured result. */
export async function resultOf(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = isText(response.headers.get('content-type'));
  return {
    statusCode: response.status,
    headers,
    ...(cookies.length > 0 && { cookies }),
    body: text ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !text,
  };
}
