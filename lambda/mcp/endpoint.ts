/**
 * The MCP endpoint: Streamable HTTP without sessions, on Web Requests and Responses, the same
 * behind API Gateway and on the local stack. Each POST gets a server and a transport of its own,
 * as the SDK's stateless example does; GET and DELETE are answered 405, for there is no stream to
 * open and no session to end.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import {
  readRequestBody,
  requestBodyTooLargeMessage,
} from '@modelcontextprotocol/sdk/server/requestBody.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import {
  ErrorCode,
  isJSONRPCErrorResponse,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
} from '@modelcontextprotocol/sdk/types.js';
import { MAX_BODY_BYTES } from '../posts/api';
import { WaitingCalls, type ClientAnswer } from './clientAnswers';

export interface McpEndpointOptions {
  /** A server for one request; `canAsk` tells its tools whether they may ask the client mid-call. */
  readonly server: (canAsk: boolean) => McpServer;
  /**
   * Responses stream as server-sent events and every request reaches this process, so tools may
   * ask the client (elicitation) and get its answer. False behind API Gateway, which buffers each
   * response: answers are single JSON bodies there, and tools never ask.
   */
  readonly streaming: boolean;
  readonly logger: Pick<Logger, 'error'>;
}

/** One HTTP exchange; `authInfo` is what the authorizer (API Gateway's, or the local token check) established. */
export type McpEndpoint = (request: Request, authInfo?: AuthInfo) => Promise<Response>;

/** The largest body read: the posts API's, which holds any post; the SDK's own default is 4 MiB. */
export const MAX_MCP_BODY_BYTES = MAX_BODY_BYTES;

/** JSON-RPC's implementation-defined server error, which the SDK's transport answers its own refusals with. */
const REFUSED = -32000;

function jsonRpcError(status: number, code: number, message: string, headers = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const isAnswer = (message: unknown): message is ClientAnswer =>
  isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);

/** A body of answers to the server's questions (and perhaps notifications), with no request of its own. */
function answersIn(parsed: unknown): ClientAnswer[] | undefined {
  const messages: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  if (messages.some(isJSONRPCRequest)) return undefined;
  const answers = messages.filter(isAnswer);
  return answers.length > 0 ? answers : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The response as it is, its body passed on as it streams; `finished` runs once it has all gone or the client left. */
function whenFinished(response: Response, finished: () => void): Response {
  const { body } = response;
  if (body === null) {
    finished();
    return response;
  }
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    finished();
  };
  const reader = body.getReader();
  const passed = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          controller.close();
          finish();
        } else {
          controller.enqueue(chunk.value);
        }
      } catch (error) {
        controller.error(error);
        finish();
      }
    },
    async cancel(reason) {
      finish();
      await reader.cancel(reason);
    },
  });
  return new Response(passed, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

export function createMcpEndpoint({ server, streaming, logger }: McpEndpointOptions): McpEndpoint {
  const waiting = new WaitingCalls();

  /** Answers from the client to questions a tool call here asked: handed to that call, 202. */
  async function relayAnswers(
    request: Request,
    parsed: unknown,
    answers: readonly ClientAnswer[],
    authInfo: AuthInfo | undefined,
  ): Promise<Response> {
    const stray = answers.find((answer) => answer.id === undefined || !waiting.awaits(answer.id));
    if (stray) {
      return jsonRpcError(
        400,
        ErrorCode.InvalidRequest,
        `No call here is waiting for an answer with id ${JSON.stringify(stray.id ?? null)}: ` +
          'this server keeps no sessions, so an answer reaches only the tool call that asked, while it waits.',
      );
    }
    // A transport of its own checks the request as any other (headers, protocol version, JSON-RPC).
    const relay = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    relay.onmessage = (message) => {
      if (isAnswer(message)) waiting.deliver(message);
    };
    return relay.handleRequest(request, { parsedBody: parsed, ...(authInfo && { authInfo }) });
  }

  return async (request, authInfo) => {
    if (request.method !== 'POST') {
      return jsonRpcError(
        405,
        REFUSED,
        `Method not allowed: ${request.method}. This server keeps no sessions: send every message ` +
          'with POST; there is no stream to open with GET and no session to end with DELETE.',
        { allow: 'POST' },
      );
    }
    const body = await readRequestBody(request, MAX_MCP_BODY_BYTES);
    if (body.tooLarge) {
      return jsonRpcError(413, REFUSED, requestBodyTooLargeMessage(MAX_MCP_BODY_BYTES));
    }
    const parsed = parseJson(body.text);
    const answers = parsed === undefined ? undefined : answersIn(parsed);
    if (answers) return relayAnswers(request, parsed, answers, authInfo);

    const mcp = server(streaming);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: !streaming,
    });
    const close = () => {
      mcp
        .close()
        .catch((error: unknown) =>
          logger.error('closing an MCP server failed', { error: error as Error }),
        );
    };
    try {
      await mcp.connect(streaming ? waiting.route(transport) : transport);
      // A body that is not JSON goes to the transport as it came, for the SDK's own parse error.
      const response =
        parsed === undefined
          ? await transport.handleRequest(
              new Request(request.url, {
                method: 'POST',
                headers: request.headers,
                body: body.text,
              }),
              authInfo && { authInfo },
            )
          : await transport.handleRequest(request, {
              parsedBody: parsed,
              ...(authInfo && { authInfo }),
            });
      return whenFinished(response, close);
    } catch (error) {
      logger.error('MCP request failed', { error: error as Error });
      close();
      return jsonRpcError(
        500,
        ErrorCode.InternalError,
        'Internal error: something went wrong on our side; try again.',
      );
    }
  };
}
