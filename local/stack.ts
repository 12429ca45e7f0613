/**
 * The whole system on one machine: every emulator on 127.0.0.1 from one base port, the Lambdas
 * wired to them exactly as in AWS, state kept in a data directory so a restart keeps it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { ExpressAdapter } from 'ask-sdk-express-adapter';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import type { Context } from 'aws-lambda';
import express from 'express';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stationCatalog } from '../lambda/devices/catalog';
import { readPostsConfig } from '../lambda/posts/config';
import { handler as postsApiHandler } from '../lambda/posts/apiHandler';
import { handler as renderHandler } from '../lambda/posts/renderHandler';
import { handler as aggregateHandler } from '../lambda/rollups/aggregateHandler';
import { readIngestConfig } from '../lambda/rollups/ingestConfig';
import { handler as persistHandler } from '../lambda/rollups/persistHandler';
import { STREAMS, TUMBLING_WINDOW_SECONDS } from '../lambda/rollups/streams';
import { handler as skillHandler } from '../lambda/skill';
import { startSimulatedDevices, type SimulatedDevices } from './devices';
import { ensurePostsTable, ensureRollupTables, startDynamo } from './dynamo';
import { createHttpApi } from './httpApi';
import {
  ensureStreams,
  kinesisClient,
  startEventSourceMapping,
  startKinesis,
  type EventSourceMapping,
} from './kinesis';
import { functionArn } from './lambdaContext';
import { serveOnLoopback, type LoopbackService } from './loopback';
import { startPolly } from './polly';
import { ensureBucket, S3RVER_CREDENTIALS, startS3 } from './s3';
import { startShadowService } from './shadows';
import { createSimulator } from './simulator';
import { startSns } from './sns';
import { startTelemetry } from './telemetry';

export interface StackOptions {
  /** The base port (PULSE_PORT, default 4300); the services take the six after it. */
  readonly port?: number;
  /** Where state lives (PULSE_DATA_DIR, default .pulse/). */
  readonly dataDir?: string;
  /** Telemetry and simulated devices (PULSE_TELEMETRY=off turns them off). */
  readonly telemetry?: boolean;
  /** The posts API's bearer token (PULSE_API_TOKEN, else a generated one). */
  readonly apiToken?: string;
  /** Verify Alexa's request signatures and timestamps at POST /alexa (PULSE_VERIFY_SIGNATURE). */
  readonly verifySignature?: boolean;
  /** Players the telemetry simulates. */
  readonly players?: number;
}

export interface Stack {
  readonly url: string;
  readonly apiToken: string;
  readonly endpoints: Readonly<
    Record<'dynamodb' | 's3' | 'kinesis' | 'iotdata' | 'polly' | 'sns', string>
  >;
  /** The `export AWS_…=` lines a shell needs to reach the stack with the AWS CLI or any SDK. */
  readonly exports: readonly string[];
  /** Processes every record now in the streams and closes every window that has ended. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const RENDER_FUNCTION = 'pulse-render';

/** The standard variables the SDK clients read: the Lambdas find the stack the way they find AWS. */
function environmentFor(endpoints: Stack['endpoints']): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    // s3rver accepts only this key pair; every other emulator accepts any.
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_IOT_DATA_PLANE: endpoints.iotdata,
    AWS_ENDPOINT_URL_POLLY: endpoints.polly,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const base = options.port ?? 4300;
  const dataDir = resolve(options.dataDir ?? '.pulse');
  for (const folder of ['dynamodb', 'kinesis', 's3', 'checkpoints'])
    mkdirSync(join(dataDir, folder), { recursive: true });
  const apiToken = options.apiToken ?? randomBytes(18).toString('base64url');

  const closers: (() => Promise<void>)[] = [];
  const dynamo = await startDynamo({ port: base + 1, path: join(dataDir, 'dynamodb') });
  closers.unshift(() => dynamo.close());
  const s3 = await startS3({ port: base + 2, directory: join(dataDir, 's3') });
  closers.unshift(() => s3.close());
  const kinesis = await startKinesis({ port: base + 3, path: join(dataDir, 'kinesis') });
  closers.unshift(() => kinesis.close());
  const shadows = await startShadowService({
    port: base + 4,
    dataFile: join(dataDir, 'shadows.json'),
  });
  closers.unshift(() => shadows.close());
  const polly = await startPolly({ port: base + 5 });
  closers.unshift(() => polly.close());
  const sns = await startSns({ port: base + 6, dataFile: join(dataDir, 'sns.json') });
  closers.unshift(async () => {
    // Renders still under way finish before the stores they write to close.
    await sns.drain();
    await sns.close();
  });

