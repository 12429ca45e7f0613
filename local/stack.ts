/**
 * The whole system on one machine: every emulator on 127.0.0.1 from one base port, the Lambdas
 * wired to them exactly as in AWS, state kept in a data directory so a restart keeps it.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stationCatalog } from '../domain/catalog';
import { readPostsConfig, RENDER_TIMEOUT_SECONDS } from '../lambda/posts/config';
import { handler as deadLetterHandler } from '../lambda/posts/deadLetterHandler';
import { handler as sweepHandler } from '../lambda/posts/sweepHandler';
import { handler as renderHandler } from '../lambda/posts/renderHandler';
import { handler as aggregateHandler } from '../lambda/rollups/aggregateHandler';
import { readIngestConfig } from '../lambda/rollups/ingestConfig';
import { handler as persistHandler } from '../lambda/rollups/persistHandler';
import { STREAMS, TUMBLING_WINDOW_SECONDS } from '../lambda/rollups/streams';
import { ensureAlertsTable, ensurePostsTable, ensureRollupTables, startDynamo } from './dynamo';
import { startAlexaApis, type AlexaApis } from './alexaApis';
import { handler as notifyHandler } from '../lambda/alerts/notifyHandler';
import { SKILL_EVENTS } from '../interactionModels/manifest';
import {
  ensureStreams,
  kinesisClient,
  startEventSourceMapping,
  startKinesis,
  type EventSourceMapping,
} from './kinesis';
import { functionArn, lambdaContext } from './lambdaContext';
import { startPolly } from './polly';
import { ensureBucket, startS3 } from './s3';
import { startShadowService } from './shadows';
import { deadLetterQueueEvent, startSns } from './sns';
import { startSimulatedDevices, startTelemetry, type SimulatedDevices } from './telemetry';
import { useEmulators, type EmulatorEndpoints } from './environment';
import { DeadLettersPendingError } from './errors';
import { startBasePort } from './basePort';
import { startSchedule } from './schedule';
import type { EchoIdentity, SimulatedEcho } from './voiceDevice';

export interface StackOptions {
  /** The base port (PULSE_PORT, default 4300); the services take the seven after it. */
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
  /**
   * Shards of each stream (PULSE_STREAM_SHARDS): new streams are made with this many, existing
   * ones resharded to it. Unset: new streams get one shard, existing ones keep theirs.
   */
  readonly streamShards?: number;
  /** How often the posts sweeper runs (an EventBridge schedule in AWS); 60 s. */
  readonly sweepIntervalMs?: number;
  /** The simulated Echo's Alexa user and device (PULSE_ALEXA_USER_ID, PULSE_ALEXA_DEVICE_ID). */
  readonly alexaIdentity?: Partial<EchoIdentity>;
}

export interface Stack {
  readonly url: string;
  readonly apiToken: string;
  readonly endpoints: EmulatorEndpoints;
  /** Login with Amazon and the Proactive Events API (base+7), with the notifications accepted. */
  readonly alexaApis: AlexaApis;
  /** The `export AWS_…=` lines a shell needs to reach the stack with the AWS CLI or any SDK. */
  readonly exports: readonly string[];
  /** The simulated Echo of the simulator page, POST /simulator/say, `npm run ask` and `npm run dialog`. */
  readonly echo: SimulatedEcho;
  /** Processes every record now in the streams and closes every window that has ended. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const RENDER_FUNCTION = 'pulse-render';
const NOTIFY_FUNCTION = 'pulse-notify';
/** The local skill's messaging credentials: made up, known only to the local LWA (base+7). */
const LOCAL_SKILL_CLIENT = {
  clientId: 'amzn1.application-oa2-client.pulse-local',
  clientSecret: 'pulse-local-messaging-secret',
};
/** The render dead-letter queue, in the ARNs of the events its reader gets. */
const RENDER_DEAD_LETTERS_ARN = 'arn:aws:sqs:us-east-1:000000000000:pulse-render-dead-letters';

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const base = options.port ?? 4300;
  const dataDir = resolve(options.dataDir ?? '.pulse');
  for (const folder of ['dynamodb', 'kinesis', 's3', 'checkpoints', 'alexa'])
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
  // Deliveries are journaled in the data directory: a crash of the stack loses none.
  const sns = await startSns({
    port: base + 6,
    dataFile: join(dataDir, 'sns.json'),
    journalDirectory: join(dataDir, 'sns'),
  });
  closers.unshift(async () => {
    // Renders still under way finish before the stores they write to close.
    await sns.drain();
    await sns.close();
  });

  // Alexa's cloud, as far as notifications go: LWA tokens and the Proactive Events API.
  const alexaApis = await startAlexaApis({
    port: base + 7,
    clients: [LOCAL_SKILL_CLIENT],
    publications: SKILL_EVENTS.publications,
    dataFile: join(dataDir, 'alexa', 'notifications.jsonl'),
  });
  closers.unshift(() => alexaApis.close());

