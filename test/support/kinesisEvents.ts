/** Kinesis events as Lambda delivers them, for invoking the ingestion handlers directly. */
import type {
  Context,
  KinesisStreamEvent,
  KinesisStreamRecord,
  KinesisStreamTumblingWindowEvent,
} from 'aws-lambda';

let sequence = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;

export function kinesisRecord(
  data: unknown,
  options: { stream?: string; arrivalMs?: number; partitionKey?: string } = {},
): KinesisStreamRecord {
  sequence += 1n;
  const stream = options.stream ?? 'user-rollups';
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: options.partitionKey ?? 'key',
      sequenceNumber: sequence.toString(),
      data: Buffer.from(payload, 'utf8').toString('base64'),
      approximateArrivalTimestamp: (options.arrivalMs ?? Date.now()) / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequence.toString()}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::000000000000:role/pulse-ingest',
    awsRegion: 'us-east-1',
    eventSourceARN: `arn:aws:kinesis:us-east-1:000000000000:stream/${stream}`,
  };
}

export function kinesisEvent(records: KinesisStreamRecord[]): KinesisStreamEvent {
  return { Records: records };
}

export function windowEvent(
  records: KinesisStreamRecord[],
  window: { startMs: number; endMs: number },
  state: Record<string, unknown> | undefined,
  isFinalInvokeForWindow: boolean,
): KinesisStreamTumblingWindowEvent {
  return {
    Records: records,
    window: {
      start: new Date(window.startMs).toISOString(),
      end: new Date(window.endMs).toISOString(),
    },
    ...(state === undefined ? {} : { state }),
    shardId: 'shardId-000000000000',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/user-events',
    isFinalInvokeForWindow,
    isWindowTerminatedEarly: false,
  } as KinesisStreamTumblingWindowEvent;
}

export const lambdaContext = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'pulse-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:pulse-test',
  memoryLimitInMB: '256',
  awsRequestId: 'test-request',
  logGroupName: '/aws/lambda/pulse-test',
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;
