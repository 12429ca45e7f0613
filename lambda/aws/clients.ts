/**
 * AWS SDK v3 client construction: endpoints and region come only from the standard AWS_* variables.
 * The IoT data-plane client lives in its own module (iotDataClient.ts), so that the skill loads it
 * only when a question about a station first needs it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PollyClient } from '@aws-sdk/client-polly';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface ClientOptions {
  /** Upper bound for one attempt; the caller's per-call deadline bounds the retries too. */
  readonly timeoutMs: number;
}

/** A socket that hangs must not hold a Lambda past its answer: bound connect and response time. */
function boundedHttpHandler({ timeoutMs }: ClientOptions): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: Math.min(timeoutMs, 1000),
    requestTimeout: timeoutMs,
    // Without this the handler only logs a warning and keeps waiting.
    throwOnRequestTimeout: true,
  });
}

/**
 * Pulse gives the SDK no logger, but the SDK's logger middleware still copies every request and
 * response through its sensitive-data filter for the no-op one: 32 rollup items cost a cold skill
 * about 5 ms there. Pulse logs its calls itself (with their cause), so the middleware goes.
 */
export function withoutSdkLogging<C extends { middlewareStack: { remove(name: string): boolean } }>(
  client: C,
): C {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

/** What every Pulse client is configured with: the region, two attempts, bounded sockets. */
export function commonConfig(options: ClientOptions) {
  return {
    // Lambda always sets AWS_REGION; the fallback only serves a machine with no AWS config at all.
    region: process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: 2,
    requestHandler: boundedHttpHandler(options),
  };
}

export function dynamoDocumentClient(options: ClientOptions): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(withoutSdkLogging(new DynamoDBClient(commonConfig(options))), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function s3Client(options: ClientOptions): S3Client {
  return withoutSdkLogging(
    new S3Client({
      ...commonConfig(options),
      // Emulators behind an endpoint override (s3rver) serve buckets by path, not by host name.
      forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL),
    }),
  );
}

export function pollyClient(options: ClientOptions): PollyClient {
  // Polly throttles with ThrottlingException; the render pool retries with its own back-off.
  return withoutSdkLogging(new PollyClient({ ...commonConfig(options), maxAttempts: 1 }));
}

export function snsClient(options: ClientOptions): SNSClient {
  return withoutSdkLogging(new SNSClient(commonConfig(options)));
}

export function secretsManagerClient(options: ClientOptions): SecretsManagerClient {
  return new SecretsManagerClient(commonConfig(options));
}
