/**
 * Every acknowledged post ends COMPLETED or FAILED, whatever dies: a render that runs out of time
 * stops itself, the dead-letter reader fails what every attempt failed on, and the sweeper takes
 * up what lost its announcement. Against the local emulators through the real SDK clients.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { dynamoDocumentClient, pollyClient, s3Client } from '../../lambda/aws/clients';
import { snsAnnouncer } from '../../lambda/posts/announcement';
import { audioStore } from '../../lambda/posts/audioStore';
import { readPostsConfig } from '../../lambda/posts/config';
import { createDeadLetterHandler } from '../../lambda/posts/deadLetters';
import { createRenderHandler } from '../../lambda/posts/render';
import { postsRepository, type PostsRepository } from '../../lambda/posts/repository';
import { createSweeper, MAX_SWEEPS } from '../../lambda/posts/sweep';
import { lambdaContext } from '../../local/lambdaContext';
import { deadLetterQueueEvent } from '../../local/sns';
import { startDynamoFaultProxy } from '../support/dynamoFaults';
import { startPostsStack, type PostsStack } from '../support/postsStack';
import { RenderDeadlineError } from '../../lambda/posts/errors';
import { EMULATOR_CREDENTIALS } from '../../local/environment';

const logger = new Logger({ serviceName: 'pulse-posts-test' });
const DLQ_ARN = 'arn:aws:sqs:us-east-1:000000000000:pulse-render-dead-letters';

let stack: PostsStack;
let posts: PostsRepository;

beforeAll(async () => {
  // A render that every attempt fails on keeps throwing (five attempts allowed, Lambda makes
  // three), so that what ends it is its dead letter, as for a render that timed out.
  stack = await startPostsStack({
    env: { PULSE_RENDER_MAX_ATTEMPTS: '5' },
    render: { pieceAttempts: 1, sleep: () => Promise.resolve() },
  });
  posts = postsRepository({
    client: dynamoDocumentClient({ timeoutMs: 5000 }),
    tableName: stack.config.table,
  });
  // As the local stack wires it: dead letters go to the reader, as the DLQ's SQS trigger in AWS.
  const reader = createDeadLetterHandler({ posts, logger });
  stack.sns.setDeadLetterConsumer(async (letters) => {
    const { batchItemFailures } = await reader(deadLetterQueueEvent(letters, DLQ_ARN));
    if (batchItemFailures.length > 0) throw new Error('dead letters not taken');
  });
}, 60_000);

afterAll(async () => {
  await stack.close();
});

afterEach(() => {
  stack.polly.setLatency(0);
});

/** A post stored PROCESSING, as the API leaves it, without announcing it. */
async function storedPost(text = 'The sweeper finds this post.') {
  const postId = randomUUID();
  await posts.create(
    {
      postId,
      title: 'Recovery',
      text,
      textType: 'text',
      voice: 'Matthew',
      engine: 'standard',
      locale: 'en-US',
      characters: text.length,
    },
    new Date(),
  );
  return postId;
}

