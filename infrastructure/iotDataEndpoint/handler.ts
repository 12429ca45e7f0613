/**
 * The IoT data endpoint custom resource's code, inlined into the template (ZipFile, no asset): it
 * asks iot:DescribeEndpoint for the account's iot:Data-ATS address and answers CloudFormation.
 * It runs on the nodejs22.x runtime with the AWS SDK v3 that the runtime bundles, and imports
 * nothing else, so the whole file fits CloudFormation's 4096-character ZipFile limit.
 */
import type { IoTClient as IoTClientType } from '@aws-sdk/client-iot';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** One resource per stack; the same id in every answer, so an update is never a replacement. */
const PHYSICAL_ID = 'iot-data-ats-endpoint';
/** Time kept back from the function's own timeout to answer CloudFormation in any case. */
const ANSWER_MARGIN_MS = 5000;
const ANSWER_ATTEMPTS = 3;

type Outcome =
  | { Status: 'SUCCESS'; Reason: string; Data?: { Address: string } }
  | { Status: 'FAILED'; Reason: string };

async function describeDataEndpoint(): Promise<string> {
  // Loaded here, not at the top, so that even a runtime without the SDK gets a FAILED answer.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const iot = require('@aws-sdk/client-iot') as typeof import('@aws-sdk/client-iot');
  const client: IoTClientType = new iot.IoTClient({});
  const { endpointAddress } = await client.send(
    new iot.DescribeEndpointCommand({ endpointType: 'iot:Data-ATS' }),
  );
  if (!endpointAddress) throw new Error('DescribeEndpoint answered without an endpointAddress');
  return endpointAddress;
}

/** Rejects when `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), Math.max(ms, 0));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** PUT to the presigned response URL: an empty content type, as the URL was signed with none. */
function put(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = (url.startsWith('https:') ? httpsRequest : httpRequest)(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.setTimeout(10_000, () => request.destroy(new Error('response URL timed out')));
    request.on('error', reject);
    request.end(body);
  });
}

async function answer(event: CloudFormationCustomResourceEvent, outcome: Outcome): Promise<void> {
  const body = JSON.stringify({
    ...outcome,
    PhysicalResourceId: PHYSICAL_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  for (let attempt = 1; ; attempt += 1) {
    try {
      const status = await put(event.ResponseURL, body);
      if (status >= 200 && status < 300) return;
      throw new Error(`response URL answered HTTP ${status}`);
    } catch (error) {
      console.error(
        JSON.stringify({
          message: 'answering CloudFormation failed',
          attempt,
          error: String(error),
        }),
      );
      if (attempt >= ANSWER_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, attempt * 1000));
    }
  }
}

async function handler(
  event: CloudFormationCustomResourceEvent,
  context: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<void> {
  let outcome: Outcome;
  try {
    if (event.RequestType === 'Delete') {
      // Nothing was created: the endpoint belongs to the account, not to the stack.
      outcome = { Status: 'SUCCESS', Reason: 'nothing to delete' };
    } else {
      const address = await within(
        describeDataEndpoint(),
        context.getRemainingTimeInMillis() - ANSWER_MARGIN_MS,
      );
      outcome = { Status: 'SUCCESS', Reason: 'described', Data: { Address: address } };
    }
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(JSON.stringify({ message: 'iot:DescribeEndpoint failed', error: message }));
    outcome = {
      Status: 'FAILED',
      Reason: `iot:DescribeEndpoint failed: ${message}`.slice(0, 1000),
    };
  }
  await answer(event, outcome);
}

// `export =` keeps the inlined CommonJS free of esbuild's ES-module interop helpers.
export = { handler };
