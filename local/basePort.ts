/** The local stack's base port: the skill endpoint (POST /alexa), the posts API, the MCP server (/mcp), GET /health, the simulator page and its notifications. */
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Context } from 'aws-lambda';
import express from 'express';
import { createServer } from 'node:http';
import { handler as postsApiHandler } from '../lambda/posts/apiHandler';
import { POSTS_ROUTES, routeKeyOf } from '../lambda/posts/routes';
import { handler as skillHandler } from '../lambda/skill';
import type { EmulatorEndpoints } from './environment';
import type { RecordedNotification } from './alexaApis';
import { createHttpApi } from './httpApi';
import { serveOnLoopback, type LoopbackService } from './loopback';
import { serveMcp } from './mcp';
import { createSimulator } from './simulator';
import type { EchoIdentity, SimulatedEcho } from './voiceDevice';

export interface BasePortOptions {
  readonly port: number;
  /** What GET /health reports: the AWS emulators, and the Alexa APIs. */
  readonly endpoints: EmulatorEndpoints & { readonly alexa: string };
  /** The events the local Proactive Events API accepted, for GET /simulator/notifications. */
  readonly notifications: () => readonly RecordedNotification[];
  /** The posts API's bearer token, handed to the simulator page for its form too. */
  readonly apiToken: string;
  /** Verify Alexa's request signatures and timestamps at POST /alexa. */
  readonly verifySignature: boolean;
  /** The simulated Echo's Alexa user and device (default: stable ids of the local skill). */
  readonly alexaIdentity?: Partial<EchoIdentity>;
}

export interface BasePort extends LoopbackService {
  /** The simulated Echo behind the simulator page and POST /simulator/say. */
  readonly echo: SimulatedEcho;
}

export async function startBasePort(options: BasePortOptions): Promise<BasePort> {
  const { endpoints, apiToken, verifySignature: verify } = options;
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', endpoints });
  });
  // What Alexa would chime for: every proactive event accepted, oldest first, the body as sent.
  app.get('/simulator/notifications', (_request, response) => {
    response.json({ items: options.notifications() });
  });
  // The adapter wants an ask-sdk Skill; the Lambda handler (envelope check, lazy build) stands in.
  const skill = {
    invoke: (envelope: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> =>
      skillHandler(envelope, context as Context | undefined),
    appendAdditionalUserAgent: (): void => undefined,
  };
  app.post('/alexa', new ExpressAdapter(skill as never, verify, verify).getRequestHandlers());
  const postsApi = createHttpApi({
    bearerToken: apiToken,
    routes: POSTS_ROUTES.map((route) => ({
      routeKey: routeKeyOf(route),
      handler: postsApiHandler,
      authorize: true,
    })),
  });
  // The MCP server at /mcp, behind the same token as the posts API.
  serveMcp(app, { apiToken });
  const simulator = createSimulator({
    apiToken,
    ...(options.alexaIdentity ? { identity: options.alexaIdentity } : {}),
  });
  app.use(simulator.router);
  app.use((request, response, next) => {
    postsApi
      .handle(request, response)
      .then((handled) => (handled ? undefined : next()))
      .catch(next);
  });
  const web = await serveOnLoopback(createServer(app), options.port);
  return {
    ...web,
    echo: simulator.echo,
    async close() {
      await web.close();
      simulator.close();
    },
  };
}
