/** Local SNS for the real @aws-sdk/client-sns: topics, Lambda subscriptions, Publish with asynchronous delivery. */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { SNSMessageAttributes } from 'aws-lambda';
import { serveOnLoopback } from '../loopback';
import {
  LambdaInvoker,
  snsEvent,
  type DeadLetter,
  type DeliveryRecord,
  type PublishedMessage,
  type SnsLambdaHandler,
} from './delivery';
import {
  errorReply,
  parseQueryRequest,
  successReply,
  xmlElement,
  xmlMembers,
  type QueryParameters,
  type QueryReply,
} from './protocol';
import { DeadLetterOutbox, type DeadLetterConsumer } from './deadLetters';
import { DeliveryJournal } from './journal';
import { checkTopicArn, SnsStore } from './store';
import { invalidParameter, SnsError } from './errors';
import { readBody } from '../requestBody';

export interface SnsOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Region in the ARNs; us-east-1 by default. */
  region?: string;
  /** Handlers by function ARN, as subscriptions name them; more with registerFunction(). */
  functions?: Record<string, SnsLambdaHandler>;
  /**
   * Delay before each retry of a failed invocation. Lambda retries an asynchronous invocation
   * twice, about one and two minutes later; the default here is [100, 200]. Fewer entries mean
   * fewer retries (Lambda's MaximumRetryAttempts 0 or 1).
   */
  retryDelaysMs?: readonly number[];
  /**
   * SNS delivers at least once. `true` delivers every message to every subscription twice, a
   * number between 0 and 1 does so with that probability, to exercise idempotent consumers.
   */
  duplicateDeliveries?: boolean | number;
  /** Source of the duplicate-delivery draws; Math.random by default. */
  random?: () => number;
  /** Called when an invocation has failed all its retries, with what Lambda's on-failure destination receives. */
  onDeadLetter?: (deadLetter: DeadLetter) => void;
  /** Topics and subscriptions are loaded from here and rewritten atomically after every change. */
  dataFile?: string;
  /**
   * Deliveries and dead letters are kept here until they settle, written before Publish answers:
   * after a crash, `resume()` takes them up. Without it they live in memory only.
   */
  journalDirectory?: string;
  /** What a handler's `context.getRemainingTimeInMillis()` counts down from, unless registered with its own; 3 s (Lambda's default). Not enforced. */
  functionTimeoutMs?: number;
  /** Epoch milliseconds, for message timestamps. */
  now?: () => number;
}

export interface LocalSns {
  readonly url: string;
  readonly port: number;
  /** Stops listening and cancels retries still waiting; invocations already running are not awaited (drain() first for that). */
  close(): Promise<void>;
  /**
   * Handlers are looked up by the exact ARN a subscription names, at each attempt. `timeoutMs`
   * is the function's timeout, which its context reports.
   */
  registerFunction(
    functionArn: string,
    handler: SnsLambdaHandler,
    options?: { timeoutMs?: number },
  ): void;
  /** Takes up the deliveries and dead letters the journal holds from an earlier run; returns how many deliveries. Call it once the functions are registered. */
  resume(): number;
  /** Who takes the dead letters (the local DLQ trigger); it is retried while it throws. */
  setDeadLetterConsumer(consumer: DeadLetterConsumer): void;
  /** Resolves when every delivery so far, its retries included, has settled, and its dead letter, if any, has been taken. */
  drain(): Promise<void>;
  /** Every delivery so far, oldest first. */
  deliveries(): DeliveryRecord[];
  /** What the on-failure destination received so far, oldest first. */
  deadLetters(): DeadLetter[];
}

/** SNS's limit on a published message, body and attributes together. */
export const MAX_MESSAGE_BYTES = 262_144;
/** Room for a maximal message form-encoded (up to three bytes per byte) plus the other parameters. */
const MAX_REQUEST_BYTES = 4 * MAX_MESSAGE_BYTES;
const LIST_PAGE_SIZE = 100;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const ATTRIBUTE_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;
/** Line breaks and other control characters (C0 and DEL), which a Subject may not contain. */
const hasControlCharacter = (text: string): boolean =>
  [...text].some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

