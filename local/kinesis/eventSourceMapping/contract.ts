/** The Lambda side of a Kinesis event source mapping: event and context shapes, tumbling window maths, reading responses. */
import type { _Record } from '@aws-sdk/client-kinesis';
import type {
  Context,
  KinesisStreamEvent,
  KinesisStreamRecord,
  KinesisStreamTumblingWindowEvent,
} from 'aws-lambda';
import { functionArn, lambdaContext, LOCAL_ACCOUNT_ID } from '../../lambdaContext';
import { IncompleteRecordError, InvocationError } from './errors';

/** kinesalite's account (its default '0000-0000-0000' with the dashes removed), used in every ARN. */
export { LOCAL_ACCOUNT_ID };

/** AWS terminates a tumbling window early when its state exceeds 1 MB per shard. */
export const MAX_WINDOW_STATE_BYTES = 1024 * 1024;

/** The state of a tumbling window: whatever JSON object the handler returned, as it survives serialisation. */
export type WindowState = Record<string, unknown>;

/**
 * The tumbling window event as Lambda sends it. @types/aws-lambda leaves out `shardId` and
 * `eventSourceARN`, which the AWS documentation's example event carries, and makes `state` optional.
 */
export interface KinesisTumblingWindowEvent extends KinesisStreamTumblingWindowEvent {
  state: WindowState;
  shardId: string;
  eventSourceARN: string;
}

export type KinesisEventHandler = (event: KinesisStreamEvent, context: Context) => Promise<unknown>;
export type KinesisTumblingWindowHandler = (
  event: KinesisTumblingWindowEvent,
  context: Context,
) => Promise<unknown>;

export function streamArn(region: string, streamName: string): string {
  return `arn:aws:kinesis:${region}:${LOCAL_ACCOUNT_ID}:stream/${streamName}`;
}

export interface RecordSource {
  shardId: string;
  region: string;
  eventSourceArn: string;
  invokeIdentityArn: string;
}

/** One Kinesis record as it appears in `Records` of the Lambda event. */
export function toLambdaRecord(record: _Record, source: RecordSource): KinesisStreamRecord {
  const { SequenceNumber, Data, PartitionKey, ApproximateArrivalTimestamp } = record;
  if (
    SequenceNumber === undefined ||
    Data === undefined ||
    PartitionKey === undefined ||
    ApproximateArrivalTimestamp === undefined
  )
    throw new IncompleteRecordError(
      `GetRecords returned an incomplete record on ${source.shardId}`,
    );
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: PartitionKey,
      sequenceNumber: SequenceNumber,
      data: Buffer.from(Data).toString('base64'),
      // Epoch seconds with milliseconds as a fraction, as Lambda sends them.
      approximateArrivalTimestamp: ApproximateArrivalTimestamp.getTime() / 1000,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `${source.shardId}:${SequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: source.invokeIdentityArn,
    awsRegion: source.region,
    eventSourceARN: source.eventSourceArn,
  };
}

/**
 * The window a record belongs to. Lambda places windows by the records' approximate arrival
 * timestamps, and windows are aligned on the epoch (a 120 s window runs 07:04:00 to 07:06:00).
 */
export function windowStartMs(arrivalMs: number, windowSeconds: number): number {
  const size = windowSeconds * 1000;
  return Math.floor(arrivalMs / size) * size;
}

/** `2020-12-09T07:04:00Z`: whole seconds without milliseconds, as in Lambda's window events. */
export function windowBoundary(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** What an invocation means for the batch, after AWS's rules for partial batch responses. */
export type BatchOutcome =
  | { kind: 'success'; state?: undefined }
  /** Records before `firstFailedIndex` are done; processing restarts at that record. */
  | { kind: 'partial'; firstFailedIndex: number; state?: undefined }
  | { kind: 'failure'; error: Error };

export type WindowOutcome =
  | { kind: 'success'; state: WindowState }
  | { kind: 'partial'; firstFailedIndex: number; state: WindowState }
  | { kind: 'failure'; error: Error };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `batchItemFailures` as Lambda does with ReportBatchItemFailures: absent, null or empty
 * means success; an identifier that is empty, null, not a string or not a sequence number of the
 * batch makes the whole batch fail; otherwise the lowest failed sequence number is the checkpoint.
 */
export function readBatchResponse(
  response: unknown,
  sequenceNumbers: readonly string[],
): BatchOutcome {
  if (!isObject(response)) return { kind: 'success' };
  const failures = response.batchItemFailures;
  if (failures === undefined || failures === null) return { kind: 'success' };
  if (!Array.isArray(failures))
    return { kind: 'failure', error: new InvocationError('batchItemFailures is not an array') };
  if (failures.length === 0) return { kind: 'success' };
  let firstFailedIndex = Number.POSITIVE_INFINITY;
  for (const failure of failures as unknown[]) {
    const identifier = isObject(failure) ? failure.itemIdentifier : undefined;
    const index = typeof identifier === 'string' ? sequenceNumbers.indexOf(identifier) : -1;
    if (identifier === '' || index < 0)
      return {
        kind: 'failure',
        error: new InvocationError(
          `batchItemFailures names ${JSON.stringify(identifier) ?? 'nothing'}, not a sequence number of the batch: the whole batch failed`,
        ),
      };
    firstFailedIndex = Math.min(firstFailedIndex, index);
  }
  return { kind: 'partial', firstFailedIndex };
}

/** A tumbling window response must carry `state` (else Lambda counts a failed invocation) next to the batch failures. */
export function readWindowResponse(
  response: unknown,
  sequenceNumbers: readonly string[],
): WindowOutcome {
  if (!isObject(response) || !isObject(response.state))
    return {
      kind: 'failure',
      error: new InvocationError('A tumbling window response must contain a state object'),
    };
  let state: WindowState;
  try {
    // Lambda passes state as JSON: what does not survive serialisation does not reach the next invoke.
    state = JSON.parse(JSON.stringify(response.state)) as WindowState;
  } catch (error) {
    return {
      kind: 'failure',
      error: new InvocationError('The tumbling window state is not serialisable to JSON', {
        cause: error,
      }),
    };
  }
  const batch = readBatchResponse(response, sequenceNumbers);
  return batch.kind === 'failure' ? batch : { ...batch, state };
}

export function stateBytes(state: WindowState): number {
  return Buffer.byteLength(JSON.stringify(state));
}

/** Backoff between retries of a failing batch: 100 ms doubling up to 5 s, so a poison batch cannot spin. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(100 * 2 ** Math.max(0, failedAttempts - 1), 5_000);
}

export interface ContextOptions {
  functionName: string;
  region: string;
  timeoutMs: number;
  now?: () => number;
}

/** A Lambda context for one invocation; the deadline is reported, not enforced. */
export function createContext(options: ContextOptions): Context {
  const { functionName, region, timeoutMs, now } = options;
  return lambdaContext({
    functionArn: functionArn(functionName, region),
    timeoutMs,
    ...(now && { now }),
  });
}
