/** How an HTTP API turns a Lambda's payload format 2.0 result into the HTTP response. */

export interface HttpReply {
  statusCode: number;
  /** In order; `set-cookie` once per cookie. */
  headers: [string, string][];
  body: Buffer;
}

/** The body API Gateway sends with the errors it answers itself. */
export function gatewayReply(statusCode: number, message: string): HttpReply {
  return {
    statusCode,
    headers: [['content-type', 'application/json']],
    body: Buffer.from(JSON.stringify({ message })),
  };
}

export const internalServerError = (): HttpReply => gatewayReply(500, 'Internal Server Error');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A result with a `statusCode` is a structured response. Anything else that serializes to JSON (an
 * object without statusCode, a string, a number, null) is the body of a 200 application/json
 * response, exactly as the Lambda serialized it: a string result keeps its JSON quotes. A structured
 * response API Gateway cannot read becomes its 500.
 */
export function replyFromResult(result: unknown): HttpReply {
  if (!isRecord(result) || !('statusCode' in result)) {
    return {
      statusCode: 200,
      headers: [['content-type', 'application/json']],
      body: Buffer.from(JSON.stringify(result) ?? 'null'),
    };
  }
  const { statusCode, headers = {}, body, isBase64Encoded = false, cookies = [] } = result;
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599 ||
    !isRecord(headers) ||
    (body !== undefined && body !== null && typeof body !== 'string') ||
    typeof isBase64Encoded !== 'boolean' ||
    !Array.isArray(cookies) ||
    !cookies.every((cookie) => typeof cookie === 'string')
  ) {
    return internalServerError();
  }
  const replyHeaders: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return internalServerError();
    }
    replyHeaders.push([name.toLowerCase(), String(value)]);
  }
  for (const cookie of cookies as string[]) replyHeaders.push(['set-cookie', cookie]);
  const text = typeof body === 'string' ? body : '';
  return {
    statusCode,
    headers: replyHeaders,
    body: isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  };
}
