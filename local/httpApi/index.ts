/** Public API of the local HTTP API: payload format 2.0 events for Lambda handlers, behind a bearer-token authorizer. */
export {
  createHttpApi,
  startHttpApi,
  MAX_BODY_BYTES,
  type AuthorizedRoute,
  type HttpApi,
  type HttpApiOptions,
  type HttpApiRoute,
  type LocalHttpApi,
  type OpenRoute,
} from './router';
export { isTextContentType } from './event';
export { bearerChecker, LOCAL_CLAIMS, type BearerCheck } from './bearer';
export { RouteError } from './errors';
