/**
 * The local MCP endpoint: /mcp on the base port, behind the posts API's bearer token, as the MCP
 * Lambda sits behind API Gateway's JWT authorizer in AWS. Here responses stream, so a tool can ask
 * the client to confirm (MCP elicitation); a request without the token gets 401 with the
 * WWW-Authenticate header MCP's authorization spec asks of a protected resource (RFC 9728).
 */
import { getRequestListener } from '@hono/node-server';
import { localhostHostValidation } from '@modelcontextprotocol/sdk/server/middleware/hostHeaderValidation.js';
import type { Express, Request as ExpressRequest } from 'express';
import { createPulseMcpEndpoint } from '../lambda/mcp';
import { MCP_PATH } from '../lambda/mcp/routes';
import { bearerChecker, LOCAL_CLAIMS, type BearerCheck } from './httpApi';

/** Where the endpoint's protected resource metadata is (RFC 9728: the well-known prefix before the path). */
export const PROTECTED_RESOURCE_PATH = `/.well-known/oauth-protected-resource${MCP_PATH}`;

const originOf = (request: ExpressRequest) => `http://${request.headers.host ?? 'localhost'}`;

/** `Bearer resource_metadata="…"`, with RFC 6750's error when a token was given but is not the one. */
function challenge(request: ExpressRequest, check: BearerCheck): string {
  const metadata = `resource_metadata="${originOf(request)}${PROTECTED_RESOURCE_PATH}"`;
  return check === 'invalid'
    ? `Bearer ${metadata}, error="invalid_token", error_description="the token is not this server's"`
    : `Bearer ${metadata}`;
}

/** Adds GET PROTECTED_RESOURCE_PATH and every method on /mcp to the base port's app. */
export function serveMcp(app: Express, { apiToken }: { apiToken: string }): void {
  const check = bearerChecker(apiToken);
  const endpoint = createPulseMcpEndpoint({ streaming: true });
  // DNS rebinding: a page on another site that resolves its name to 127.0.0.1 is turned away.
  const loopbackOnly = localhostHostValidation();

  app.get(PROTECTED_RESOURCE_PATH, loopbackOnly, (request, response) => {
    // The token is the stack's own (PULSE_API_TOKEN): there is no authorization server to name.
    response.json({
      resource: `${originOf(request)}${MCP_PATH}`,
      bearer_methods_supported: ['header'],
      resource_name: 'Pulse (local stack)',
    });
  });

  // Past the token check, every request carries the one local token and user.
  const authInfo = {
    token: apiToken,
    clientId: LOCAL_CLAIMS.iss!,
    scopes: [],
    extra: { claims: { ...LOCAL_CLAIMS } },
  };
  const listener = getRequestListener((webRequest) => endpoint(webRequest, authInfo), {
    // The rest of the stack keeps Node's own Request and Response.
    overrideGlobalObjects: false,
  });

  app.all(MCP_PATH, loopbackOnly, (request, response, next) => {
    const verdict = check(request.headers.authorization);
    if (verdict !== 'valid') {
      // Answered as API Gateway answers a request its authorizer refuses, with MCP's challenge.
      response
        .status(401)
        .set('www-authenticate', challenge(request, verdict))
        .json({ message: 'Unauthorized' });
      return;
    }
    listener(request, response).catch(next);
  });
}
