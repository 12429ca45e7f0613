/** A function's settings, read from its environment (as Lambda sets it) through a zod schema, and checked. */
import { z } from 'zod';
import { ConfigError } from './errors';

/**
 * Reads `env` through `schema`; settings that do not hold fail with one ConfigError naming every
 * problem, e.g. "invalid posts configuration: …", where `service` is "posts".
 */
export function readEnvironment<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv,
  service: string,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`invalid ${service} configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
