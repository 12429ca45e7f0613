/**
 * A function's settings, read from its environment (as Lambda sets it) through a schema, and
 * checked. Any Standard Schema will do: valibot's in the Lambdas, zod's in the local stack.
 */
import type { StandardSchemaV1 } from '@standard-schema/spec';
import * as v from 'valibot';
import { ConfigError } from './errors';

/** A variable holding a whole number from `min` to `max` (text in the environment). */
export function wholeNumberVariable(min: number, max: number = Number.MAX_SAFE_INTEGER) {
  return v.pipe(v.unknown(), v.toNumber(), v.safeInteger(), v.minValue(min), v.maxValue(max));
}

/** A variable that names something (a table, a bucket): set, it must not be empty. */
export function nameVariable() {
  return v.pipe(v.string(), v.minLength(1));
}

/** A variable that may be unset or blank (unset variables often arrive as ""): its trimmed text, or undefined. */
export function optionalTextVariable() {
  return v.pipe(
    v.optional(v.string()),
    v.transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim())),
  );
}

/** "✖ message\n  → at PATH" for each issue, as valibot's and zod's summaries write them. */
export function describeIssues(issues: readonly StandardSchemaV1.Issue[]): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? [])
        .map((segment) => String(typeof segment === 'object' ? segment.key : segment))
        .join('.');
      return path === '' ? `✖ ${issue.message}` : `✖ ${issue.message}\n  → at ${path}`;
    })
    .join('\n');
}

/**
 * Reads `env` through `schema`; settings that do not hold fail with one ConfigError naming every
 * problem, e.g. "invalid posts configuration: …", where `service` is "posts".
 */
export function readEnvironment<S extends StandardSchemaV1>(
  schema: S,
  env: NodeJS.ProcessEnv,
  service: string,
): StandardSchemaV1.InferOutput<S> {
  const result = schema['~standard'].validate(env);
  if (result instanceof Promise) {
    throw new ConfigError(`invalid ${service} configuration: its schema checks asynchronously`);
  }
  if (result.issues) {
    throw new ConfigError(`invalid ${service} configuration:\n${describeIssues(result.issues)}`);
  }
  return result.value as StandardSchemaV1.InferOutput<S>;
}
