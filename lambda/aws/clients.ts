/** AWS SDK v3 client construction: endpoints and region come only from the standard AWS_* variables. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
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

function commonConfig(options: ClientOptions) {
  return {
    // Lambda always sets AWS_REGION; the fallback only serves a machine with no AWS config at all.
    region: process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: 2,
    requestHandler: boundedHttpHandler(options),
  };
}

export function dynamoDocumentClient(options: ClientOptions): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(commonConfig(options)), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function iotDataClient(options: ClientOptions): IoTDataPlaneClient {
  return new IoTDataPlaneClient(commonConfig(options));
}
