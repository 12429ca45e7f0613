/** The local SNS through the real @aws-sdk/client-sns: topics, Lambda subscriptions, delivery, retries, dead letters. */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTopicCommand,
  DeleteTopicCommand,
  InvalidParameterException,
  InvalidParameterValueException,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishCommand,
  SNSClient,
  SNSServiceException,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import type { Context, SNSEvent } from 'aws-lambda';
import {
  MAX_MESSAGE_BYTES,
  startSns,
  type DeadLetter,
  type LocalSns,
  type SnsOptions,
} from '../../local/sns';

const clientFor = (sns: LocalSns): SNSClient =>
  new SNSClient({
    region: 'us-east-1',
    endpoint: sns.url,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

interface Received {
  event: SNSEvent;
  context: Context;
}

/** A handler that records what it receives and fails as long as `failures` says. */
function recorder(failures = 0) {
  const received: Received[] = [];
  let remainingFailures = failures;
  const handler = (event: SNSEvent, context: Context): Promise<void> => {
    received.push({ event, context });
    if (remainingFailures > 0) {
      remainingFailures -= 1;
      return Promise.reject(new TypeError(`poison message ${received.length}`));
    }
    return Promise.resolve();
  };
  return { received, handler };
}

/** Polls until the condition holds; the emulator retries on its own schedule. */
async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let counter = 0;
const uniqueName = (prefix: string): string => `${prefix}-${++counter}`;
const functionArn = (name: string): string =>
  `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

const running: { sns: LocalSns; client: SNSClient }[] = [];
async function start(options: SnsOptions = {}): Promise<{ sns: LocalSns; client: SNSClient }> {
  const sns = await startSns({ retryDelaysMs: [5, 10], ...options });
  const pair = { sns, client: clientFor(sns) };
  running.push(pair);
  return pair;
}

afterEach(async () => {
  for (const { sns, client } of running.splice(0)) {
    client.destroy();
    await sns.drain();
    await sns.close();
  }
});

async function topicWithFunction(client: SNSClient, sns: LocalSns, failures = 0) {
  const { TopicArn } = await client.send(new CreateTopicCommand({ Name: uniqueName('posts') }));
  const arn = functionArn(uniqueName('speak'));
  const { received, handler } = recorder(failures);
  sns.registerFunction(arn, handler);
  const { SubscriptionArn } = await client.send(
    new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: arn }),
  );
  return { topicArn: TopicArn!, subscriptionArn: SubscriptionArn!, functionArn: arn, received };
}

describe('topics', () => {
  it('CreateTopic returns the ARN in the local account and is idempotent by name', async () => {
    const { client } = await start();
    const first = await client.send(new CreateTopicCommand({ Name: 'post-requests' }));
    const second = await client.send(new CreateTopicCommand({ Name: 'post-requests' }));
    expect(first.TopicArn).toBe('arn:aws:sns:us-east-1:000000000000:post-requests');
    expect(second.TopicArn).toBe(first.TopicArn);
    const { Topics } = await client.send(new ListTopicsCommand({}));
    expect(Topics).toEqual([{ TopicArn: first.TopicArn }]);
  });

  it('refuses a topic name SNS refuses, and different attributes for an existing topic', async () => {
    const { client } = await start();
    await expect(client.send(new CreateTopicCommand({ Name: 'has spaces' }))).rejects.toThrow(
      InvalidParameterException,
    );
    await client.send(
      new CreateTopicCommand({ Name: 'configured', Attributes: { DisplayName: 'Posts' } }),
    );
    const error = await client
      .send(new CreateTopicCommand({ Name: 'configured', Attributes: { DisplayName: 'Other' } }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error).toMatchObject({
      message:
        'Invalid parameter: Attributes Reason: Topic already exists with different attributes',
      $metadata: { httpStatusCode: 400 },
      Type: 'Sender',
      Code: 'InvalidParameter',
    });
  });

  it('DeleteTopic removes the topic and its subscriptions, and succeeds for a topic that is gone', async () => {
    const { client, sns } = await start();
    const { topicArn } = await topicWithFunction(client, sns);
    await client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    await client.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    expect((await client.send(new ListTopicsCommand({}))).Topics).toEqual([]);
    await expect(
      client.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn })),
    ).rejects.toThrow(NotFoundException);
  });

  it('ListTopics pages by 100 with NextToken', async () => {
    const { client } = await start();
    for (let index = 0; index < 150; index += 1) {
      await client.send(new CreateTopicCommand({ Name: `topic-${index}` }));
    }
    const first = await client.send(new ListTopicsCommand({}));
    expect(first.Topics).toHaveLength(100);
    expect(first.NextToken).toBeDefined();
    const second = await client.send(new ListTopicsCommand({ NextToken: first.NextToken }));
    expect(second.Topics).toHaveLength(50);
    expect(second.NextToken).toBeUndefined();
    const arns = new Set([...first.Topics!, ...second.Topics!].map((topic) => topic.TopicArn));
    expect(arns.size).toBe(150);
  });
});

describe('subscriptions', () => {
  it('Subscribe with protocol lambda returns a subscription ARN under the topic, idempotently', async () => {
    const { client, sns } = await start();
    const {
      topicArn,
      subscriptionArn,
      functionArn: endpoint,
    } = await topicWithFunction(client, sns);
    expect(subscriptionArn).toMatch(
      new RegExp(`^${topicArn}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`),
    );
    const again = await client.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: endpoint }),
    );
    expect(again.SubscriptionArn).toBe(subscriptionArn);
    const { Subscriptions } = await client.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    expect(Subscriptions).toEqual([
      {
        SubscriptionArn: subscriptionArn,
        Owner: '000000000000',
        Protocol: 'lambda',
        Endpoint: endpoint,
        TopicArn: topicArn,
      },
    ]);
  });

  it('refuses unknown topics, other protocols and endpoints that are not function ARNs', async () => {
    const { client } = await start();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'refusals' }));
    await expect(
      client.send(
        new SubscribeCommand({
          TopicArn: 'arn:aws:sns:us-east-1:000000000000:missing',
          Protocol: 'lambda',
          Endpoint: functionArn('speak'),
        }),
      ),
    ).rejects.toThrow(NotFoundException);
    await expect(
      client.send(new SubscribeCommand({ TopicArn, Protocol: 'carrier-pigeon', Endpoint: 'x' })),
    ).rejects.toThrow(InvalidParameterException);
    await expect(
      client.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: 'speak' })),
    ).rejects.toThrow(InvalidParameterException);
  });

  it('Unsubscribe stops delivery; a second Unsubscribe is NotFound', async () => {
    const { client, sns } = await start();
    const { topicArn, subscriptionArn, received } = await topicWithFunction(client, sns);
    await client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'nobody listens' }));
    await sns.drain();
    expect(received).toEqual([]);
    await expect(
      client.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn })),
    ).rejects.toThrow(NotFoundException);
  });

  it("the event's UnsubscribeUrl unsubscribes with a plain GET", async () => {
    const { client, sns } = await start();
    const { topicArn, received } = await topicWithFunction(client, sns);
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'first' }));
    await sns.drain();
    const response = await fetch(received[0]!.event.Records[0]!.Sns.UnsubscribeUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<UnsubscribeResponse');
    const { Subscriptions } = await client.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    expect(Subscriptions).toEqual([]);
  });
});

describe('Publish', () => {
  it('answers with a MessageId before the function runs, then delivers the exact SNSEvent', async () => {
    const { client, sns } = await start();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'post-requests' }));
    const arn = functionArn('speak-post');
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const received: Received[] = [];
    sns.registerFunction(arn, async (event, context) => {
      received.push({ event, context });
      await gate;
    });
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: arn }),
    );

    const { MessageId } = await client.send(
      new PublishCommand({
        TopicArn,
        Subject: 'New post',
        Message: JSON.stringify({ postId: 'p-1', text: 'Hello' }),
        MessageAttributes: {
          locale: { DataType: 'String', StringValue: 'en-US' },
          priority: { DataType: 'Number', StringValue: '3' },
          checksum: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 254, 255]) },
          voices: { DataType: 'String.Array', StringValue: '["Matthew","Amy"]' },
        },
      }),
    );
    expect(MessageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // Publish has answered although the handler cannot finish before release().
    expect(sns.deliveries()[0]!.status).toBe('invoking');
    release();
    await sns.drain();

    expect(received).toHaveLength(1);
    const { event, context } = received[0]!;
    expect(event).toEqual({
      Records: [
        {
          EventSource: 'aws:sns',
          EventVersion: '1.0',
          EventSubscriptionArn: SubscriptionArn,
          Sns: {
            Type: 'Notification',
            MessageId,
            TopicArn,
            Subject: 'New post',
            Message: '{"postId":"p-1","text":"Hello"}',
            Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
            SignatureVersion: '1',
            Signature: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) as string,
            SigningCertUrl: expect.stringMatching(
              /^https:\/\/sns\.us-east-1\.amazonaws\.com\/.+\.pem$/,
            ) as string,
            UnsubscribeUrl: `${sns.url}/?Action=Unsubscribe&SubscriptionArn=${SubscriptionArn}`,
            MessageAttributes: {
              locale: { Type: 'String', Value: 'en-US' },
              priority: { Type: 'Number', Value: '3' },
              checksum: { Type: 'Binary', Value: Buffer.from([0, 1, 254, 255]).toString('base64') },
              voices: { Type: 'String.Array', Value: '["Matthew","Amy"]' },
            },
          },
        },
      ],
    });
    expect(context).toMatchObject({
      functionName: 'speak-post',
      invokedFunctionArn: arn,
      functionVersion: '$LATEST',
      awsRequestId: sns.deliveries()[0]!.requestId,
    });
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(sns.deliveries()).toMatchObject([{ status: 'succeeded', attempts: 1, copy: 1 }]);
  });

  it('sends Subject null and empty MessageAttributes when Publish had neither, as SNS does', async () => {
    const { client, sns } = await start();
    const { topicArn, received } = await topicWithFunction(client, sns);
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'plain' }));
    await sns.drain();
    const message = received[0]!.event.Records[0]!.Sns;
    expect(message.Subject).toBeNull();
    expect(message.MessageAttributes).toEqual({});
  });

  it('delivers to every function subscribed to the topic', async () => {
    const { client, sns } = await start();
    const { topicArn, received: first } = await topicWithFunction(client, sns);
    const second = recorder();
    const secondArn = functionArn('archive');
    sns.registerFunction(secondArn, second.handler);
    await client.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'lambda', Endpoint: secondArn }),
    );
    const { MessageId } = await client.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'fan out' }),
    );
    await sns.drain();
    expect(first.map((r) => r.event.Records[0]!.Sns.MessageId)).toEqual([MessageId]);
    expect(second.received.map((r) => r.event.Records[0]!.Sns.MessageId)).toEqual([MessageId]);
  });

  it('with MessageStructure json, the function gets the lambda entry, else the default one', async () => {
    const { client, sns } = await start();
    const { topicArn, received } = await topicWithFunction(client, sns);
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: 'for everyone', lambda: 'for functions' }),
      }),
    );
    await client.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: 'for everyone' }),
      }),
    );
    await sns.drain();
    expect(received.map((r) => r.event.Records[0]!.Sns.Message).sort()).toEqual([
      'for everyone',
      'for functions',
    ]);
    await expect(
      client.send(
        new PublishCommand({ TopicArn: topicArn, MessageStructure: 'json', Message: '{"x":"y"}' }),
      ),
    ).rejects.toThrow(InvalidParameterException);
  });

  it('accepts 256 KB, body and attributes together, and refuses one byte more', async () => {
    const { client, sns } = await start();
    const { topicArn, received } = await topicWithFunction(client, sns);
    const attribute = { tags: { DataType: 'String', StringValue: 'ü' } };
    const attributeBytes = 'tags'.length + 'String'.length + Buffer.byteLength('ü');
    expect((MAX_MESSAGE_BYTES - attributeBytes) % 2).toBe(0);
    // Multi-byte characters: the limit is in bytes, not characters.
    const body = 'é'.repeat((MAX_MESSAGE_BYTES - attributeBytes) / 2);
    await client.send(
      new PublishCommand({ TopicArn: topicArn, Message: body, MessageAttributes: attribute }),
    );
    const error = await client
      .send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: `${body}x`,
          MessageAttributes: attribute,
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error).toMatchObject({
      message: 'Invalid parameter: Message too long',
      $metadata: { httpStatusCode: 400 },
    });
    await sns.drain();
    expect(received).toHaveLength(1);
    expect(received[0]!.event.Records[0]!.Sns.Message).toBe(body);
  });

  it('throws NotFoundException for a topic that does not exist, with a 404 and a request ID', async () => {
    const { client } = await start();
    const error = await client
      .send(
        new PublishCommand({
          TopicArn: 'arn:aws:sns:us-east-1:000000000000:no-such-topic',
          Message: 'lost',
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({
      name: 'NotFoundException',
      message: 'Topic does not exist',
      $fault: 'client',
      Type: 'Sender',
      Code: 'NotFound',
      $metadata: {
        httpStatusCode: 404,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      },
    });
  });

  it('throws the typed exceptions for bad parameters', async () => {
    const { client } = await start();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'bad-parameters' }));
    await expect(client.send(new PublishCommand({ TopicArn, Message: '' }))).rejects.toThrow(
      new InvalidParameterException({ message: 'Invalid parameter: Empty message', $metadata: {} }),
    );
    await expect(
      client.send(new PublishCommand({ TopicArn: 'not-an-arn', Message: 'x' })),
    ).rejects.toThrow(InvalidParameterException);
    await expect(
      client.send(new PublishCommand({ TopicArn, Message: 'x', Subject: 'two\nlines' })),
    ).rejects.toThrow(InvalidParameterException);
    await expect(
      client.send(
        new PublishCommand({
          TopicArn,
          Message: 'x',
          MessageAttributes: { count: { DataType: 'Integer', StringValue: '1' } },
        }),
      ),
    ).rejects.toThrow(InvalidParameterValueException);
    await expect(
      client.send(
        new PublishCommand({
          TopicArn,
          Message: 'x',
          MessageAttributes: { count: { DataType: 'Number', StringValue: 'many' } },
        }),
      ),
    ).rejects.toThrow(InvalidParameterValueException);
  });

  it('answers an action it does not know with an SNS error', async () => {
    const { sns } = await start();
    const response = await fetch(sns.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListPlatformApplications&Version=2010-03-31',
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(body).toContain('<Code>InvalidAction</Code>');
    expect(body).toContain('<Type>Sender</Type>');
    expect(body).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/);
  });
});

describe('asynchronous invocation', () => {
  it('retries a failing function twice with the same request ID, then records the dead letter', async () => {
    const deadLetters: DeadLetter[] = [];
    const { client, sns } = await start({ onDeadLetter: (letter) => deadLetters.push(letter) });
    const { topicArn, functionArn: arn, received } = await topicWithFunction(client, sns, 99);
    const { MessageId } = await client.send(
      new PublishCommand({ TopicArn: topicArn, Message: 'poison' }),
    );
    await sns.drain();

    expect(received).toHaveLength(3);
    const requestIds = new Set(received.map((r) => r.context.awsRequestId));
    expect(requestIds.size).toBe(1);
    // Every attempt gets the same event.
    expect(received[1]!.event).toEqual(received[0]!.event);
    expect(received[2]!.event).toEqual(received[0]!.event);

    expect(sns.deadLetters()).toEqual(deadLetters);
    expect(deadLetters).toEqual([
      {
        version: '1.0',
        timestamp: expect.stringMatching(/Z$/) as string,
        requestContext: {
          requestId: [...requestIds][0],
          functionArn: `${arn}:$LATEST`,
          condition: 'RetriesExhausted',
          approximateInvokeCount: 3,
        },
        requestPayload: received[0]!.event,
        responseContext: {
          statusCode: 200,
          executedVersion: '$LATEST',
          functionError: 'Unhandled',
        },
        responsePayload: {
          errorType: 'TypeError',
          errorMessage: 'poison message 3',
          trace: expect.arrayContaining([expect.stringContaining('poison message 3')]) as string[],
        },
      },
    ]);
    expect(deadLetters[0]!.requestPayload.Records[0]!.Sns.MessageId).toBe(MessageId);
    expect(sns.deliveries()).toMatchObject([
      { status: 'dead-lettered', attempts: 3, messageId: MessageId },
    ]);
    expect(sns.deliveries()[0]!.errors.map((error) => (error as Error).message)).toEqual([
      'poison message 1',
      'poison message 2',
      'poison message 3',
    ]);
  });

  it('a function that fails once succeeds on its retry and leaves no dead letter', async () => {
    const { client, sns } = await start();
    const { topicArn, received } = await topicWithFunction(client, sns, 1);
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'flaky' }));
    await sns.drain();
    expect(received).toHaveLength(2);
    expect(sns.deliveries()).toMatchObject([{ status: 'succeeded', attempts: 2 }]);
    expect(sns.deadLetters()).toEqual([]);
  });

  it('with retryDelaysMs [] a failure is dead-lettered at once', async () => {
    const { client, sns } = await start({ retryDelaysMs: [] });
    const { topicArn, received } = await topicWithFunction(client, sns, 1);
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'once' }));
    await sns.drain();
    expect(received).toHaveLength(1);
    expect(sns.deadLetters()).toHaveLength(1);
  });

  it('records a delivery to a function nobody registered instead of calling anything', async () => {
    const { client, sns } = await start();
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'orphans' }));
    await client.send(
      new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: functionArn('missing') }),
    );
    await client.send(new PublishCommand({ TopicArn, Message: 'to nobody' }));
    await sns.drain();
    expect(sns.deliveries()).toMatchObject([{ status: 'no-function', attempts: 0 }]);
  });

  it('duplicate-delivery mode delivers every message twice with the same MessageId', async () => {
    const { client, sns } = await start({ duplicateDeliveries: true });
    const { topicArn, received } = await topicWithFunction(client, sns);
    const published = [];
    for (const text of ['one', 'two', 'three']) {
      published.push(
        (await client.send(new PublishCommand({ TopicArn: topicArn, Message: text }))).MessageId,
      );
    }
    await sns.drain();
    expect(received).toHaveLength(6);
    const ids = received.map((r) => r.event.Records[0]!.Sns.MessageId);
    expect([...new Set(ids)].sort()).toEqual([...published].sort());
    // Two separate invocations: Lambda gives each its own request ID.
    expect(new Set(received.map((r) => r.context.awsRequestId)).size).toBe(6);
    expect(
      sns
        .deliveries()
        .map((d) => d.copy)
        .sort(),
    ).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('a duplicate probability draws per message and subscription', async () => {
    const draws = [0.1, 0.9];
    const { client, sns } = await start({
      duplicateDeliveries: 0.5,
      random: () => draws.shift() ?? 1,
    });
    const { topicArn, received } = await topicWithFunction(client, sns);
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'duplicated' }));
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'single' }));
    await sns.drain();
    expect(received.map((r) => r.event.Records[0]!.Sns.Message).sort()).toEqual([
      'duplicated',
      'duplicated',
      'single',
    ]);
  });

  it('close() cancels retries that are still waiting', async () => {
    const sns = await startSns({ retryDelaysMs: [60_000] });
    const client = clientFor(sns);
    const { topicArn } = await topicWithFunction(client, sns, 1);
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'later' }));
    while (sns.deliveries()[0]?.status !== 'waiting-to-retry') {
      await new Promise((resolve) => setImmediate(resolve));
    }
    client.destroy();
    await sns.close();
    await sns.drain();
    expect(sns.deliveries()).toMatchObject([{ status: 'cancelled', attempts: 1 }]);
  });
});

describe('persistence', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'pulse-sns-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('a restart on the same dataFile keeps topics and subscriptions; handlers are registered again', async () => {
    const dataFile = join(directory, 'sns.json');
    const first = await startSns({ dataFile });
    const firstClient = clientFor(first);
    const {
      topicArn,
      subscriptionArn,
      functionArn: arn,
    } = await topicWithFunction(firstClient, first);
    firstClient.destroy();
    await first.close();

    const { received, handler } = recorder();
    const { sns: second, client } = await start({ dataFile, functions: { [arn]: handler } });
    expect((await client.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: topicArn }]);
    const { Subscriptions } = await client.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }),
    );
    expect(Subscriptions?.map((s) => s.SubscriptionArn)).toEqual([subscriptionArn]);
    await client.send(new PublishCommand({ TopicArn: topicArn, Message: 'after restart' }));
    await second.drain();
    expect(received.map((r) => r.event.Records[0]!.EventSubscriptionArn)).toEqual([
      subscriptionArn,
    ]);
  });

  it('a delivery accepted before a crash is delivered after the restart, its cut-short attempt counted', async () => {
    const options = { dataFile: join(directory, 'sns.json'), journalDirectory: directory };
    const crashed = await startSns({ ...options, retryDelaysMs: [5, 10] });
    const crashedClient = clientFor(crashed);
    const { TopicArn } = await crashedClient.send(new CreateTopicCommand({ Name: 'posts' }));
    const arn = functionArn('render');
    await crashedClient.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: arn }));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    // The first attempt never ends: the process dies under it.
    crashed.registerFunction(arn, () => {
      started();
      return new Promise(() => undefined);
    });
    const { MessageId } = await crashedClient.send(
      new PublishCommand({ TopicArn, Message: '{"postId": "p-1"}' }),
    );
    await running;
    crashedClient.destroy();
    await crashed.close();

    const { received, handler } = recorder();
    const { sns: restarted } = await start(options);
    restarted.registerFunction(arn, handler);
    expect(restarted.resume()).toBe(1);
    await restarted.drain();
    expect(received.map((r) => r.event.Records[0]!.Sns.MessageId)).toEqual([MessageId]);
    expect(restarted.deliveries()).toEqual([
      expect.objectContaining({ messageId: MessageId, status: 'succeeded', attempts: 2 }),
    ]);
    expect(readdirSync(join(directory, 'deliveries'))).toEqual([]);
    // Taken up once: a second resume finds nothing more to do.
    expect(restarted.resume()).toBe(0);
  });

  it('a delivery whose retries ran out leaves a dead letter on disk until a consumer takes it, after a restart too', async () => {
    const options = { journalDirectory: directory, dataFile: join(directory, 'sns.json') };
    const first = await startSns({ ...options, retryDelaysMs: [] });
    const firstClient = clientFor(first);
    const { topicArn, functionArn: arn } = await topicWithFunction(firstClient, first, 5);
    await firstClient.send(new PublishCommand({ TopicArn: topicArn, Message: '{"postId": "p"}' }));
    await first.drain();
    expect(first.deadLetters()).toHaveLength(1);
    const [letter] = first.deadLetters();
    expect(readdirSync(join(directory, 'dead-letters'))).toEqual([
      `${letter!.requestContext.requestId}.json`,
    ]);
    firstClient.destroy();
    await first.close();

    const { sns: second } = await start({ ...options, functions: { [arn]: recorder().handler } });
    const taken: DeadLetter[][] = [];
    let refusals = 1;
    second.setDeadLetterConsumer((letters) => {
      taken.push([...letters]);
      // A consumer that fails (DynamoDB throttled) gets the same letters again later.
      if (refusals-- > 0) return Promise.reject(new Error('throttled'));
      return Promise.resolve();
    });
    await until(() => taken.length === 2);
    await second.drain();
    expect(taken.map((batch) => batch.map((l) => l.requestContext.requestId))).toEqual([
      [letter!.requestContext.requestId],
      [letter!.requestContext.requestId],
    ]);
    expect(taken[1]![0]!.responsePayload.errorMessage).toBe('poison message 1');
    expect(readdirSync(join(directory, 'dead-letters'))).toEqual([]);
  });

  it('refuses to start on a file it cannot read rather than overwrite it', async () => {
    const dataFile = join(directory, 'sns.json');
    writeFileSync(dataFile, '{"topics": "not a list"}');
    await expect(startSns({ dataFile })).rejects.toThrow(/Cannot load SNS topics/);
  });
});

it('every error the emulator sends is an SNSServiceException', async () => {
  const { client } = await start();
  const error = await client
    .send(new DeleteTopicCommand({ TopicArn: 'nonsense' }))
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SNSServiceException);
  expect(error).toBeInstanceOf(InvalidParameterException);
});