function pageOf<T>(
  items: readonly T[],
  nextToken: string | undefined,
): { page: T[]; next?: string } {
  const start = nextToken === undefined ? 0 : Number(nextToken);
  if (!Number.isInteger(start) || start < 0 || start > items.length) {
    throw invalidParameter('NextToken');
  }
  const end = start + LIST_PAGE_SIZE;
  return {
    page: items.slice(start, end),
    ...(end < items.length && { next: String(end) }),
  };
}

/** `Attributes.entry.N.key/value`, as CreateTopic and Subscribe send them. */
function stringMap(parameters: QueryParameters, name: string): Record<string, string> {
  const entries = parameters.map(name, 'key', (prefix) => parameters.get(`${prefix}.value`) ?? '');
  return Object.fromEntries(entries);
}

/** MessageAttributes as the Lambda event carries them: Binary values stay base64, as they were sent. */
function messageAttributes(parameters: QueryParameters): {
  attributes: SNSMessageAttributes;
  bytes: number;
} {
  const attributes: SNSMessageAttributes = {};
  let bytes = 0;
  const entries = parameters.map('MessageAttributes', 'Name', (prefix) => ({
    dataType: parameters.get(`${prefix}.Value.DataType`),
    stringValue: parameters.get(`${prefix}.Value.StringValue`),
    binaryValue: parameters.get(`${prefix}.Value.BinaryValue`),
  }));
  for (const [name, { dataType, stringValue, binaryValue }] of entries) {
    if (!ATTRIBUTE_NAME.test(name) || /^(AWS\.|Amazon\.)/i.test(name)) {
      throw new SnsError(
        'ParameterValueInvalid',
        `The message attribute name '${name}' is invalid.`,
      );
    }
    if (dataType === undefined || !ATTRIBUTE_TYPE.test(dataType)) {
      throw new SnsError(
        'ParameterValueInvalid',
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const binary = dataType.startsWith('Binary');
    const value = binary ? binaryValue : stringValue;
    if (value === undefined || value === '') {
      throw new SnsError(
        'ParameterValueInvalid',
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType.split('.')[0] ?? dataType}'.`,
      );
    }
    if (dataType.startsWith('Number') && !Number.isFinite(Number(value))) {
      throw new SnsError(
        'ParameterValueInvalid',
        `Could not cast message attribute '${name}' value to number.`,
      );
    }
    if (dataType === 'String.Array') {
      const notAnArray = (cause?: unknown) =>
        new SnsError(
          'ParameterValueInvalid',
          `The message attribute '${name}' with type 'String.Array' must be a JSON array.`,
          cause === undefined ? undefined : { cause },
        );
      if (!Array.isArray(parseJson(value, notAnArray))) throw notAnArray();
    }
    bytes +=
      Buffer.byteLength(name) +
      Buffer.byteLength(dataType) +
      (binary ? Buffer.from(value, 'base64').length : Buffer.byteLength(value));
    attributes[name] = { Type: dataType, Value: value };
  }
  return { attributes, bytes };
}

/** Parses JSON text; text that is not JSON throws the caller's SnsError. */
function parseJson(text: string, refuse: (cause: unknown) => SnsError): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw refuse(error);
  }
}

