/** The Kinesis client for local use and tests, and the streams the local stack needs, created when missing. */
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A client for kinesalite (never for AWS: production code gets its client from the Lambda environment).
 * The Kinesis client speaks HTTP/2 by default, which kinesalite does not (ERR_HTTP2_ERROR), hence HTTP/1.1.
 * kinesalite does not check signatures: the environment's credentials are used when set, dummies otherwise.
 */
export function kinesisClient(url: string): KinesisClient {
  const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
  const credentials =
    AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY
      ? {
          accessKeyId: AWS_ACCESS_KEY_ID,
          secretAccessKey: AWS_SECRET_ACCESS_KEY,
          ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
        }
      : { accessKeyId: 'local', secretAccessKey: 'local' };
  return new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials,
    requestHandler: new NodeHttpHandler(),
  });
}

const ACTIVE_TIMEOUT_MS = 10_000;
const ACTIVE_POLL_MS = 20;

async function streamStatus(client: KinesisClient, name: string): Promise<string | undefined> {
  try {
    const { StreamDescriptionSummary } = await client.send(
      new DescribeStreamSummaryCommand({ StreamName: name }),
    );
    return StreamDescriptionSummary?.StreamStatus;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function ensureStream(
  client: KinesisClient,
  name: string,
  shardCount: number,
): Promise<void> {
  // An existing stream keeps its shard count: resharding is a deliberate act, not a side effect of starting.
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const status = await streamStatus(client, name);
    if (status === 'ACTIVE') return;
    // Missing, or gone after DELETING: create it.
    if (status === undefined) {
      try {
        await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
      } catch (error) {
        // Another process of the local stack created it first: that is what we wanted.
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`Stream ${name} is ${status}, not ACTIVE, after ${ACTIVE_TIMEOUT_MS} ms`);
    await sleep(ACTIVE_POLL_MS);
  }
}

/** Creates the streams that do not exist yet and resolves once every one of them is ACTIVE. */
export async function ensureStreams(
  client: KinesisClient,
  names: readonly string[],
  shardCount = 1,
): Promise<void> {
  if (!Number.isInteger(shardCount) || shardCount < 1)
    throw new RangeError(`shardCount must be a positive integer, got ${shardCount}`);
  await Promise.all(names.map((name) => ensureStream(client, name, shardCount)));
}
