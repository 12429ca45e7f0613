/** SNS to Lambda: the SNSEvent a subscribed function receives, and Lambda's asynchronous invocation with retries and an on-failure record. */
import { randomBytes, randomUUID } from 'node:crypto';
import { lambdaContext as sharedLambdaContext } from '../lambdaContext';
import type { Context, SNSEvent, SNSMessageAttributes } from 'aws-lambda';
import type { DeliveryJournal, JournaledDelivery } from './journal';
import { InterruptedAttemptError } from './errors';

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
  /** The service was closed while a retry was waiting; it is taken up again at the next start. */
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
  functionTimeoutMs: (functionArn: string) => number;
  now: () => number;
  handlerFor: (functionArn: string) => SnsLambdaHandler | undefined;
  onDeadLetter: (deadLetter: DeadLetter, record: DeliveryRecord) => void;
  /** Where deliveries are kept until they settle; without it they live in memory only. */
  journal?: DeliveryJournal;
}

/** Runs asynchronous invocations, keeps their records, and knows when all of them have settled. */
export class LambdaInvoker {
  private readonly records: DeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  /** Retries waiting for their delay, so close() can cancel them. */
  private readonly waiting = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(private readonly options: LambdaInvokerOptions) {}

  /**
   * Queues one asynchronous invocation; it starts after the caller's current work (Publish
   * answers first), and it is on disk before this returns.
   */
  invoke(delivery: Omit<DeliveryRecord, 'requestId' | 'status' | 'attempts' | 'errors'>): void {
    const record: DeliveryRecord = {
      ...delivery,
      requestId: randomUUID(),
      status: 'invoking',
      attempts: 0,
      errors: [],
    };
    this.save(record);
    this.start(record, 0);
  }

  /**
   * Takes up the deliveries a previous run left unsettled: an attempt cut short by the crash
   * counts as a failed attempt, then the delivery goes on as it would have (a retry, or its dead
   * letter once its retries are used up).
   */
  resume(pending: readonly JournaledDelivery[]): void {
    for (const journaled of pending) {
      const record: DeliveryRecord = {
        ...journaled,
        errors: journaled.errors.map((e) => Object.assign(new Error(e.message), { name: e.name })),
      };
      let delayMs = 0;
      if (journaled.status === 'invoking' && journaled.attempts > 0) {
        record.errors.push(
          new InterruptedAttemptError('the local stack stopped while this attempt was running'),
        );
        delayMs = this.options.retryDelaysMs[record.attempts - 1] ?? 0;
      } else if (journaled.nextAttemptAt !== undefined) {
        delayMs = Math.max(0, journaled.nextAttemptAt - this.options.now());
      }
      this.start(record, delayMs, journaled.status === 'invoking' && journaled.attempts > 0);
    }
  }

  deliveries(): DeliveryRecord[] {
    return this.records.map((record) => ({ ...record, errors: [...record.errors] }));
  }

  /** Resolves once no invocation is running or waiting to retry, including those started meanwhile. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /** Cancels the retries that are waiting (they stay on disk for the next start); attempts already running finish on their own. */
  close(): void {
    this.closed = true;
    for (const [timer, cancel] of this.waiting) {
      clearTimeout(timer);
      cancel();
    }
    this.waiting.clear();
  }

  private start(record: DeliveryRecord, delayMs: number, interrupted = false): void {
    this.records.push(record);
    const run = (async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (interrupted && record.attempts > this.options.retryDelaysMs.length) {
        record.status = 'dead-lettered';
        this.deadLetter(record, record.errors.at(-1));
        return;
      }
      if (delayMs > 0) {
        record.status = 'waiting-to-retry';
        if (!(await this.wait(delayMs))) {
          record.status = 'cancelled';
          return;
        }
      }
      await this.run(record);
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private save(record: DeliveryRecord, nextAttemptAt?: number): void {
    const { journal } = this.options;
    if (!journal) return;
    journal.saveDelivery({
      messageId: record.messageId,
      topicArn: record.topicArn,
      subscriptionArn: record.subscriptionArn,
      functionArn: record.functionArn,
      copy: record.copy,
      requestId: record.requestId,
      event: record.event,
      status: record.status,
      attempts: record.attempts,
      errors: record.errors.map((error) => ({
        name: error instanceof Error ? error.name : typeof error,
        message: error instanceof Error ? error.message : String(error),
      })),
      ...(nextAttemptAt === undefined ? {} : { nextAttemptAt }),
    });
  }

  private async run(record: DeliveryRecord): Promise<void> {
    const { retryDelaysMs, functionTimeoutMs, now, handlerFor, journal } = this.options;
    for (;;) {
      if (this.closed) {
        record.status = 'cancelled';
        return;
      }
      const handler = handlerFor(record.functionArn);
      if (handler === undefined) {
        record.status = 'no-function';
        journal?.removeDelivery(record.requestId);
        return;
      }
      record.attempts += 1;
      record.status = 'invoking';
      // On disk before it runs: a crash during the attempt counts it.
      this.save(record);
      // Lambda hands every attempt the event as JSON, so a handler that mutates it changes nothing else.
      const event = JSON.parse(JSON.stringify(record.event)) as SNSEvent;
      try {
        await handler(
          event,
          lambdaContext(
            record.functionArn,
            record.requestId,
            functionTimeoutMs(record.functionArn),
            now,
          ),
        );
        record.status = 'succeeded';
        journal?.removeDelivery(record.requestId);
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
        this.save(record, now() + delay);
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
    // The dead letter is on disk before the delivery is forgotten: a crash between the two
    // leaves both, and the delivery, resumed, writes the same dead letter again.
    this.options.journal?.saveDeadLetter(deadLetter);
    this.options.journal?.removeDelivery(record.requestId);
    this.options.onDeadLetter(deadLetter, record);
  }
}
