/** What a tool answers: structured content with a short text, or a tool error (isError) whose text says what went wrong and what to do. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { DependencyError, type Dependency, type DependencyFailure } from '../aws/errors';
import { DisallowedChangeError, MalformedShadowError } from '../devices/errors';
import { AnnounceFailedError, InvalidCursorError, PostRejected } from '../posts/errors';
import { ToolInputError } from './errors';

/** A tool's answer before it goes on the wire: the structured content its output schema describes, and a line or two of text. */
export interface ToolAnswer<T> {
  readonly structured: T;
  readonly text: string;
}

export function toolResult<T extends Record<string, unknown>>(
  answer: ToolAnswer<T>,
): CallToolResult {
  return { structuredContent: answer.structured, content: [{ type: 'text', text: answer.text }] };
}

export function toolError(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

const SERVICE: Readonly<Record<Dependency, string>> = {
  dynamodb: "DynamoDB (Pulse's data store)",
  'iot-data': "AWS IoT (the stations' device shadows)",
  sns: 'Amazon SNS (the posts topic)',
  secretsmanager: 'AWS Secrets Manager',
};

const HOW: Readonly<Record<DependencyFailure, string>> = {
  timeout: 'did not answer in time',
  unavailable: 'is unavailable',
  rejected: 'refused the call',
};

/** The text of a tool error for a failure the caller can act on; undefined for a fault of Pulse's own. */
export function explain(error: unknown): string | undefined {
  if (
    error instanceof ToolInputError ||
    error instanceof DisallowedChangeError ||
    error instanceof InvalidCursorError
  ) {
    return error.message;
  }
  if (error instanceof PostRejected) return `${error.code}: ${error.message}`;
  if (error instanceof AnnounceFailedError) {
    return `${error.message}: it is marked FAILED (AnnounceFailed). Create it again.`;
  }
  if (error instanceof DependencyError) {
    const said = `${SERVICE[error.dependency]} ${HOW[error.failure]} (${error.operation}).`;
    // A write that timed out may still have been applied: say so rather than invite a blind retry.
    return error.operation === 'UpdateThingShadow' && error.failure !== 'rejected'
      ? `${said} The change may have reached the station's shadow anyway: check station_status before asking again.`
      : `${said} Try again in a moment.`;
  }
  if (error instanceof MalformedShadowError) {
    return `The device shadow of station ${error.stationId} is not a shadow document Pulse can read.`;
  }
  return undefined;
}

/**
 * Runs one tool call. Whatever it throws becomes a tool error, never a failed request: a known
 * failure in words the caller can act on, anything else logged with its cause and said in one line.
 */
export async function answering(
  logger: Pick<Logger, 'error' | 'warn'>,
  tool: string,
  run: () => Promise<CallToolResult>,
): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    const known = explain(error);
    if (error instanceof DependencyError) logger.warn('a dependency failed', { tool, error });
    if (known !== undefined) return toolError(known);
    logger.error('tool failed', { tool, error: error as Error });
    return toolError(`Something went wrong on Pulse's side while running ${tool}; try again.`);
  }
}
