/** HTTP API route keys ('GET /posts/{postId}', 'ANY /files/{proxy+}', '$default') and API Gateway's choice among them. */
import { RouteError } from './errors';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY']);

type Segment = { literal: string } | { parameter: string };

export interface RoutePattern {
  routeKey: string;
  /** Undefined for `$default`, which takes any method and path. */
  method?: string;
  segments: Segment[];
  /** The name of a trailing `{name+}` variable, which takes one or more segments. */
  greedy?: string;
}

export function parseRouteKey(routeKey: string): RoutePattern {
  if (routeKey === '$default') return { routeKey, segments: [] };
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (match === null || !METHODS.has(match[1] ?? '')) {
    throw new RouteError(`Route key "${routeKey}" is not "<METHOD> /<path>" or "$default"`);
  }
  const [, method, path = '/'] = match;
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const segments: Segment[] = [];
  let greedy: string | undefined;
  parts.forEach((part, index) => {
    const variable = /^\{([A-Za-z0-9._-]+)(\+?)\}$/.exec(part);
    if (variable === null) {
      if (part.includes('{') || part.includes('}')) {
        throw new RouteError(`Route key "${routeKey}": a path variable must be a whole segment`);
      }
      segments.push({ literal: part });
    } else if (variable[2] === '+') {
      if (index !== parts.length - 1) {
        throw new RouteError(`Route key "${routeKey}": a greedy variable must be the last segment`);
      }
      greedy = variable[1];
    } else {
      segments.push({ parameter: variable[1] ?? '' });
    }
  });
  return { routeKey, method, segments, ...(greedy !== undefined && { greedy }) };
}

export interface RouteMatch<R> {
  route: R;
  /** Undefined when the route has no path variables (the event then has no pathParameters). */
  pathParameters?: Record<string, string>;
}

/** Path variables of `pattern` for the (decoded) path, or undefined when it does not match. */
function matchPath(pattern: RoutePattern, parts: string[]): Record<string, string> | undefined {
  const { segments, greedy } = pattern;
  if (greedy === undefined ? parts.length !== segments.length : parts.length <= segments.length) {
    return undefined;
  }
  const parameters: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? '';
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '') return undefined;
      parameters[segment.parameter] = part;
    }
  }
  if (greedy !== undefined) parameters[greedy] = parts.slice(segments.length).join('/');
  return parameters;
}

/**
 * Orders two matching routes as API Gateway prefers them: a route without a greedy variable before
 * one with, a literal segment before a variable at the first place they differ, a named method
 * before ANY, and `$default` last.
 */
function compareSpecificity(a: RoutePattern, b: RoutePattern): number {
  if ((a.method === undefined) !== (b.method === undefined)) return a.method === undefined ? 1 : -1;
  if ((a.greedy === undefined) !== (b.greedy === undefined)) return a.greedy === undefined ? -1 : 1;
  for (let index = 0; index < Math.min(a.segments.length, b.segments.length); index += 1) {
    const aLiteral = 'literal' in (a.segments[index] ?? {});
    const bLiteral = 'literal' in (b.segments[index] ?? {});
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  if (a.segments.length !== b.segments.length) return b.segments.length - a.segments.length;
  if ((a.method === 'ANY') !== (b.method === 'ANY')) return a.method === 'ANY' ? 1 : -1;
  return 0;
}

/** The route API Gateway would pick for this method and decoded path, or undefined (API Gateway's 404). */
export function selectRoute<R extends { pattern: RoutePattern }>(
  routes: readonly R[],
  method: string,
  path: string,
): RouteMatch<R> | undefined {
  const parts = path === '/' ? [] : path.slice(1).split('/');
  const candidates: { route: R; parameters: Record<string, string> }[] = [];
  for (const route of routes) {
    const { pattern } = route;
    if (pattern.method !== undefined && pattern.method !== 'ANY' && pattern.method !== method) {
      continue;
    }
    const parameters = pattern.method === undefined ? {} : matchPath(pattern, parts);
    if (parameters !== undefined) candidates.push({ route, parameters });
  }
  candidates.sort((a, b) => compareSpecificity(a.route.pattern, b.route.pattern));
  const best = candidates[0];
  if (best === undefined) return undefined;
  return {
    route: best.route,
    ...(Object.keys(best.parameters).length > 0 && { pathParameters: best.parameters }),
  };
}
