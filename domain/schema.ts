/**
 * What the Lambdas' schemas (valibot) keep saying the way zod does: numbers that are finite and
 * integers that are safe, and issues summed up with their paths.
 */
import * as v from 'valibot';

/** A finite number (valibot's number() also takes Infinity; zod's, and JSON, do not). */
export const finiteNumber = () => v.pipe(v.number(), v.finite());

/** A whole number within ±2⁵³, as zod's int() takes. */
export const wholeNumber = () => v.pipe(v.number(), v.safeInteger());

/** Every issue with its path: "× message\n  → at path". */
export function summary(issues: readonly v.BaseIssue<unknown>[]): string {
  return v.summarize(issues as [v.BaseIssue<unknown>, ...v.BaseIssue<unknown>[]]);
}
