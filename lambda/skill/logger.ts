/** The skill's structured logger (Powertools): JSON lines with the cause, never in the user's ear. */
import type { Logger } from '@aws-lambda-powertools/logger';

type PowertoolsLogger = typeof import('@aws-lambda-powertools/logger');

let powertools: Logger | undefined;

/**
 * Powertools' logger, loaded and made on the first line logged: its module costs a cold start
 * about 5 ms, and most requests, the first included, log nothing.
 */
function made(): Logger {
  if (!powertools) {
    // A require here, not an import above: the bundle evaluates the package only when this runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Logger } = require('@aws-lambda-powertools/logger') as PowertoolsLogger;
    powertools = new Logger({ serviceName: 'pulse-skill' });
  }
  return powertools;
}

/** A line and the structured attributes that go with it (the cause, the request's type…). */
type Log = (message: string, attributes?: Record<string, unknown>) => void;

export const logger: { readonly info: Log; readonly warn: Log; readonly error: Log } = {
  info: (message, attributes = {}) => made().info(message, attributes),
  warn: (message, attributes = {}) => made().warn(message, attributes),
  error: (message, attributes = {}) => made().error(message, attributes),
};
