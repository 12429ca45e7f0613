/** The payload format 2.0 event API Gateway's HTTP API sends a Lambda integration, built from a Node request. */
import { randomBytes } from 'node:crypto';
import {
  functionArn,
  lambdaContext as sharedLambdaContext,
  LOCAL_ACCOUNT_ID,
} from '../lambdaContext';
import type { IncomingMessage } from 'node:http';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  Context,
} from 'aws-lambda';

export { LOCAL_ACCOUNT_ID };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number): string => String(value).padStart(2, '0');

/** requestContext.time: `12/Mar/2020:19:03:58 +0000`. */
export function requestTime(epochMs: number): string {
  const date = new Date(epochMs);
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()] ?? ''}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** API Gateway's request IDs look like `JKJaXmPLvHcESHA=`. */
export const newRequestId = (): string => randomBytes(11).toString('base64');

/**
 * HTTP APIs pass a body as text only for these types; every other type, and a body without a
 * content type, arrives base64-encoded with isBase64Encoded true.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const type = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/xml' ||
    type === 'application/javascript'
  );
}

/** The path as HTTP APIs hand it on: percent-decoded. Undefined for a malformed encoding. */
export function decodePath(rawUrl: string): string | undefined {
  const path = rawUrl.split('?', 1)[0] ?? '/';
  try {
    return decodeURIComponent(path);
  } catch (error) {
    // No route can match a path that does not decode; the caller answers it like any unknown path.
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

/** Headers lower-cased, repeated ones joined with commas; cookies travel separately, in `cookies`. */
function collectHeaders(request: IncomingMessage): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  const raw = request.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = (raw[index] ?? '').toLowerCase();
    const value = raw[index + 1] ?? '';
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Query parameters decoded, repeated ones joined with commas. */
function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

export interface EventInput {
  request: IncomingMessage;
  /** The decoded path (see decodePath). */
  path: string;
  routeKey: string;
  pathParameters?: Record<string, string>;
  body: Buffer;
  requestId: string;
  epochMs: number;
  apiId: string;
  stageVariables?: Record<string, string>;
  /** Present for routes behind the JWT authorizer only. */
  authorizer?: APIGatewayEventRequestContextJWTAuthorizer;
}

export function buildEvent(
  input: EventInput,
): APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer {
  const { request, path, body, epochMs } = input;
  const rawUrl = request.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const rawQueryString = queryStart === -1 ? '' : rawUrl.slice(queryStart + 1);
  const { headers, cookies } = collectHeaders(request);
  const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const domainName = (headers.host ?? 'localhost').replace(/:\d+$/, '');
  // Headers API Gateway adds on the way to the integration.
  headers['x-forwarded-for'] = headers['x-forwarded-for']
    ? `${headers['x-forwarded-for']},${sourceIp}`
    : sourceIp;
  headers['x-forwarded-port'] = String(request.socket.localPort ?? 80);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] =
    `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;

  const text = isTextContentType(headers['content-type']);
  const query = queryParameters(rawQueryString);
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: path,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(query !== undefined && { queryStringParameters: query }),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: input.apiId,
      ...(input.authorizer !== undefined && { authorizer: input.authorizer }),
      domainName,
      domainPrefix: domainName.split('.', 1)[0] ?? domainName,
      http: {
        method: request.method ?? 'GET',
        path,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId,
      routeKey: input.routeKey,
      stage: '$default',
      time: requestTime(epochMs),
      timeEpoch: epochMs,
    },
    ...(input.pathParameters !== undefined && { pathParameters: input.pathParameters }),
    ...(body.length > 0 && { body: text ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: body.length > 0 && !text,
    ...(input.stageVariables !== undefined && { stageVariables: input.stageVariables }),
  };
}

/** A Lambda context for one invocation; the deadline is reported, not enforced. */
export function lambdaContext(functionName: string, timeoutMs: number, now: () => number): Context {
  return sharedLambdaContext({ functionArn: functionArn(functionName), timeoutMs, now });
}
