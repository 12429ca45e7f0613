/** A tool defined once (name, purpose, input and output schemas, what it does) and registered on each request's server with the same error handling. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type {
  CallToolResult,
  ServerNotification,
  ServerRequest,
  ToolAnnotations,
} from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { answering, toolResult, type ToolAnswer } from '../results';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** One call of a tool: the request's own channel back to the client, and whether it may ask on it. */
export interface ToolCall {
  readonly extra: ToolExtra;
  /**
   * The tool may ask the client mid-call (MCP elicitation): the response streams, and the
   * client's answer reaches this process. False behind API Gateway, which buffers responses.
   */
  readonly canAsk: boolean;
}

export interface ToolDefinition<I extends z.ZodObject, O extends z.ZodObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: I;
  readonly output: O;
  readonly annotations: ToolAnnotations;
  readonly run: (args: z.output<I>, call: ToolCall) => Promise<ToolAnswer<z.output<O>>>;
}

/** What a server needs to register a tool: whether its calls may ask, and where failures are logged. */
export interface ToolHost {
  readonly canAsk: boolean;
  readonly logger: Pick<Logger, 'error' | 'warn'>;
}

/** A tool, ready to register on a server. */
export type Tool = (server: McpServer, host: ToolHost) => void;

export function tool<I extends z.ZodObject, O extends z.ZodObject>(
  definition: ToolDefinition<I, O>,
): Tool {
  const handle = (args: unknown, extra: ToolExtra, host: ToolHost) =>
    answering(host.logger, definition.name, async () =>
      toolResult(await definition.run(args as z.output<I>, { extra, canAsk: host.canAsk })),
    );
  return (server, host) => {
    // The SDK infers the callback's arguments from the schema; the definition's own types hold them.
    const register = server.registerTool.bind(server) as (
      name: string,
      config: {
        title: string;
        description: string;
        inputSchema: I;
        outputSchema: O;
        annotations: ToolAnnotations;
      },
      callback: (args: unknown, extra: ToolExtra) => Promise<CallToolResult>,
    ) => unknown;
    register(
      definition.name,
      {
        title: definition.title,
        description: definition.description,
        inputSchema: definition.input,
        outputSchema: definition.output,
        annotations: definition.annotations,
      },
      (args, extra) => handle(args, extra, host),
    );
  };
}

/** Tools that only read. */
export const READS: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