const announcement = (postId: string) => ({
  Records: [
    {
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `arn:aws:sns:us-east-1:000000000000:posts:${randomUUID()}`,
      Sns: {
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: 'arn:aws:sns:us-east-1:000000000000:posts',
        Subject: null as unknown as undefined,
        Message: JSON.stringify({ postId }),
        Timestamp: new Date().toISOString(),
        SignatureVersion: '1',
        Signature: 'x',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/x.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    },
  ],
});

async function audioKeys(): Promise<string[]> {
  const s3 = new S3Client({ forcePathStyle: true });
  const { Contents = [] } = await s3.send(
    new ListObjectsV2Command({ Bucket: stack.config.bucket }),
  );
  s3.destroy();
  return Contents.map((object) => object.Key!);
}

describe('a render that runs out of time', () => {
  it("stops before the function's timeout, leaves the post for the next attempt, and fails it RenderTimedOut on the last", async () => {
    const postId = await storedPost();
    const config = readPostsConfig({
      ...process.env,
      POSTS_TABLE: stack.config.table,
      PULSE_RENDER_MAX_ATTEMPTS: '2',
    });
    const render = createRenderHandler({
      config,
      posts,
      audio: audioStore({ client: s3Client({ timeoutMs: 5000 }), bucket: stack.config.bucket }),
      polly: pollyClient({ timeoutMs: 30_000 }),
      logger,
    });
    // Polly answers after 3 s; the function has 2 s.
    stack.polly.setLatency(3000);
    const context = () =>
      lambdaContext({
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:render',
        timeoutMs: 2000,
      });

    await expect(render(announcement(postId), context())).rejects.toThrow(RenderDeadlineError);
    expect(await posts.get(postId)).toMatchObject({ status: 'PROCESSING', renderAttempts: 1 });

    await expect(render(announcement(postId), context())).resolves.toBeUndefined();
    expect(await posts.get(postId)).toMatchObject({
      status: 'FAILED',
      renderAttempts: 2,
      error: {
        code: 'RenderTimedOut',
        message: expect.stringMatching(/no attempt finished in time \(2 attempts\)/),
      },
    });
    expect(await audioKeys()).not.toContain(`posts/${postId}.mp3`);
  }, 60_000);
});

describe('the render dead-letter reader', () => {
  /** A message of the render DLQ as Lambda writes it: the SNS event, the error in attributes. */
  function lambdaDeadLetter(postId: string, errorMessage: string): SQSRecord {
    return {
      messageId: randomUUID(),
      receiptHandle: 'AQEB',
      body: JSON.stringify(announcement(postId)),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {
        RequestID: {
          dataType: 'String',
          stringValue: randomUUID(),
          stringListValues: [],
          binaryListValues: [],
        },
        ErrorCode: {
          dataType: 'Number',
          stringValue: '200',
          stringListValues: [],
          binaryListValues: [],
        },
        ErrorMessage: {
          dataType: 'String',
          stringValue: errorMessage,
          stringListValues: [],
          binaryListValues: [],
        },
      },
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: DLQ_ARN,
      awsRegion: 'us-east-1',
    };
  }
  const sqs = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
  const reader = () => createDeadLetterHandler({ posts, logger });

  it('fails the post of a render that timed out on its last attempt, with the cause', async () => {
    const postId = await storedPost();
    const response = await reader()(
      sqs(
        lambdaDeadLetter(
          postId,
          '2026-12-01T10:00:00.000Z 1f3c Task timed out after 300.00 seconds',
        ),
      ),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(await posts.get(postId)).toMatchObject({
      status: 'FAILED',
      error: {
        code: 'RenderTimedOut',
        message:
          'the render gave up: 2026-12-01T10:00:00.000Z 1f3c Task timed out after 300.00 seconds',
      },
    });
  });

  it('leaves a post that ended meanwhile as it is', async () => {
    const postId = await storedPost();
    await posts.complete(
      postId,
      { audioKey: `posts/${postId}.mp3`, durationSeconds: 1 },
      new Date(),
    );
    await reader()(sqs(lambdaDeadLetter(postId, 'Runtime.ExitError')));
    expect(await posts.get(postId)).toMatchObject({ status: 'COMPLETED' });
  });

  it("reads Lambda's on-failure record and SNS's own dead letter too", async () => {
    const [one, two] = [await storedPost(), await storedPost()];
    const body = (value: unknown) => ({
      ...lambdaDeadLetter(one, ''),
      messageAttributes: {},
      body: JSON.stringify(value),
    });
    await reader()(
      sqs(
        body({
          version: '1.0',
          timestamp: new Date().toISOString(),
          requestContext: {
            requestId: randomUUID(),
            functionArn: 'arn',
            condition: 'RetriesExhausted',
            approximateInvokeCount: 3,
          },
          requestPayload: announcement(one),
          responseContext: {
            statusCode: 200,
            executedVersion: '$LATEST',
            functionError: 'Unhandled',
          },
          responsePayload: { errorType: 'Error', errorMessage: 'Polly is down' },
        }),
        body({
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: 'arn',
          Message: JSON.stringify({ postId: two }),
        }),
      ),
    );
    expect(await posts.get(one)).toMatchObject({
      status: 'FAILED',
      error: { code: 'RenderFailed', message: 'the render gave up: Polly is down' },
    });
    expect(await posts.get(two)).toMatchObject({
      status: 'FAILED',
      error: { code: 'AnnouncementUndelivered' },
    });
  });

  it('drops a message that names no post, and hands back one it could not record for a passing cause', async () => {
    const postId = await storedPost();
    const proxy = await startDynamoFaultProxy(stack.base.dynamo.url, {});
    const saved = process.env.AWS_ENDPOINT_URL_DYNAMODB;
    process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
    try {
      const throttled = postsRepository({
        client: dynamoDocumentClient({ timeoutMs: 2000 }),
        tableName: stack.config.table,
      });
      proxy.throttleNext('UpdateItem', 2); // the SDK itself tries twice
      const garbage = { ...lambdaDeadLetter(postId, 'x'), body: 'not json at all' };
      const failing = lambdaDeadLetter(postId, 'Task timed out after 300.00 seconds');
      const response = await createDeadLetterHandler({ posts: throttled, logger })(
        sqs(garbage, failing),
      );
      expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: failing.messageId }] });
      expect(await posts.get(postId)).toMatchObject({ status: 'PROCESSING' });
      // SQS delivers it again: now it is recorded.
      expect(await createDeadLetterHandler({ posts: throttled, logger })(sqs(failing))).toEqual({
        batchItemFailures: [],
      });
      expect(await posts.get(postId)).toMatchObject({
        status: 'FAILED',
        error: { code: 'RenderTimedOut' },
      });
    } finally {
      process.env.AWS_ENDPOINT_URL_DYNAMODB = saved;
      await proxy.close();
    }
  });

  it('ends FAILED, through its dead letter, a post every delivery of which failed without recording it', async () => {
    // Polly fails every call for a while: each of Lambda's three attempts throws.
    stack.polly.failNext('ServiceFailureException', 3, 'Polly could not synthesize the speech');
    const created = await stack.createPost({
      text: 'Every attempt at this post fails.',
      title: 'Doomed',
    });
    expect(created.status).toBe(202);
    const { postId } = (await created.json()) as { postId: string };
    await stack.settle();
    expect(stack.sns.deadLetters().map((l) => l.requestPayload.Records[0]!.Sns.Message)).toContain(
      JSON.stringify({ postId }),
    );
    expect(await posts.get(postId)).toMatchObject({
      status: 'FAILED',
      renderAttempts: 3,
      error: {
        code: 'RenderFailed',
        message: expect.stringContaining('Polly could not synthesize the speech'),
      },
    });
  }, 60_000);
});

