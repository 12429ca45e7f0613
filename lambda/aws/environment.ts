/** A function's settings, read from its environment (as Lambda sets it) through a zod schema, and checked. */
import * as z from 'zod/mini';
import '../../domain/zodMessages';
import { ConfigError } from './errors';

/**
 * Reads `env` through `schema`; settings that do not hold fail with one ConfigError naming every
 * problem, e.g. "invalid posts configuration: …", where `service` is "posts". The schema may be
 * built with `zod/mini` (the Lambdas) or classic zod (the local stack): they share one core.
 */
export function readEnvironment<S extends z.ZodMiniType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  service: string,
): z.output<S> {
  const parsed = z.safeParse(schema, env);
  if (!parsed.success) {
    throw new ConfigError(`invalid ${service} configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