  const endpoints = {
    dynamodb: dynamo.url,
    s3: s3.url,
    kinesis: kinesis.url,
    iotdata: shadows.url,
    polly: polly.url,
    sns: sns.url,
  };
  // The Lambdas find the stack the way they find AWS.
  const environment = useEmulators(endpoints);
  process.env.PULSE_SSML_TARGET ??= 'alexa-simulator';
  // notify finds them the way it finds Amazon's hosts, by its settings; its secret is a variable
  // only here (in AWS it is read from Secrets Manager).
  const alexaEnvironment = {
    ALEXA_API_ENDPOINT: alexaApis.url,
    LWA_TOKEN_URL: alexaApis.tokenUrl,
    ALEXA_CLIENT_ID: LOCAL_SKILL_CLIENT.clientId,
    ALEXA_CLIENT_SECRET: LOCAL_SKILL_CLIENT.clientSecret,
  };
  Object.assign(process.env, alexaEnvironment);

  // Resources, created when missing (a restart finds them in the data directory).
  const dynamoAdmin = new DynamoDBClient({});
  const ingest = readIngestConfig();
  await ensureRollupTables(dynamoAdmin, {
    userRollups: ingest.userRollupsTable,
    sensorRollups: ingest.sensorRollupsTable,
  });
  const posts = readPostsConfig();
  await ensurePostsTable(dynamoAdmin, posts.table);
  await ensureAlertsTable(dynamoAdmin, ingest.alertsTable);
  dynamoAdmin.destroy();
  const s3Admin = new S3Client({ forcePathStyle: true });
  await ensureBucket(s3Admin, posts.bucket);
  s3Admin.destroy();
  const kinesisAdmin = kinesisClient(kinesis.url);
  await ensureStreams(kinesisAdmin, Object.values(STREAMS), options.streamShards ?? 1, {
    reshardExisting: options.streamShards !== undefined,
  });
  const snsAdmin = new SNSClient({});
  const { TopicArn } = await snsAdmin.send(new CreateTopicCommand({ Name: 'pulse-posts' }));
  const renderArn = functionArn(RENDER_FUNCTION);
  await snsAdmin.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: renderArn }));
  // Firing alerts: published by persist and aggregate, delivered to notify (and any subscriber).
  const alerts = await snsAdmin.send(new CreateTopicCommand({ Name: 'pulse-alerts' }));
  const notifyArn = functionArn(NOTIFY_FUNCTION);
  await snsAdmin.send(
    new SubscribeCommand({ TopicArn: alerts.TopicArn, Protocol: 'lambda', Endpoint: notifyArn }),
  );
  snsAdmin.destroy();
  process.env.POSTS_TOPIC_ARN = TopicArn;
  process.env.ALERTS_TOPIC_ARN = alerts.TopicArn;
  sns.registerFunction(notifyArn, (event, context) => notifyHandler(event, context), {
    timeoutMs: 90_000,
  });
  sns.registerFunction(renderArn, (event, context) => renderHandler(event, context), {
    timeoutMs: RENDER_TIMEOUT_SECONDS * 1000,
  });
  // What fails every attempt goes to the dead-letter reader, as the SQS trigger on the render
  // dead-letter queue does in AWS; it is retried until the reader has taken it.
  sns.setDeadLetterConsumer(async (all) => {
    // In AWS each function has its own dead-letter queue; notify's letters wait there for
    // someone to look (its alarm fires): here they are logged.
    const notifyLetters = all.filter((letter) =>
      letter.requestContext.functionArn.startsWith(`${notifyArn}:`),
    );
    for (const letter of notifyLetters)
      console.error(
        `alert notification dead-lettered after ${letter.requestContext.approximateInvokeCount} attempts: ${letter.responsePayload.errorMessage}`,
      );
    const letters = all.filter((letter) => !notifyLetters.includes(letter));
    if (letters.length === 0) return;
    const { batchItemFailures } = await deadLetterHandler(
      deadLetterQueueEvent(letters, RENDER_DEAD_LETTERS_ARN),
      lambdaContext({ functionArn: functionArn('pulse-render-dead-letters'), timeoutMs: 30_000 }),
    );
    if (batchItemFailures.length > 0)
      throw new DeadLettersPendingError(`${batchItemFailures.length} dead letters not handled yet`);
  });
  // Deliveries a crash interrupted go on now that the renderer is there.
  sns.resume();
  const sweeper = startSchedule({
    ruleName: 'pulse-posts-sweeper',
    intervalMs: options.sweepIntervalMs ?? 60_000,
    invoke: (event) =>
      sweepHandler(
        event,
        lambdaContext({ functionArn: functionArn('pulse-posts-sweeper'), timeoutMs: 60_000 }),
      ),
  });
  closers.unshift(() => sweeper.stop());

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
  const web = await startBasePort({
    port: base,
    endpoints: { ...endpoints, alexa: alexaApis.url },
    apiToken,
    verifySignature: options.verifySignature ?? false,
    ...(options.alexaIdentity ? { alexaIdentity: options.alexaIdentity } : {}),
    notifications: () => alexaApis.notifications(),
  });
  closers.unshift(() => web.close());

  return {
    url: web.url,
    apiToken,
    endpoints,
    echo: web.echo,
    alexaApis,
    exports: Object.entries({ ...environment, ...alexaEnvironment })
      .filter(([name]) => name !== 'ALEXA_CLIENT_SECRET')
      .map(([name, value]) => `export ${name}=${value}`),
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
