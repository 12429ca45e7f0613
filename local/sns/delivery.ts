/** SNS to Lambda: the SNSEvent a subscribed function receives, and Lambda's asynchronous invocation with retries and an on-failure record. */
import { randomBytes, randomUUID } from 'node:crypto';
import { lambdaContext as sharedLambdaContext } from '../lambdaContext';
import type { Context, SNSEvent, SNSMessageAttributes } from 'aws-lambda';

export type SnsLambdaHandler = (event: SNSEvent, context: Context) => Promise<unknown>;

/** What Lambda sends to an asynchronous invocation's on-failure destination once its retries are used up. */
export interface DeadLetter {
  version: '1.0';
  timestamp: string;
  requestContext: {
    /** The invocation's request ID, the same for the first attempt and its retries. */
    requestId: string;
    /** The function with the version that ran, as Lambda writes it. */
    functionArn: string;
    condition: 'RetriesExhausted';
    approximateInvokeCount: number;
  };
  requestPayload: SNSEvent;
  responseContext: { statusCode: 200; executedVersion: '$LATEST'; functionError: 'Unhandled' };
  /** As the Node.js runtime reports an uncaught error. */
  responsePayload: { errorType: string; errorMessage: string; trace: string[] };
}

export type DeliveryStatus =
  /** An attempt is running. */
  | 'invoking'
  /** The last attempt threw; the next one waits for its delay. */
  | 'waiting-to-retry'
  | 'succeeded'
  /** Every attempt threw; a DeadLetter was recorded. */
  | 'dead-lettered'
  /** No handler is registered for the subscribed function ARN: SNS could not invoke it. */
  | 'no-function'
  /** The service was closed while a retry was waiting. */
  | 'cancelled';

/** One asynchronous invocation of one subscribed function for one published message. */
export interface DeliveryRecord {
  messageId: string;
  topicArn: string;
  subscriptionArn: string;
  functionArn: string;
  /** 1, or 2 for the extra copy that duplicate-delivery mode sends. */
  copy: 1 | 2;
  /** The Lambda request ID; Lambda keeps it for the retries of an invocation. */
  requestId: string;
  event: SNSEvent;
  status: DeliveryStatus;
  /** Calls of the handler so far. */
  attempts: number;
  /** What each failed attempt threw, in order. */
  errors: unknown[];
}

export interface PublishedMessage {
  messageId: string;
  topicArn: string;
  message: string;
  /** Absent when Publish had no Subject; the event then carries `Subject: null`, as SNS sends it. */
  subject: string | undefined;
  attributes: SNSMessageAttributes;
  timestamp: string;
}

/**
 * The record SNS puts in a Lambda event. The field names follow SNS's Lambda format
 * (`SigningCertUrl`, `UnsubscribeUrl`), not its HTTP format. The signature is not a real one:
 * nothing here can be verified against an SNS certificate.
 */
export function snsEvent(
  message: PublishedMessage,
  subscriptionArn: string,
  region: string,
  serviceUrl: string,
): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: message.messageId,
          TopicArn: message.topicArn,
          // SNS sends null here when the message had no subject; the aws-lambda types say string | undefined.
          Subject: message.subject ?? (null as unknown as undefined),
          Message: message.message,
          Timestamp: message.timestamp,
          SignatureVersion: '1',
          Signature: randomBytes(256).toString('base64'),
          SigningCertUrl: `https://sns.${region}.amazonaws.com/SimpleNotificationService-local.pem`,
          UnsubscribeUrl: `${serviceUrl}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: message.attributes,
        },
      },
    ],
  };
}

/** A Lambda context for one attempt; the deadline is reported, not enforced. */
export function lambdaContext(
  functionArn: string,
  requestId: string,
  timeoutMs: number,
  now: () => number,
): Context {
  return sharedLambdaContext({ functionArn, requestId, timeoutMs, now });
}

/** How the Node.js runtime describes an error a handler threw. */
function errorPayload(error: unknown): DeadLetter['responsePayload'] {
  if (error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

export interface LambdaInvokerOptions {
  /** Delay before each retry; its length is the number of retries (Lambda allows 0 to 2). */
  retryDelaysMs: readonly number[];
  /** What `context.getRemainingTimeInMillis()` counts down from. Not enforced. */
  functionTimeoutMs: number;
  now: () => number;
  handlerFor: (functionArn: string) => SnsLambdaHandler | undefined;
  onDeadLetter: (deadLetter: DeadLetter, record: DeliveryRecord) => void;
}

/** Runs asynchronous invocations, keeps their records, and knows when all of them have settled. */
export class LambdaInvoker {
  private readonly records: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Retries waiting for their delay, so close() can cancel them. */
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(private readonly options: LambdaInvokerOptions) {}

  /** Queues one asynchronous invocation; it starts after the caller's current work (Publish answers first). */
  invoke(delivery: Omit<DeliveryRecord, 'requestId' | 'status' | 'attempts' | 'errors'>): void {
    const record: DeliveryRecord = {
      ...delivery,
      requestId: randomUUID(),
      status: 'invoking',
      attempts: 0,
      errors: [],
    };
    this.records.push(record);
    const run = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(record));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  deliveries(): DeliveryRecord[] {
    return this.records.map((record) => ({ ...record, errors: [...record.errors] }));
  }

  /** Resolves once no invocation is running or waiting to retry, including those started meanwhile. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Cancels the retries that are waiting; attempts already running finish on their own. */
  close(): void {
    this.closed = true;
    for (const [timer, cancel] of this.waiting) {
      clearTimeout(timer);
      cancel();
    }
    this.waiting.clear();
  }

  private async run(record: DeliveryRecord): Promise<void> {
    const { retryDelaysMs, functionTimeoutMs, now, handlerFor } = this.options;
    for (;;) {
      if (this.closed) {
        record.status = 'cancelled';
        return;
      }
      const handler = handlerFor(record.functionArn);
      if (handler === undefined) {
        record.status = 'no-function';
        return;
      }
      record.attempts += 1;
      record.status = 'invoking';
      // Lambda hands every attempt the event as JSON, so a handler that mutates it changes nothing else.
      const event = JSON.parse(JSON.stringify(record.event)) as SNSEvent;
      try {
        await handler(
          event,
          lambdaContext(record.functionArn, record.requestId, functionTimeoutMs, now),
        );
        record.status = 'succeeded';
        return;
      } catch (error) {
        record.errors.push(error);
        const delay = retryDelaysMs[record.attempts - 1];
        if (delay === undefined) {
          record.status = 'dead-lettered';
          this.deadLetter(record, error);
          return;
        }
        record.status = 'waiting-to-retry';
        if (!(await this.wait(delay))) {
          record.status = 'cancelled';
          return;
        }
      }
    }
  }

  /** True after `ms`, false when close() cancelled the wait. */
  private wait(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer);
        resolve(true);
      }, ms);
      this.waiting.set(timer, () => resolve(false));
    });
  }

  private deadLetter(record: DeliveryRecord, error: unknown): void {
    const qualified = /:function:[^:]+$/.test(record.functionArn)
      ? `${record.functionArn}:$LATEST`
      : record.functionArn;
    const deadLetter: DeadLetter = {
      version: '1.0',
      timestamp: new Date(this.options.now()).toISOString(),
      requestContext: {
        requestId: record.requestId,
        functionArn: qualified,
        condition: 'RetriesExhausted',
        approximateInvokeCount: record.attempts,
      },
      requestPayload: record.event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: errorPayload(error),
    };
    this.options.onDeadLetter(deadLetter, record);
  }
}