describe('the sweeper', () => {
  const MINUTE = 60_000;
  const sweeper = (minutesLater: number) => {
    const sns = new SNSClient({
      endpoint: stack.sns.url,
      region: 'us-east-1',
      credentials: EMULATOR_CREDENTIALS,
    });
    return createSweeper({
      config: stack.config,
      posts,
      announce: snsAnnouncer(sns, stack.config.topicArn!),
      logger,
      now: () => new Date(Date.now() + minutesLater * MINUTE),
    });
  };
  const stuckMinutes = () => stack.config.stuckAfterMs / MINUTE;

  it('announces again a post whose announcement was lost, which then renders to COMPLETED', async () => {
    const postId = await storedPost();
    // Within the bound nothing happens.
    expect((await sweeper(stuckMinutes() - 1)()).reannounced).not.toContain(postId);
    const outcome = await sweeper(stuckMinutes() + 1)();
    expect(outcome.reannounced).toContain(postId);
    await stack.settle();
    expect(await posts.get(postId)).toMatchObject({ status: 'COMPLETED', sweeps: 1 });
    expect(await audioKeys()).toContain(`posts/${postId}.mp3`);
  }, 60_000);

  it('fails, with the reason, a post whose render attempts are spent or that was announced again too often', async () => {
    const spent = await storedPost();
    for (let attempt = 0; attempt < stack.config.maxRenderAttempts; attempt++)
      await posts.claimRender(spent, new Date());
    const reannounced = await storedPost();
    for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      const [pending] = (await posts.pendingSince(new Date(Date.now() + MINUTE), 1000)).filter(
        (p) => p.postId === reannounced,
      );
      await posts.markSwept(reannounced, pending!, new Date());
    }
    const outcome = await sweeper(stuckMinutes() + 1)();
    expect(outcome.failed).toEqual(expect.arrayContaining([spent, reannounced]));
    expect(await posts.get(spent)).toMatchObject({
      status: 'FAILED',
      error: {
        code: 'RenderStuck',
        message: expect.stringContaining(`after ${stack.config.maxRenderAttempts} render attempts`),
      },
    });
    expect(await posts.get(reannounced)).toMatchObject({
      status: 'FAILED',
      error: {
        code: 'RenderStuck',
        message: expect.stringContaining(`and ${MAX_SWEEPS} re-announcements`),
      },
    });
    // A finished post is no longer in the sweeper's index.
    expect(
      (await posts.pendingSince(new Date(Date.now() + 60 * MINUTE), 1000)).map((p) => p.postId),
    ).not.toEqual(expect.arrayContaining([spent]));
  });

  it('leaves alone a post a render touched since the sweeper read it', async () => {
    const postId = await storedPost();
    const [seen] = (await posts.pendingSince(new Date(Date.now() + MINUTE), 1000)).filter(
      (p) => p.postId === postId,
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await posts.claimRender(postId, new Date());
    expect(await posts.markSwept(postId, seen!, new Date())).toBeUndefined();
    expect(await posts.fail(postId, { code: 'RenderStuck', message: 'x' }, new Date(), seen)).toBe(
      false,
    );
    expect(await posts.get(postId)).toMatchObject({ status: 'PROCESSING', renderAttempts: 1 });
  });
});
