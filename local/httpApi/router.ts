/** A local API Gateway HTTP API: routes to Lambda handlers with payload format 2.0, a bearer-token stand-in for the JWT authorizer. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type {
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayProxyEventV2,
  APIGatewayProxyEventV2WithJWTAuthorizer,
  Context,
} from 'aws-lambda';
import { serveOnLoopback, type LoopbackService } from '../loopback';
import { bearerChecker, LOCAL_CLAIMS } from './bearer';
import { buildEvent, decodePath, lambdaContext, newRequestId } from './event';
import { gatewayReply, internalServerError, replyFromResult, type HttpReply } from './result';
import { parseRouteKey, selectRoute, type RoutePattern } from './routes';
import { RouteError } from './errors';
import { readBody } from '../requestBody';

interface RouteCommon {
  /** `GET /posts/{postId}`, `ANY /files/{path+}`, or `$default`. */
  routeKey: string;
  /** In the handler's context; derived from the route key by default. */
  functionName?: string;
}

/** A route behind the authorizer: its handler sees `requestContext.authorizer.jwt`. */
export interface AuthorizedRoute extends RouteCommon {
  authorize: true;
  handler: (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;
}

/** An open route: as in API Gateway, its event has no `requestContext.authorizer`. */
export interface OpenRoute extends RouteCommon {
  authorize?: false;
  handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
}

export type HttpApiRoute = AuthorizedRoute | OpenRoute;

export interface HttpApiOptions {
  routes: readonly HttpApiRoute[];
  /** The token `Authorization: Bearer <token>` must carry on authorized routes (PULSE_API_TOKEN). */
  bearerToken?: string;
  /** The JWT claims authorized handlers see; `{ sub: 'local-user', iss: 'pulse-local' }` by default. */
  claims?: Record<string, string>;
  /** `requestContext.authorizer.jwt.scopes`; null (the default) as when the route requires no scopes. */
  scopes?: string[] | null;
  /** `requestContext.apiId`; `local` by default. */
  apiId?: string;
  /** Left out of the event when not given, as for a stage without variables. */
  stageVariables?: Record<string, string>;
  /** API Gateway gives up on an integration after 30 s and answers 503. */
  integrationTimeoutMs?: number;
  /** What `context.getRemainingTimeInMillis()` counts down from; 3 s by default. Not enforced. */
  functionTimeoutMs?: number;
  /** Epoch milliseconds, for requestContext.time and timeEpoch. */
  now?: () => number;
  /**
   * Told what a handler threw (or what made its result unusable) before the client gets a 500,
   * as Lambda would log it; console.error by default.
   */
  onHandlerError?: (error: unknown, routeKey: string) => void;
}

export interface HttpApi {
  /**
   * Serves the request when a route matches it and resolves true once the response is sent;
   * resolves false, without reading the request or responding, when none does.
   */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

/** HTTP APIs refuse larger request bodies with 413. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: HttpApiRoute;
  pattern: RoutePattern;
  functionName: string;
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const chunk of request as AsyncIterable<Buffer>) void chunk;
}

function send(response: ServerResponse, reply: HttpReply, requestId: string): void {
  response.statusCode = reply.statusCode;
  const cookies = reply.headers.filter(([name]) => name === 'set-cookie').map(([, value]) => value);
  for (const [name, value] of reply.headers) {
    if (name !== 'set-cookie') response.setHeader(name, value);
  }
  if (cookies.length > 0) response.setHeader('set-cookie', cookies);
  response.setHeader('content-length', reply.body.length);
  response.setHeader('apigw-requestid', requestId);
  response.end(reply.body);
}

/** Settles with the handler's result, or with `timedOut` once API Gateway would have stopped waiting. */
async function withTimeout<T>(work: Promise<T>, ms: number, timedOut: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(timedOut), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createHttpApi(options: HttpApiOptions): HttpApi {
  const routes: CompiledRoute[] = options.routes.map((route) => ({
    route,
    pattern: parseRouteKey(route.routeKey),
    functionName:
      route.functionName ??
      (route.routeKey.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'default'),
  }));
  const duplicate = routes.find(
    (compiled, index) =>
      routes.findIndex((other) => other.route.routeKey === compiled.route.routeKey) !== index,
  );
  if (duplicate !== undefined)
    throw new RouteError(`Route key "${duplicate.route.routeKey}" is defined twice`);
  const authorizedWithoutToken = routes.find(
    ({ route }) => route.authorize === true && !options.bearerToken,
  );
  if (authorizedWithoutToken !== undefined) {
    throw new RouteError(
      `Route "${authorizedWithoutToken.route.routeKey}" requires authorization but no bearerToken was given`,
    );
  }
  const checkBearer = bearerChecker(options.bearerToken ?? '');
  const authorizer: APIGatewayEventRequestContextJWTAuthorizer = {
    jwt: {
      claims: options.claims ?? { ...LOCAL_CLAIMS },
      scopes: options.scopes ?? null,
    },
  };
  const now = options.now ?? Date.now;
  const integrationTimeoutMs = options.integrationTimeoutMs ?? 30_000;
  const functionTimeoutMs = options.functionTimeoutMs ?? 3_000;
  const onHandlerError =
    options.onHandlerError ??
    ((error: unknown, routeKey: string) => console.error(`Route "${routeKey}" failed:`, error));

  async function invoke(
    compiled: CompiledRoute,
    event: APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer,
  ): Promise<HttpReply> {
    const context = lambdaContext(compiled.functionName, functionTimeoutMs, now);
    const { route } = compiled;
    try {
      // The handler gets the event as Lambda would deliver it: parsed from JSON, shared with nobody.
      const delivered: unknown = JSON.parse(JSON.stringify(event));
      const work = Promise.resolve(
        route.authorize === true
          ? route.handler(delivered as APIGatewayProxyEventV2WithJWTAuthorizer, context)
          : route.handler(delivered as APIGatewayProxyEventV2, context),
      );
      const outcome = await withTimeout(
        work.then((result) => ({ result })),
        integrationTimeoutMs,
        undefined,
      );
      if (outcome === undefined) return gatewayReply(503, 'Service Unavailable');
      // The result travels as JSON too: what JSON drops (undefined fields, functions) never arrives.
      return replyFromResult(
        outcome.result === undefined ? undefined : JSON.parse(JSON.stringify(outcome.result)),
      );
    } catch (error) {
      // The client learns nothing about the failure, as from API Gateway; the developer does.
      onHandlerError(error, route.routeKey);
      return internalServerError();
    }
  }

  return {
    async handle(request, response) {
      const path = decodePath(request.url ?? '/');
      if (path === undefined) return false;
      const match = selectRoute(routes, request.method ?? 'GET', path);
      if (match === undefined) return false;
      const requestId = newRequestId();
      const { route } = match.route;

      if (route.authorize === true && checkBearer(request.headers.authorization) !== 'valid') {
        await drain(request);
        send(response, gatewayReply(401, 'Unauthorized'), requestId);
        return true;
      }
      const { bytes: body, tooLarge } = await readBody(
        request as AsyncIterable<Buffer>,
        MAX_BODY_BYTES,
      );
      if (tooLarge) {
        send(response, gatewayReply(413, 'Request Entity Too Large'), requestId);
        return true;
      }
      const event = buildEvent({
        request,
        path,
        routeKey: route.routeKey,
        ...(match.pathParameters !== undefined && { pathParameters: match.pathParameters }),
        body,
        requestId,
        epochMs: now(),
        apiId: options.apiId ?? 'local',
        ...(options.stageVariables !== undefined && { stageVariables: options.stageVariables }),
        ...(route.authorize === true && { authorizer }),
      });
      send(response, await invoke(match.route, event), requestId);
      return true;
    },
  };
}

export interface LocalHttpApi extends LoopbackService {
  readonly api: HttpApi;
}

/** Serves the API alone on the loopback interface; paths no route matches get API Gateway's 404. */
export async function startHttpApi(
  options: HttpApiOptions & { port?: number },
): Promise<LocalHttpApi> {
  const api = createHttpApi(options);
  const server = createServer((request, response) => {
    api
      .handle(request, response)
      .then(async (handled) => {
        if (handled) return;
        await drain(request);
        send(response, gatewayReply(404, 'Not Found'), newRequestId());
      })
      .catch((error: unknown) => {
        // Reading the request or writing the response failed: the connection is unusable.
        response.destroy(error instanceof Error ? error : new Error(String(error)));
      });
  });
  const service = await serveOnLoopback(server, options.port);
  return { ...service, api };
}
