/**
 * The posts API's routes: one definition for the AWS stack, the local stack and the tests' stack.
 * Every method on `/posts` and below reaches the handler, which routes within itself: it answers
 * 405 for a method a path does not serve and 404 for a path it does not know, as JSON errors like
 * all of its answers.
 */
export const POSTS_ROUTES = [
  { method: 'ANY', path: '/posts' },
  { method: 'ANY', path: '/posts/{proxy+}' },
] as const;

export type PostsRoute = (typeof POSTS_ROUTES)[number];

/** The HTTP API's route key of a route, e.g. `ANY /posts/{proxy+}`. */
export function routeKeyOf(route: PostsRoute): string {
  return `${route.method} ${route.path}`;
}
