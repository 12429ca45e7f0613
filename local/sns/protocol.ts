/** The AWS Query protocol as @aws-sdk/client-sns speaks it: form-encoded parameters in, XML documents out. */
import { randomUUID } from 'node:crypto';
import { invalidParameter, SnsError, type SnsErrorCode } from './errors';

export const SNS_API_VERSION = '2010-03-31';
const XML_NAMESPACE = `http://sns.amazonaws.com/doc/${SNS_API_VERSION}/`;

const ERROR_RESPONSES: Record<SnsErrorCode, { status: number; type: 'Sender' | 'Receiver' }> = {
  InvalidParameter: { status: 400, type: 'Sender' },
  ParameterValueInvalid: { status: 400, type: 'Sender' },
  NotFound: { status: 404, type: 'Sender' },
  InternalError: { status: 500, type: 'Receiver' },
  InvalidAction: { status: 400, type: 'Sender' },
  MissingAction: { status: 400, type: 'Sender' },
};

/** Read access to one request's parameters, including the flattened lists and maps of the Query protocol. */
export class QueryParameters {
  constructor(private readonly parameters: URLSearchParams) {}

  get(name: string): string | undefined {
    return this.parameters.get(name) ?? undefined;
  }

  /** SNS names a missing required parameter in an InvalidParameter error. */
  require(name: string): string {
    const value = this.get(name);
    if (value === undefined) throw invalidParameter(name);
    return value;
  }

  /** The indices present under `<prefix>.<N>.`, ascending: lists are `X.member.N`, maps `X.entry.N`. */
  private indices(prefix: string): number[] {
    const indices = new Set<number>();
    for (const key of this.parameters.keys()) {
      if (!key.startsWith(`${prefix}.`)) continue;
      const index = Number(key.slice(prefix.length + 1).split('.', 1)[0]);
      if (Number.isInteger(index) && index > 0) indices.add(index);
    }
    return [...indices].sort((a, b) => a - b);
  }

  /** A map serialized as `<name>.entry.N.<keyName>` and `<name>.entry.N.<valueName>...`; `read` gets the entry's prefix. */
  map<T>(name: string, keyName: string, read: (entryPrefix: string) => T): Map<string, T> {
    const entries = new Map<string, T>();
    for (const index of this.indices(`${name}.entry`)) {
      const entryPrefix = `${name}.entry.${index}`;
      const key = this.get(`${entryPrefix}.${keyName}`);
      if (key === undefined) throw invalidParameter(`${name}`);
      entries.set(key, read(entryPrefix));
    }
    return entries;
  }
}

/** Parameters from the query string and the form body together (the Query protocol allows both). */
export function parseQueryRequest(search: string, body: string): QueryParameters {
  const parameters = new URLSearchParams(search);
  for (const [key, value] of new URLSearchParams(body)) parameters.append(key, value);
  return new QueryParameters(parameters);
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\r', '&#13;');
}

/** `<name>text</name>`, the text escaped; nothing at all for an undefined value, as SNS omits absent fields. */
export function xmlElement(name: string, text: string | undefined): string {
  return text === undefined ? '' : `<${name}>${escapeXml(text)}</${name}>`;
}

/** A list as the Query protocol writes it: each item in a `<member>` element. */
export function xmlMembers(name: string, members: readonly string[]): string {
  return `<${name}>${members.map((member) => `<member>${member}</member>`).join('')}</${name}>`;
}

export interface QueryReply {
  status: number;
  body: string;
  requestId: string;
}

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…` (no Result element for actions without output). */
export function successReply(action: string, result: string | undefined): QueryReply {
  const requestId = randomUUID();
  const resultElement = result === undefined ? '' : `<${action}Result>${result}</${action}Result>`;
  return {
    status: 200,
    requestId,
    body:
      `<${action}Response xmlns="${XML_NAMESPACE}">${resultElement}` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>\n`,
  };
}

export function errorReply(error: unknown): QueryReply {
  const snsError =
    error instanceof SnsError
      ? error
      : new SnsError(
          'InternalError',
          `Internal failure: ${error instanceof Error ? error.message : String(error)}`,
        );
  const { status, type } = ERROR_RESPONSES[snsError.code];
  const requestId = randomUUID();
  return {
    status,
    requestId,
    body:
      `<ErrorResponse xmlns="${XML_NAMESPACE}"><Error>${xmlElement('Type', type)}` +
      `${xmlElement('Code', snsError.code)}${xmlElement('Message', snsError.message)}</Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>\n`,
  };
}
