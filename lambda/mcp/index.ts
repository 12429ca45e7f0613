/** The MCP server's Lambda entry, behind the HTTP API's JWT authorizer at /mcp (payload format 2.0); loading it calls nothing. */
import { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { readReaderConfig, type ReaderConfig } from '../rollups/readerConfig';
import { authInfoOf, requestOf, resultOf } from './apiGateway';
import { createMcpEndpoint, type McpEndpoint } from './endpoint';
import { createPulseMcpServer, pulseTools } from './server';
import { createMcpServices, type McpServices } from './services';
import type { Tool } from './tools/define';

export { MCP_ROUTES } from './routes';
export type { McpEndpoint } from './endpoint';

export interface PulseMcpOptions {
  /** See McpEndpointOptions.streaming: true on the local stack, false behind API Gateway. */
  readonly streaming: boolean;
  readonly config?: ReaderConfig;
  readonly services?: McpServices;
}

/**
 * Pulse's MCP endpoint for one configuration. Settings and SDK clients are read and built at the
 * first request, so creating it calls nothing; a bad setting fails that request with a ConfigError.
 */
export function createPulseMcpEndpoint(options: PulseMcpOptions): McpEndpoint {
  const logger = new Logger({ serviceName: 'pulse-mcp' });
  let tools: readonly Tool[] | undefined;
  return createMcpEndpoint({
    streaming: options.streaming,
    logger,
    server(canAsk) {
      if (!tools) {
        const config = options.config ?? readReaderConfig(process.env, 'mcp');
        const services = options.services ?? createMcpServices(config, logger);
        tools = pulseTools({ ...services, config });
      }
      return createPulseMcpServer(tools, { canAsk, logger });
    },
  });
}

export type McpHandler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** The Lambda handler over an endpoint: API Gateway's event in, its result out; JSON answers, as API Gateway buffers them. */
export function createMcpHandler(endpoint: McpEndpoint): McpHandler {
  // (event, context): the async shape the Node runtimes require, though no tool needs the context.
  return async (event, _context) => {
    const authInfo = authInfoOf(event);
    // API Gateway's authorizer lets no request through without a valid token; refuse one anyway.
    if (!authInfo) {
      return {
        statusCode: 401,
        headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
        body: JSON.stringify({ message: 'Unauthorized' }),
      };
    }
    return resultOf(await endpoint(requestOf(event), authInfo));
  };
}

export const handler: McpHandler = createMcpHandler(createPulseMcpEndpoint({ streaming: false }));
