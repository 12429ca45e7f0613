/** What the local emulators share about Lambda: the account id, function ARNs, an invocation's context. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { UnsupportedLocallyError } from './errors';

/** The account every local resource belongs to. */
export const LOCAL_ACCOUNT_ID = '000000000000';

export function functionArn(functionName: string, region = 'us-east-1'): string {
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

const FUNCTION_ARN_PARTS = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)/;

function unsupported(name: string): never {
  throw new UnsupportedLocallyError(
    `context.${name} is not supported locally: return a promise from the handler`,
  );
}

export interface LambdaContextOptions {
  readonly functionArn: string;
  /** One per invocation; a retry of the same event keeps it, as Lambda does. */
  readonly requestId?: string;
  readonly timeoutMs: number;
  readonly now?: () => number;
}

/** A Lambda context for one invocation; the deadline is reported, not enforced. */
export function lambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const functionName = FUNCTION_ARN_PARTS.exec(options.functionArn)?.[1] ?? 'function';
  const deadline = now() + options.timeoutMs;
  const day = new Date(now()).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: options.functionArn,
    memoryLimitInMB: '128',
    awsRequestId: options.requestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => unsupported('done'),
    fail: () => unsupported('fail'),
    succeed: () => unsupported('succeed'),
  };
}