/** With MessageStructure=json the message is an object of texts per protocol; Lambda gets `lambda` or `default`. */
function messageForLambda(message: string, structure: string | undefined): string {
  if (structure === undefined) return message;
  if (structure !== 'json') throw invalidParameter('MessageStructure');
  const parsed = parseJson(
    message,
    (cause) =>
      new SnsError(
        'InvalidParameter',
        'Invalid parameter: Message Structure - No JSON message body is parseable',
        { cause },
      ),
  );
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const texts = parsed as Record<string, unknown>;
  if (typeof texts.default !== 'string') {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  return typeof texts.lambda === 'string' ? texts.lambda : texts.default;
}

function checkSubject(subject: string | undefined): void {
  if (subject === undefined) return;
  if (subject.length === 0 || subject.length >= 100 || hasControlCharacter(subject)) {
    throw invalidParameter('Subject');
  }
}

/** Starts the emulator on the loopback interface. */
export async function startSns(options: SnsOptions = {}): Promise<LocalSns> {
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const retryDelaysMs = options.retryDelaysMs ?? [100, 200];
  if (retryDelaysMs.length > 2 || retryDelaysMs.some((ms) => !(ms >= 0))) {
    throw new RangeError('retryDelaysMs: Lambda retries an asynchronous invocation at most twice');
  }
  const duplicateProbability =
    options.duplicateDeliveries === true ? 1 : Number(options.duplicateDeliveries ?? 0);
  if (!(duplicateProbability >= 0 && duplicateProbability <= 1)) {
    throw new RangeError('duplicateDeliveries: true, false, or a probability between 0 and 1');
  }

  const store = new SnsStore(region, options.dataFile);
  const functions = new Map(Object.entries(options.functions ?? {}));
  const timeouts = new Map<string, number>();
  const deadLetters: DeadLetter[] = [];
  const journal =
    options.journalDirectory === undefined
      ? undefined
      : new DeliveryJournal(options.journalDirectory);
  const outbox = new DeadLetterOutbox(journal);
  const invoker = new LambdaInvoker({
    retryDelaysMs,
    functionTimeoutMs: (functionArn) =>
      timeouts.get(functionArn) ?? options.functionTimeoutMs ?? 3_000,
    now,
    handlerFor: (functionArn) => functions.get(functionArn),
    onDeadLetter: (deadLetter) => {
      deadLetters.push(deadLetter);
      outbox.add(deadLetter);
      options.onDeadLetter?.(deadLetter);
    },
    ...(journal ? { journal } : {}),
  });
  let resumed = false;
  // Set once listening; UnsubscribeUrl in events points back here.
  let serviceUrl = '';

  function publish(parameters: QueryParameters): string {
    if (parameters.get('PhoneNumber') !== undefined) {
      throw invalidParameter('PhoneNumber: SMS is not supported by the local SNS');
    }
    const topicArn = parameters.get('TopicArn') ?? parameters.get('TargetArn');
    if (topicArn === undefined) throw invalidParameter('TopicArn or TargetArn');
    checkTopicArn(topicArn);
    const message = parameters.get('Message');
    if (message === undefined || message === '') throw invalidParameter('Empty message');
    const subject = parameters.get('Subject');
    checkSubject(subject);
    const { attributes, bytes } = messageAttributes(parameters);
    if (Buffer.byteLength(message) + bytes > MAX_MESSAGE_BYTES) {
      throw invalidParameter('Message too long');
    }
    const lambdaMessage = messageForLambda(message, parameters.get('MessageStructure'));
    store.requireTopic(topicArn);

    const published: PublishedMessage = {
      messageId: randomUUID(),
      topicArn,
      message: lambdaMessage,
      subject,
      attributes,
      timestamp: new Date(now()).toISOString(),
    };
    for (const subscription of store.subscriptionsOf(topicArn)) {
      const delivery = {
        messageId: published.messageId,
        topicArn,
        subscriptionArn: subscription.arn,
        functionArn: subscription.endpoint,
        event: snsEvent(published, subscription.arn, region, serviceUrl),
      };
      invoker.invoke({ ...delivery, copy: 1 });
      if (duplicateProbability > 0 && random() < duplicateProbability) {
        invoker.invoke({ ...delivery, copy: 2 });
      }
    }
    return xmlElement('MessageId', published.messageId);
  }

  function act(action: string, parameters: QueryParameters): QueryReply {
    switch (action) {
      case 'CreateTopic': {
        const topic = store.createTopic(
          parameters.require('Name'),
          stringMap(parameters, 'Attributes'),
        );
        return successReply(action, xmlElement('TopicArn', topic.arn));
      }
      case 'DeleteTopic':
        store.deleteTopic(parameters.require('TopicArn'));
        return successReply(action, undefined);
      case 'ListTopics': {
        const { page, next } = pageOf(store.listTopics(), parameters.get('NextToken'));
        const topics = page.map((topic) => xmlElement('TopicArn', topic.arn));
        return successReply(action, xmlMembers('Topics', topics) + xmlElement('NextToken', next));
      }
      case 'Subscribe': {
        const topicArn = parameters.require('TopicArn');
        const protocol = parameters.require('Protocol');
        const endpoint = parameters.get('Endpoint');
        if (protocol !== 'lambda') {
          throw invalidParameter(
            `Amazon SNS does not support this protocol string: ${protocol} (the local SNS delivers to lambda only)`,
          );
        }
        if (endpoint === undefined) throw invalidParameter('Endpoint');
        const subscription = store.subscribeLambda(topicArn, endpoint);
        return successReply(action, xmlElement('SubscriptionArn', subscription.arn));
      }
      case 'Unsubscribe':
        store.unsubscribe(parameters.require('SubscriptionArn'));
        return successReply(action, undefined);
      case 'ListSubscriptionsByTopic': {
        const topicArn = parameters.require('TopicArn');
        store.requireTopic(topicArn);
        const { page, next } = pageOf(store.subscriptionsOf(topicArn), parameters.get('NextToken'));
        const members = page.map(
          (subscription) =>
            xmlElement('SubscriptionArn', subscription.arn) +
            xmlElement('Owner', subscription.owner) +
            xmlElement('Protocol', subscription.protocol) +
            xmlElement('Endpoint', subscription.endpoint) +
            xmlElement('TopicArn', subscription.topicArn),
        );
        return successReply(
          action,
          xmlMembers('Subscriptions', members) + xmlElement('NextToken', next),
        );
      }
      case 'Publish':
        return successReply(action, publish(parameters));
      default:
        throw new SnsError('InvalidAction', `The action ${action} is not valid for this endpoint.`);
    }
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let reply: QueryReply;
    try {
      const url = new URL(request.url ?? '/', 'http://sns.local');
      const { bytes, tooLarge } = await readBody(request, MAX_REQUEST_BYTES);
      if (tooLarge) throw invalidParameter('Message too long');
      const parameters = parseQueryRequest(url.search, bytes.toString('utf8'));
      const action = parameters.get('Action');
      if (action === undefined) {
        throw new SnsError('MissingAction', 'The request must contain the parameter Action.');
      }
      reply = act(action, parameters);
    } catch (error) {
      reply = errorReply(error);
    }
    response.writeHead(reply.status, {
      'content-type': 'text/xml',
      'content-length': Buffer.byteLength(reply.body),
      'x-amzn-requestid': reply.requestId,
    });
    response.end(reply.body);
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      // Only writing the reply can fail here; the socket is gone, so all that is left is to say so.
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  const service = await serveOnLoopback(server, options.port);
  serviceUrl = service.url;

  return {
    url: service.url,
    port: service.port,
    close: async () => {
      invoker.close();
      outbox.close();
      await service.close();
    },
    registerFunction: (functionArn, handler, functionOptions = {}) => {
      functions.set(functionArn, handler);
      if (functionOptions.timeoutMs !== undefined)
        timeouts.set(functionArn, functionOptions.timeoutMs);
    },
    resume: () => {
      if (resumed || !journal) return 0;
      resumed = true;
      const pending = journal.pendingDeliveries();
      invoker.resume(pending);
      return pending.length;
    },
    setDeadLetterConsumer: (consumer) => outbox.setConsumer(consumer),
    drain: async () => {
      await invoker.drain();
      await outbox.drain();
    },
    deliveries: () => invoker.deliveries(),
    deadLetters: () => [...deadLetters],
  };
}
