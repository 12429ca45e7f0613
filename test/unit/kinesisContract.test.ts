/** The Lambda side of the local Kinesis event source mapping: event shapes, windows, partial batch responses. */
import {
  createContext,
  readBatchResponse,
  readWindowResponse,
  retryDelayMs,
  streamArn,
  toLambdaRecord,
  windowBoundary,
  windowStartMs,
} from '../../local/kinesis/eventSourceMapping/contract';

const BATCH = ['101', '102', '103'];

describe('readBatchResponse (ReportBatchItemFailures)', () => {
  it.each([undefined, null, 'ok', 42, {}, { batchItemFailures: null }, { batchItemFailures: [] }])(
    'counts %p as complete success',
    (response) => {
      expect(readBatchResponse(response, BATCH)).toEqual({ kind: 'success' });
    },
  );

  it('checkpoints before the lowest failed sequence number, whatever the order of the list', () => {
    expect(
      readBatchResponse(
        { batchItemFailures: [{ itemIdentifier: '103' }, { itemIdentifier: '102' }] },
        BATCH,
      ),
    ).toEqual({ kind: 'partial', firstFailedIndex: 1 });
  });

  it.each([
    ['an empty identifier', [{ itemIdentifier: '' }]],
    ['a null identifier', [{ itemIdentifier: null }]],
    ['a misspelt key', [{ itemId: '102' }]],
    ['an identifier outside the batch', [{ itemIdentifier: '999' }]],
    ['a number instead of a string', [{ itemIdentifier: 102 }]],
    ['a good and a bad identifier', [{ itemIdentifier: '102' }, { itemIdentifier: '' }]],
  ])('counts %s as failure of the whole batch', (_name, batchItemFailures) => {
    expect(readBatchResponse({ batchItemFailures }, BATCH)).toMatchObject({ kind: 'failure' });
  });

  it('counts a batchItemFailures that is not a list as failure', () => {
    expect(readBatchResponse({ batchItemFailures: '102' }, BATCH)).toMatchObject({
      kind: 'failure',
    });
  });
});

describe('readWindowResponse', () => {
  it('requires a state object', () => {
    for (const response of [undefined, {}, { state: null }, { state: [1] }, { state: 'x' }])
      expect(readWindowResponse(response, BATCH)).toMatchObject({ kind: 'failure' });
  });

  it('keeps the state as JSON would carry it, with the batch item failures', () => {
    const state = { at: new Date(0), gone: undefined, n: 1 };
    expect(
      readWindowResponse({ state, batchItemFailures: [{ itemIdentifier: '102' }] }, BATCH),
    ).toEqual({
      kind: 'partial',
      firstFailedIndex: 1,
      state: { at: '1970-01-01T00:00:00.000Z', n: 1 },
    });
    expect(readWindowResponse({ state: {} }, BATCH)).toEqual({ kind: 'success', state: {} });
  });

  it('fails on a state JSON cannot carry, and on bad batch item failures', () => {
    expect(readWindowResponse({ state: { n: 1n } }, BATCH)).toMatchObject({ kind: 'failure' });
    expect(
      readWindowResponse({ state: {}, batchItemFailures: [{ itemIdentifier: '' }] }, BATCH),
    ).toMatchObject({ kind: 'failure' });
  });
});

describe('tumbling windows', () => {
  it('places a record by its arrival time in windows aligned on the epoch', () => {
    const at = Date.UTC(2020, 11, 9, 7, 5, 17, 250);
    expect(windowStartMs(at, 120)).toBe(Date.UTC(2020, 11, 9, 7, 4, 0));
    expect(windowStartMs(at, 1)).toBe(Date.UTC(2020, 11, 9, 7, 5, 17));
    expect(windowStartMs(Date.UTC(2020, 11, 9, 7, 6, 0), 120)).toBe(Date.UTC(2020, 11, 9, 7, 6, 0));
  });

  it('writes boundaries as Lambda does, in whole seconds', () => {
    expect(windowBoundary(Date.UTC(2020, 11, 9, 7, 4, 0))).toBe('2020-12-09T07:04:00Z');
  });
});

describe('event and context', () => {
  it('builds a record of the Lambda event from a GetRecords record', () => {
    expect(
      toLambdaRecord(
        {
          SequenceNumber: '49590338271490256608559692538361571095921575989136588898',
          Data: Buffer.from('Hello, this is a test.'),
          PartitionKey: '1',
          ApproximateArrivalTimestamp: new Date(1545084650987),
        },
        {
          shardId: 'shardId-000000000006',
          region: 'us-east-2',
          eventSourceArn: streamArn('us-east-2', 'lambda-stream'),
          invokeIdentityArn: 'arn:aws:iam::000000000000:role/lambda-role',
        },
      ),
    ).toEqual({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: '1',
        sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
        data: 'SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==',
        approximateArrivalTimestamp: 1545084650.987,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::000000000000:role/lambda-role',
      awsRegion: 'us-east-2',
      eventSourceARN: 'arn:aws:kinesis:us-east-2:000000000000:stream/lambda-stream',
    });
  });

  it('gives each invocation a context with its own request ID and a deadline counting down', () => {
    let now = 1_000_000;
    const context = createContext({
      functionName: 'aggregate',
      region: 'us-east-1',
      timeoutMs: 3000,
      now: () => now,
    });
    expect(context.invokedFunctionArn).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:aggregate',
    );
    expect(context.awsRequestId).not.toBe(
      createContext({ functionName: 'aggregate', region: 'us-east-1', timeoutMs: 1 }).awsRequestId,
    );
    expect(context.getRemainingTimeInMillis()).toBe(3000);
    now += 2500;
    expect(context.getRemainingTimeInMillis()).toBe(500);
    now += 1000;
    expect(context.getRemainingTimeInMillis()).toBe(0);
    expect(() => context.succeed('x')).toThrow(/return a promise/);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 100 ms and stops at 5 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMs)).toEqual([
      100, 200, 400, 800, 1600, 3200, 5000, 5000,
    ]);
  });
});
