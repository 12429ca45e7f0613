/**
 * Where the local SNS's dead letters go: kept (on disk, with a journal) until a consumer has
 * taken them, in batches of up to ten, retried with back-off while it fails. The local stack's
 * consumer is the render dead-letter reader, as an SQS trigger on the dead-letter queue is in AWS.
 */
import type { SQSEvent } from 'aws-lambda';
import { createHash } from 'node:crypto';
import type { DeadLetter } from './delivery';
import type { DeliveryJournal } from './journal';
import { LOCAL_ACCOUNT_ID } from './store';

export type DeadLetterConsumer = (letters: readonly DeadLetter[]) => Promise<void>;

/** SQS hands a Lambda at most ten messages per batch by default. */
const BATCH_SIZE = 10;
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

export class DeadLetterOutbox {
  private readonly pending: DeadLetter[];
  private consumer: DeadLetterConsumer | undefined;
  private pumping: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private closed = false;
  private attempted: (() => void)[] = [];
  /** The last error of the consumer, while it keeps failing. */
  lastError: unknown;

  constructor(private readonly journal: DeliveryJournal | undefined) {
    this.pending = journal?.pendingDeadLetters() ?? [];
  }

  add(letter: DeadLetter): void {
    this.pending.push(letter);
    this.pump();
  }

  setConsumer(consumer: DeadLetterConsumer): void {
    this.consumer = consumer;
    this.pump();
  }

  /** Dead letters the consumer has not taken yet. */
  waiting(): DeadLetter[] {
    return [...this.pending];
  }

  /**
   * Resolves once the consumer has taken every dead letter, at once without a consumer, or when
   * the consumer fails (it is retried later; waiting on it could take forever).
   */
  async drain(): Promise<void> {
    while (this.pumping && this.lastError === undefined) {
      await new Promise<void>((resolve) => this.attempted.push(resolve));
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.wake?.();
  }

  private pump(): void {
    if (this.pumping || !this.consumer || this.closed) return;
    this.pumping = this.run().finally(() => {
      this.pumping = undefined;
      this.notify();
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.pending.length > 0 && this.consumer && !this.closed) {
      const batch = this.pending.slice(0, BATCH_SIZE);
      try {
        await this.consumer(batch);
        failures = 0;
        this.lastError = undefined;
        for (const letter of batch) this.journal?.removeDeadLetter(letter.requestContext.requestId);
        this.pending.splice(0, batch.length);
      } catch (error) {
        failures += 1;
        this.lastError = error;
        this.notify();
        await this.sleep(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (failures - 1)));
        continue;
      }
      this.notify();
    }
  }

  private notify(): void {
    const waiting = this.attempted;
    this.attempted = [];
    for (const resolve of waiting) resolve();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }
}

/**
 * Dead letters as the render dead-letter queue's SQS trigger hands them to its Lambda: Lambda's
 * dead-letter message of an asynchronous invocation (the event as the body; RequestID, ErrorCode
 * and ErrorMessage, truncated to 1 KB, as message attributes).
 */
export function deadLetterQueueEvent(
  letters: readonly DeadLetter[],
  queueArn: string,
  now = Date.now(),
): SQSEvent {
  const attribute = (dataType: string, stringValue: string) => ({
    dataType,
    stringValue,
    stringListValues: [],
    binaryListValues: [],
  });
  return {
    Records: letters.map((letter) => {
      const body = JSON.stringify(letter.requestPayload);
      return {
        messageId: letter.requestContext.requestId,
        receiptHandle: Buffer.from(`${letter.requestContext.requestId}:${now}`).toString('base64'),
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.parse(letter.timestamp)),
          SenderId: LOCAL_ACCOUNT_ID,
          ApproximateFirstReceiveTimestamp: String(now),
        },
        messageAttributes: {
          RequestID: attribute('String', letter.requestContext.requestId),
          ErrorCode: attribute('Number', String(letter.responseContext.statusCode)),
          ErrorMessage: attribute(
            'String',
            Buffer.from(letter.responsePayload.errorMessage).subarray(0, 1024).toString('utf8'),
          ),
        },
        md5OfBody: createHash('md5').update(body).digest('hex'),
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: queueArn.split(':')[3] ?? 'us-east-1',
      };
    }),
  };
}
