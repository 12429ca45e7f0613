/** MCP clients for tests: the SDK's own Client over its Streamable HTTP transport, with or without elicitation. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  ElicitRequestSchema,
  type CallToolResult,
  type ElicitRequest,
  type ElicitResult,
} from '@modelcontextprotocol/sdk/types.js';

export interface McpClientOptions {
  /** The bearer token; none sends no Authorization header. */
  readonly token?: string;
  /** Declares elicitation and answers each question with this. */
  readonly elicit?: (request: ElicitRequest['params']) => ElicitResult | Promise<ElicitResult>;
  /** Instead of HTTP, hand each request to this (an endpoint or handler in process). */
  readonly fetch?: (url: string | URL, init?: RequestInit) => Promise<Response>;
}

/** A connected client (initialize done); close it when done. */
export async function mcpClient(url: string, options: McpClientOptions = {}): Promise<Client> {
  const client = new Client(
    { name: 'pulse-tests', version: '1.0.0' },
    options.elicit ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  if (options.elicit) {
    const answer = options.elicit;
    client.setRequestHandler(ElicitRequestSchema, (request) => answer(request.params));
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(options.token === undefined
      ? {}
      : { requestInit: { headers: { authorization: `Bearer ${options.token}` } } }),
    ...(options.fetch && { fetch: options.fetch }),
  });
  await client.connect(transport);
  return client;
}

/** A tool call's text, and its structured content as the given type. */
export function resultOf<T>(result: unknown): {
  text: string;
  structured: T;
  isError: boolean;
} {
  const call = result as CallToolResult;
  const text = call.content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
  return { text, structured: call.structuredContent as T, isError: call.isError === true };
}