  const endpoints = {
    dynamodb: dynamo.url,
    s3: s3.url,
    kinesis: kinesis.url,
    iotdata: shadows.url,
    polly: polly.url,
    sns: sns.url,
  };
  const environment = environmentFor(endpoints);
  Object.assign(process.env, environment, {
    PULSE_SSML_TARGET: process.env.PULSE_SSML_TARGET ?? 'alexa-simulator',
  });

  // Resources, created when missing (a restart finds them in the data directory).
  const dynamoAdmin = new DynamoDBClient({});
  const ingest = readIngestConfig();
  await ensureRollupTables(dynamoAdmin, {
    userRollups: ingest.userRollupsTable,
    sensorRollups: ingest.sensorRollupsTable,
  });
  const posts = readPostsConfig();
  await ensurePostsTable(dynamoAdmin, posts.table);
  dynamoAdmin.destroy();
  const s3Admin = new S3Client({ forcePathStyle: true });
  await ensureBucket(s3Admin, posts.bucket);
  s3Admin.destroy();
  const kinesisAdmin = kinesisClient(kinesis.url);
  await ensureStreams(kinesisAdmin, Object.values(STREAMS));
  const snsAdmin = new SNSClient({});
  const { TopicArn } = await snsAdmin.send(new CreateTopicCommand({ Name: 'pulse-posts' }));
  const renderArn = functionArn(RENDER_FUNCTION);
  await snsAdmin.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: renderArn }));
  snsAdmin.destroy();
  process.env.POSTS_TOPIC_ARN = TopicArn;
  sns.registerFunction(renderArn, (event, context) => renderHandler(event, context));

  // Event source mappings, checkpointed in the data directory.
  const mappings: EventSourceMapping[] = await Promise.all([
    ...[STREAMS.userRollups, STREAMS.sensorRollups].map((streamName) =>
      startEventSourceMapping({
        client: kinesisAdmin,
        streamName,
        handler: persistHandler,
        checkpointFile: join(dataDir, 'checkpoints', `${streamName}.json`),
      }),
    ),
    ...[STREAMS.userEvents, STREAMS.sensorEvents].map((streamName) =>
      startEventSourceMapping({
        client: kinesisAdmin,
        streamName,
        handler: aggregateHandler,
        tumblingWindowSeconds: TUMBLING_WINDOW_SECONDS[streamName],
        checkpointFile: join(dataDir, 'checkpoints', `${streamName}.json`),
      }),
    ),
  ]);
  closers.unshift(async () => {
    await Promise.all(mappings.map((mapping) => mapping.stop()));
  });

  let devices: SimulatedDevices | undefined;
  if (options.telemetry ?? true) {
    const telemetry = startTelemetry({ client: kinesisAdmin, players: options.players ?? 300 });
    devices = startSimulatedDevices({
      client: new IoTDataPlaneClient({}),
      catalog: stationCatalog,
    });
    closers.unshift(async () => {
      await telemetry.stop();
      await devices?.stop();
    });
  }

  // The base port: the skill endpoint, the posts API, the health check and the simulator page.
  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok', endpoints });
  });
  const verify = options.verifySignature ?? false;
  // The adapter wants an ask-sdk Skill; the Lambda handler (envelope check, lazy build) stands in.
  const skill = {
    invoke: (envelope: RequestEnvelope, context?: unknown): Promise<ResponseEnvelope> =>
      skillHandler(envelope, context as Context | undefined),
    appendAdditionalUserAgent: (): void => undefined,
  };
  app.post('/alexa', new ExpressAdapter(skill as never, verify, verify).getRequestHandlers());
  const postsApi = createHttpApi({
    bearerToken: apiToken,
    routes: [
      { routeKey: 'POST /posts', handler: postsApiHandler, authorize: true },
      { routeKey: 'GET /posts', handler: postsApiHandler, authorize: true },
      { routeKey: 'GET /posts/{postId}', handler: postsApiHandler, authorize: true },
    ],
  });
  const simulator = createSimulator({ apiToken });
  app.use(simulator.router);
  closers.unshift(async () => simulator.close());
  app.use((request, response, next) => {
    postsApi
      .handle(request, response)
      .then((handled) => (handled ? undefined : next()))
      .catch(next);
  });
  const web: LoopbackService = await serveOnLoopback(createServer(app), base);
  closers.unshift(() => web.close());

  return {
    url: web.url,
    apiToken,
    endpoints,
    exports: Object.entries(environment).map(([name, value]) => `export ${name}=${value}`),
    async drain() {
      await Promise.all(mappings.map((mapping) => mapping.drain(120_000)));
      await sns.drain();
    },
    async stop() {
      for (const close of closers) await close();
      kinesisAdmin.destroy();
    },
  };
}
