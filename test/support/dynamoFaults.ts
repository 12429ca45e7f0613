/**
 * A proxy in front of dynalite that fails BatchWriteItem the ways DynamoDB does under load: a
 * whole call refused with ProvisionedThroughputExceededException, or chosen items handed back in
 * UnprocessedItems; other operations can be refused too, and every request can be delayed as a
 * network round trip would. It also counts what reached the table, so tests can see nothing is
 * written twice.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

type AttributeValue = Record<string, unknown>;
type WriteRequest = { PutRequest?: { Item: Record<string, AttributeValue> } };

export interface DynamoFaultProxy {
  readonly url: string;
  /** Refuse the next `calls` BatchWriteItem calls whole. */
  throttleNextCalls(calls: number): void;
  /** Refuse the next `calls` calls of another operation (PutItem, GetItem…) the same way. */
  throttleNext(operation: string, calls: number): void;
  /** Hand back, `times` times, each put whose item matches: as DynamoDB does when a partition is hot. */
  leaveUnprocessed(matches: (item: Record<string, AttributeValue>) => boolean, times: number): void;
  /** Puts that reached the table, by their key (as `table|pk|sk`). */
  readonly writes: Map<string, number>;
  /** Items in each BatchWriteItem call that reached the table. */
  readonly batchSizes: number[];
  close(): Promise<void>;
}

async function bodyOf(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function scalar(value: AttributeValue | undefined): string {
  return value ? String(Object.values(value)[0]) : '';
}

export async function startDynamoFaultProxy(
  targetUrl: string,
  keyAttributes: Readonly<Record<string, readonly [string, string]>>,
  options: {
    /** Added to every request, as a network round trip to DynamoDB would. */
    latencyMs?: number;
  } = {},
): Promise<DynamoFaultProxy> {
  const target = new URL(targetUrl);
  let throttled = 0;
  const throttledOperations = new Map<string, number>();
  const throttle = (outgoing: ServerResponse) => {
    const error = JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message: 'The level of configured provisioned throughput for the table was exceeded.',
    });
    outgoing.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' }).end(error);
  };
  const holds: { matches: (item: Record<string, AttributeValue>) => boolean; times: number }[] = [];
  const writes = new Map<string, number>();
  const batchSizes: number[] = [];

  function forward(
    incoming: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = {
        ...incoming.headers,
        host: target.host,
        'content-length': String(body.length),
      };
      const outgoing = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          path: incoming.url,
          method: incoming.method,
          headers,
        },
        (response) => {
          bodyOf(response)
            .then((buffer) =>
              resolve({
                status: response.statusCode ?? 500,
                headers: Object.fromEntries(
                  Object.entries(response.headers).flatMap(([k, v]) =>
                    typeof v === 'string' ? [[k, v]] : [],
                  ),
                ),
                body: buffer,
              }),
            )
            .catch(reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await bodyOf(incoming);
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const refusals = throttledOperations.get(operation) ?? 0;
      if (refusals > 0) {
        throttledOperations.set(operation, refusals - 1);
        throttle(outgoing);
        return;
      }
      const isBatchWrite = operation === 'BatchWriteItem';
      if (!isBatchWrite) {
        const answer = await forward(incoming, body);
        outgoing.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      }
      if (throttled > 0) {
        throttled -= 1;
        throttle(outgoing);
        return;
      }
      const call = JSON.parse(body.toString('utf8')) as {
        RequestItems: Record<string, WriteRequest[]>;
      };
      const heldBack: Record<string, WriteRequest[]> = {};
      const forwardedKeys: string[] = [];
      let size = 0;
      for (const [table, requests] of Object.entries(call.RequestItems)) {
        call.RequestItems[table] = requests.filter((request) => {
          const item = request.PutRequest?.Item;
          const hold = item && holds.find((h) => h.times > 0 && h.matches(item));
          if (hold) {
            hold.times -= 1;
            (heldBack[table] ??= []).push(request);
            return false;
          }
          if (item) {
            const [pk, sk] = keyAttributes[table] ?? ['', ''];
            forwardedKeys.push(`${table}|${scalar(item[pk])}|${scalar(item[sk])}`);
          }
          size += 1;
          return true;
        });
        if (call.RequestItems[table]!.length === 0) delete call.RequestItems[table];
      }
      batchSizes.push(size);
      let answer = { UnprocessedItems: {} as Record<string, WriteRequest[]> };
      if (size > 0) {
        const forwarded = await forward(incoming, Buffer.from(JSON.stringify(call)));
        if (forwarded.status !== 200) {
          outgoing.writeHead(forwarded.status, forwarded.headers).end(forwarded.body);
          return;
        }
        answer = JSON.parse(forwarded.body.toString('utf8')) as typeof answer;
        // Only a call the table accepted wrote anything (dynalite leaves none unprocessed).
        for (const key of forwardedKeys) writes.set(key, (writes.get(key) ?? 0) + 1);
      }
      for (const [table, requests] of Object.entries(heldBack)) {
        (answer.UnprocessedItems[table] ??= []).push(...requests);
      }
      outgoing
        .writeHead(200, { 'content-type': 'application/x-amz-json-1.0' })
        .end(JSON.stringify(answer));
    })().catch((error: unknown) => {
      outgoing.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    throttleNextCalls: (calls) => {
      throttled += calls;
    },
    throttleNext: (operation, calls) => {
      throttledOperations.set(operation, (throttledOperations.get(operation) ?? 0) + calls);
    },
    leaveUnprocessed: (matches, times) => {
      holds.push({ matches, times });
    },
    writes,
    batchSizes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
