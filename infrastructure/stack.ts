/** PulseStack: every AWS resource Pulse runs on, synthesized into the template the ASK CLI's cfn-deployer deploys. */
import {
  App,
  Aspects,
  CfnOutput,
  CfnParameter,
  CfnResource,
  DefaultStackSynthesizer,
  Duration,
  Fn,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
} from 'aws-cdk-lib';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AccountRecovery, UserPool } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Stream, StreamEncryption } from 'aws-cdk-lib/aws-kinesis';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  Runtime,
  RuntimeFamily,
  StartingPosition,
} from 'aws-cdk-lib/aws-lambda';
import { KinesisEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { stationCatalog } from '../domain/catalog';
import { MCP_PATH, MCP_ROUTES } from '../lambda/mcp/routes';
import { UNSET_SECRET } from '../lambda/alerts/clientCredentials';
import { ALERTS_TABLE, DEFAULT_ALERTS_TABLE } from '../lambda/alerts/table';
import { RENDER_TIMEOUT_SECONDS } from '../lambda/posts/config';
import { POSTS_ROUTES } from '../lambda/posts/routes';
import { audioKeyOf, DEFAULT_POSTS_TABLE, POSTS_TABLE } from '../lambda/posts/table';
import { STREAMS, TUMBLING_WINDOW_SECONDS } from '../lambda/rollups/streams';
import {
  DEFAULT_TABLE_NAMES,
  SENSOR_ROLLUPS_TABLE,
  USER_ROLLUPS_TABLE,
  type TableDesign,
} from '../lambda/rollups/tables';
import type { FunctionName } from '../scripts/bundle';
import { AlarmNotifications } from './alarms';
import { OmitDefaultDeletionPolicies } from './defaultPolicies';
import { FUNCTION_ENVIRONMENT, handlerOf, type EnvironmentVariable } from './environment';
import { IotDataEndpoint } from './iotDataEndpoint';
import { shortenPermissionIds } from './logicalIds';
import { addPostsRecovery } from './postsRecovery';
import { lambdaRole, omitRoleDependency } from './roles';
import { SensorRule } from './sensorRule';

export const STACK_NAME = 'PulseStack';

/**
 * Kept when the stack is deleted, or a resource replaced, but deleted when the create that made
 * it rolls back: a failed first deploy leaves no fixed-name table behind to block the retry.
 */
const KEEP_DATA = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;

/** Memory and timeout per function, with the reason for each. */
const SIZING: Record<FunctionName, { memoryMiB: number; timeout: Duration }> = {
  // Alexa waits 8 s for an answer; more memory means more CPU, which shortens the cold start
  // (the bundle parses zod schemas, i18n catalogs and the SDK clients) that the user hears.
  skill: { memoryMiB: 512, timeout: Duration.seconds(8) },
  // A batch is at most 100 records written 25 at a time with back-off: seconds, rarely more.
  // The timeout leaves room for the write retries (PULSE_WRITE_MAX_ATTEMPTS) under throttling.
  persist: { memoryMiB: 256, timeout: Duration.seconds(60) },
  // Windows hold per-player and per-sensor state in memory; 256 MiB keeps a 60 s sensor window
  // of a few thousand sensors comfortably, and the final invocation writes it with retries.
  aggregate: { memoryMiB: 256, timeout: Duration.seconds(60) },
  // API Gateway gives up on an integration after 30 s; a request is one or two DynamoDB calls
  // and one SNS publish, so 10 s is generous and stops a hung call from holding a slot.
  postsApi: { memoryMiB: 256, timeout: Duration.seconds(10) },
  // A long post is many SynthesizeSpeech calls (rate-limited, 8 in flight at most) and an MP3
  // concatenated in memory before one PutObject: memory and time sized for posts of ~100k chars.
  render: { memoryMiB: 1024, timeout: Duration.seconds(RENDER_TIMEOUT_SECONDS) },
  // Posts recovery (postsRecovery.ts): a few conditional updates per message or run. The
  // reader's timeout stays within the dead-letter queue's 30 s visibility timeout.
  renderDeadLetters: { memoryMiB: 256, timeout: Duration.seconds(30) },
  postsSweeper: { memoryMiB: 256, timeout: Duration.seconds(60) },
  // An assistant waits on each tool call; more memory means more CPU for the cold start (the MCP
  // SDK, zod schemas, the SDK clients). A call is a few dependency calls under 1 s deadlines.
  mcp: { memoryMiB: 512, timeout: Duration.seconds(10) },
  // One SNS message (one alert) per invocation: a token, then up to PULSE_NOTIFY_MAX_ATTEMPTS (4)
  // requests of at most 5 s with back-off of at most 8 s between them.
  notify: { memoryMiB: 256, timeout: Duration.seconds(90) },
};

export class PulseStack extends Stack {
  /** The functions by name, for tests and outputs. */
  readonly functions: Record<FunctionName, LambdaFunction>;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, {
      ...props,
      // The cfn-deployer deploys the template itself: no CDK bootstrap stack, so no version rule.
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });

    // The parameters the ASK CLI's cfn-deployer passes.
    const skillId = new CfnParameter(this, 'SkillId', {
      type: 'String',
      description: 'Alexa skill ID: the only caller of the skill function',
    });
    const codeBucket = new CfnParameter(this, 'CodeBucket', { type: 'String' });
    const codeKey = new CfnParameter(this, 'CodeKey', { type: 'String' });
    const codeVersion = new CfnParameter(this, 'CodeVersion', { type: 'String' });
    // Passed from ask-resources.json's userConfig; restricted so a mismatch fails at deploy time
    // rather than deploying a skill on another runtime or with a handler the zip does not hold.
    const lambdaRuntime = new CfnParameter(this, 'LambdaRuntime', {
      type: 'String',
      default: 'nodejs22.x',
      allowedValues: ['nodejs22.x'],
    });
    const lambdaHandler = new CfnParameter(this, 'LambdaHandler', {
      type: 'String',
      default: handlerOf('skill'),
      allowedValues: [handlerOf('skill')],
    });

    const text = (id: string, defaultValue: string, description: string) =>
      new CfnParameter(this, id, { type: 'String', default: defaultValue, description })
        .valueAsString;
    const userRollupsName = text(
      'UserRollupsTableName',
      DEFAULT_TABLE_NAMES.userRollups,
      'Table of player rollups',
    );
    const sensorRollupsName = text(
      'SensorRollupsTableName',
      DEFAULT_TABLE_NAMES.sensorRollups,
      'Table of sensor rollups',
    );
    const postsName = text('PostsTableName', DEFAULT_POSTS_TABLE, 'Table of posts');
    const alertsName = text('AlertsTableName', DEFAULT_ALERTS_TABLE, 'Table of alerts');
    // The skill's messaging credentials, which the ASK CLI's cfn-deployer passes once the skill
    // has them (on a first deploy it has none: the defaults leave notifications off until then).
    const skillClientId = text(
      'SkillClientId',
      '',
      'Skill messaging client ID (the ASK CLI passes it)',
    );
    const skillClientSecret = new CfnParameter(this, 'SkillClientSecret', {
      type: 'String',
      noEcho: true,
      default: UNSET_SECRET,
      description: 'Skill messaging client secret (the ASK CLI passes it)',
    });
    const proactiveEventsStage = new CfnParameter(this, 'ProactiveEventsStage', {
      type: 'String',
      default: 'development',
      allowedValues: ['development', 'live'],
      description: 'Proactive Events stage (live once certified)',
    }).valueAsString;
    const pollyEngine = new CfnParameter(this, 'PollyEngine', {
      type: 'String',
      default: 'standard',
      allowedValues: ['standard', 'neural'],
      description: 'Polly engine posts are rendered with',
    }).valueAsString;
    const voiceEnUs = text('PollyVoiceEnUs', 'Joanna', 'Skill voice in en-US');
    const voiceEnGb = text('PollyVoiceEnGb', 'Amy', 'Skill voice in en-GB');
    const voiceDeDe = text('PollyVoiceDeDe', 'Vicki', 'Skill voice in de-DE');
    const retentionDays = text('RollupRetentionDays', '7', 'Days rollups are kept (DynamoDB TTL)');

    // Tables: on demand (idle costs nothing but storage), point-in-time recovery, TTL on rollups.
    const rollupTable = (id: string, tableName: string, design: TableDesign) =>
      new Table(this, id, {
        tableName,
        partitionKey: {
          name: design.partitionKey.name,
          type: attributeType(design.partitionKey.type),
        },
        sortKey: { name: design.sortKey.name, type: attributeType(design.sortKey.type) },
        timeToLiveAttribute: design.ttlAttribute,
        billingMode: BillingMode.PAY_PER_REQUEST,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        removalPolicy: KEEP_DATA,
      });
    const userRollups = rollupTable('UserRollups', userRollupsName, USER_ROLLUPS_TABLE);
    const sensorRollups = rollupTable('SensorRollups', sensorRollupsName, SENSOR_ROLLUPS_TABLE);
    const posts = new Table(this, 'Posts', {
      tableName: postsName,
      partitionKey: {
        name: POSTS_TABLE.partitionKey.name,
        type: attributeType(POSTS_TABLE.partitionKey.type),
      },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: KEEP_DATA,
    });
    posts.addGlobalSecondaryIndex({
      indexName: POSTS_TABLE.feedIndex.name,
      partitionKey: {
        name: POSTS_TABLE.feedIndex.partitionKey.name,
        type: attributeType(POSTS_TABLE.feedIndex.partitionKey.type),
      },
      sortKey: {
        name: POSTS_TABLE.feedIndex.sortKey.name,
        type: attributeType(POSTS_TABLE.feedIndex.sortKey.type),
      },
      projectionType: ProjectionType.ALL,
    });

    // Alerts: a user's in one partition, every alert on a subject in an index for evaluation.
    const { subjectIndex } = ALERTS_TABLE;
    const alertsTable = new Table(this, 'Alerts', {
      tableName: alertsName,
      partitionKey: { name: ALERTS_TABLE.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: ALERTS_TABLE.sortKey.name, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: KEEP_DATA,
    });
    alertsTable.addGlobalSecondaryIndex({
      indexName: subjectIndex.name,
      partitionKey: { name: subjectIndex.partitionKey.name, type: AttributeType.STRING },
      sortKey: { name: subjectIndex.sortKey.name, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });

    // Post audio: private, encrypted, TLS only; audio of deleted posts and stray uploads expire.
    const audioBucket = new Bucket(this, 'PostsAudio', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { noncurrentVersionExpiration: Duration.days(30) },
      ],
      removalPolicy: KEEP_DATA,
    });

    /** Object actions on post audio only (`posts/…`), not on the whole bucket. */
    const allowOnPostAudio = (fn: LambdaFunction, ...actions: string[]) =>
      fn.addToRolePolicy(
        new PolicyStatement({ actions, resources: [audioBucket.arnForObjects(audioKeyOf('*'))] }),
      );
    const alarms = new AlarmNotifications(this, 'Alarms');

    // Streams: one provisioned shard each (a few hundred events a second fit in one shard's
    // 1000 records/s; on-demand mode costs more at idle). They carry data for 24 h, not keep it:
    // deleted with the stack, so none bills by the shard-hour or blocks a redeploy by its name.
    const stream = (id: string, streamName: string) =>
      new Stream(this, id, {
        streamName,
        // Provisioned, CloudFormation's default mode when a shard count is given.
        shardCount: 1,
        retentionPeriod: Duration.hours(24),
        encryption: StreamEncryption.MANAGED,
        removalPolicy: RemovalPolicy.DESTROY,
      });
    const userEvents = stream('UserEvents', STREAMS.userEvents);
    const sensorEvents = stream('SensorEvents', STREAMS.sensorEvents);
    const userRollupsStream = stream('UserRollupsStream', STREAMS.userRollups);
    const sensorRollupsStream = stream('SensorRollupsStream', STREAMS.sensorRollups);

    const code = Code.fromBucket(
      Bucket.fromBucketName(this, 'CodeBucketRef', codeBucket.valueAsString),
      codeKey.valueAsString,
      codeVersion.valueAsString,
    );
    const values: Record<EnvironmentVariable, string> = {
      SKILL_ID: skillId.valueAsString,
      USER_ROLLUPS_TABLE: userRollups.tableName,
      SENSOR_ROLLUPS_TABLE: sensorRollups.tableName,
      POSTS_TABLE: posts.tableName,
      POSTS_BUCKET: audioBucket.bucketName,
      POSTS_TOPIC_ARN: '', // set below, once the topic exists
      PULSE_POLLY_ENGINE: pollyEngine,
      PULSE_VOICE_EN_US: voiceEnUs,
      PULSE_VOICE_EN_GB: voiceEnGb,
      PULSE_VOICE_DE_DE: voiceDeDe,
      PULSE_ROLLUP_RETENTION_DAYS: retentionDays,
      PULSE_RENDER_MAX_ATTEMPTS: '3',
      PULSE_POST_STUCK_MINUTES: '15',
      AWS_ENDPOINT_URL_IOT_DATA_PLANE: '', // set below, once the endpoint is resolved
      ALERTS_TABLE: alertsTable.tableName,
      ALERTS_TOPIC_ARN: '', // set below, once the topic exists
      ALEXA_CLIENT_ID: skillClientId,
      ALEXA_CLIENT_SECRET_ARN: '', // set below, once the secret exists
      PULSE_PROACTIVE_EVENTS_STAGE: proactiveEventsStage,
    };
    const postsTopic = new Topic(this, 'PostsTopic', { displayName: 'Pulse posts to render' });
    values.POSTS_TOPIC_ARN = postsTopic.topicArn;
    // Firing alerts, for notify and for anyone else who subscribes (e-mail, ops).
    const alertsTopic = new Topic(this, 'FiringAlerts', { displayName: 'Pulse alerts' });
    values.ALERTS_TOPIC_ARN = alertsTopic.topicArn;
    // The client secret never sits in an environment variable: notify reads it at run time.
    const clientSecret = new Secret(this, 'SkillClientSecretValue', {
      description: 'Pulse: the skill messaging client secret',
      secretStringValue: SecretValue.cfnParameter(skillClientSecret),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    values.ALEXA_CLIENT_SECRET_ARN = clientSecret.secretArn;
    values.AWS_ENDPOINT_URL_IOT_DATA_PLANE = new IotDataEndpoint(this, 'IotDataEndpoint').url;

    const lambda = (name: FunctionName, extra: { deadLetterQueue?: Queue } = {}) => {
      const logGroup = new LogGroup(this, `${capitalised(name)}Logs`, {
        // A month of logs is enough to debug a report; older logs only cost storage.
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: RemovalPolicy.DESTROY,
      });
      const environment = Object.fromEntries(
        FUNCTION_ENVIRONMENT[name].map((variable) => [variable, values[variable]]),
      );
      const fn = new LambdaFunction(this, `${capitalised(name)}Function`, {
        code,
        role: lambdaRole(this, `${capitalised(name)}Role`, `${capitalised(name)}Role`, logGroup),
        // The skill's handler is the deployer's (allowed: only skill/index.handler).
        handler: name === 'skill' ? lambdaHandler.valueAsString : handlerOf(name),
        runtime: new Runtime(lambdaRuntime.valueAsString, RuntimeFamily.NODEJS),
        // Graviton: cheaper per GB-second, and the bundle is plain JavaScript.
        architecture: Architecture.ARM_64,
        memorySize: SIZING[name].memoryMiB,
        timeout: SIZING[name].timeout,
        // No NODE_OPTIONS=--enable-source-maps: it reads the map at every cold start; each bundle
        // maps a trace itself when one is read (lambda/aws/stackTraces.ts).
        environment,
        logGroup,
        ...extra,
      });
      omitRoleDependency(fn);
      return fn;
    };

    // The skill: reads rollups, posts and audio, and the stations' device shadows.
    const skill = lambda('skill');
    skill.addPermission('AlexaSkill', {
      principal: new ServicePrincipal('alexa-appkit.amazon.com'),
      action: 'lambda:InvokeFunction',
      eventSourceToken: skillId.valueAsString,
    });
    // Each grant is what the function's code calls, on what it calls it (a test reads the code).
    userRollups.grant(skill, 'dynamodb:Query');
    sensorRollups.grant(skill, 'dynamodb:Query');
    // The user's alerts: set (a conditional put), listed, read, deleted; never their state.
    alertsTable.grant(
      skill,
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:DeleteItem',
    );
    posts.grant(skill, 'dynamodb:GetItem', 'dynamodb:Query');
    allowOnPostAudio(skill, 's3:GetObject');
    /** Reads and changes the shadows of the catalog's stations only, no other thing's. */
    const allowOnStationShadows = (fn: LambdaFunction) =>
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['iot:GetThingShadow', 'iot:UpdateThingShadow'],
          resources: stationCatalog.stations.map((station) =>
            Fn.sub(
              'arn:${AWS::Partition}:iot:${AWS::Region}:${AWS::AccountId}:thing/' + station.id,
            ),
          ),
        }),
      );
    allowOnStationShadows(skill);

    // Ingestion: failed batches (after bisecting and retries) go to one queue to inspect.
    const ingestFailures = new Queue(this, 'IngestFailures', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const persist = lambda('persist');
    const aggregate = lambda('aggregate');
    for (const fn of [persist, aggregate]) {
      // Ingestion writes rollups with BatchWriteItem; aggregate's partials need more, below.
      userRollups.grant(fn, 'dynamodb:BatchWriteItem', 'dynamodb:Query');
      sensorRollups.grant(fn, 'dynamodb:BatchWriteItem', 'dynamodb:Query');
      // Alert evaluation after a write: the rollups just written read back whole (above), the
      // alerts on them from the subject index, a change of state (conditional) and its
      // notification published.
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: [`${alertsTable.tableArn}/index/${subjectIndex.name}`],
        }),
      );
      alertsTable.grant(fn, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
      alertsTopic.grantPublish(fn);
    }
    const mapping = (fn: LambdaFunction, source: Stream, tumblingWindowSeconds?: number) =>
      fn.addEventSource(
        new KinesisEventSource(source, {
          startingPosition: StartingPosition.LATEST,
          batchSize: 100,
          reportBatchItemFailures: true,
          bisectBatchOnError: true,
          // A record that still fails after this is set aside rather than blocking the shard.
          retryAttempts: 5,
          maxRecordAge: Duration.hours(1),
          onFailure: new SqsDlq(ingestFailures),
          ...(tumblingWindowSeconds === undefined
            ? {}
            : { tumblingWindow: Duration.seconds(tumblingWindowSeconds) }),
        }),
      );
    mapping(persist, userRollupsStream);
    mapping(persist, sensorRollupsStream);
    mapping(aggregate, userEvents, TUMBLING_WINDOW_SECONDS[STREAMS.userEvents]);
    mapping(aggregate, sensorEvents, TUMBLING_WINDOW_SECONDS[STREAMS.sensorEvents]);
    // Each shard's partials of a minute are one item that aggregate reads before it puts it back
    // with the window in place, conditional on its version (lambda/rollups/playerPartials.ts).
    userRollups.grant(aggregate, 'dynamodb:GetItem', 'dynamodb:PutItem');

    // Station readings published over MQTT reach the sensor stream through the weather-station
    // talk's IoT rule (seed 001).
    new SensorRule(this, 'SensorRule', { stream: sensorEvents, failures: ingestFailures });

    // Posts API: HTTP API, JWT authorizer backed by a Cognito user pool.
    const users = new UserPool(this, 'PostsUsers', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Users sign in by e-mail and have no phone number: recovery by e-mail only.
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: KEEP_DATA,
    });
    // CDK writes Cognito's verification texts out in full; Cognito's own defaults say the same.
    const userPoolResource = users.node.defaultChild as CfnResource;
    for (const property of [
      'EmailVerificationMessage',
      'EmailVerificationSubject',
      'SmsVerificationMessage',
      'VerificationMessageTemplate',
    ])
      userPoolResource.addPropertyDeletionOverride(property);
    const client = users.addClient('PostsClient', {
      // SRP for apps; admin password sign-in lets an operator with IAM rights get a token from
      // the AWS CLI (admin-initiate-auth) for the posts API or an MCP client's bearer header.
      authFlows: { userSrp: true, adminUserPassword: true },
      generateSecret: false,
      // The pool has no OAuth domain (README): no OAuth flows, scopes or callback URLs.
      disableOAuth: true,
    });
    const postsApi = lambda('postsApi');
    posts.grant(
      postsApi,
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    );
    allowOnPostAudio(postsApi, 's3:GetObject');
    postsTopic.grantPublish(postsApi);
    const api = new HttpApi(this, 'PostsHttpApi', {
      defaultAuthorizer: new HttpUserPoolAuthorizer('PostsAuthorizer', users, {
        userPoolClients: [client],
      }),
    });
    const integration = new HttpLambdaIntegration('PostsIntegration', postsApi);
    for (const { method, path } of POSTS_ROUTES)
      api.addRoutes({ path, methods: [HttpMethod[method]], integration });

    // The MCP server: the skill's reads, station changes and posts, for assistants and Alexa+
    // add-ons, at /mcp on the same API and behind the same authorizer.
    const mcp = lambda('mcp');
    userRollups.grant(mcp, 'dynamodb:Query');
    sensorRollups.grant(mcp, 'dynamodb:Query');
    // It creates posts as the API does: put, fail when the announcement fails, get and list.
    posts.grant(
      mcp,
      'dynamodb:PutItem',
      'dynamodb:GetItem',
      'dynamodb:UpdateItem',
      'dynamodb:Query',
    );
    allowOnPostAudio(mcp, 's3:GetObject');
    postsTopic.grantPublish(mcp);
    allowOnStationShadows(mcp);
    const mcpIntegration = new HttpLambdaIntegration('McpIntegration', mcp);
    for (const { method, path } of MCP_ROUTES)
      api.addRoutes({ path, methods: [HttpMethod[method]], integration: mcpIntegration });

    // Render: one SNS message per post; what fails every delivery lands in the dead-letter queue.
    const renderDeadLetters = new Queue(this, 'RenderDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const render = lambda('render', { deadLetterQueue: renderDeadLetters });
    posts.grant(render, 'dynamodb:GetItem', 'dynamodb:UpdateItem');
    // It deletes its own audio when another delivery failed the post meanwhile.
    allowOnPostAudio(render, 's3:PutObject', 's3:DeleteObject');
    render.addToRolePolicy(
      // Polly has no resource for SynthesizeSpeech other than lexicons: the action is the limit.
      new PolicyStatement({ actions: ['polly:SynthesizeSpeech'], resources: ['*'] }),
    );
    postsTopic.addSubscription(
      new LambdaSubscription(render, { deadLetterQueue: renderDeadLetters }),
    );

    // Notify: each firing alert to the Alexa Proactive Events API. What fails every attempt
    // (Lambda's two retries of an asynchronous invocation, or SNS's own delivery) waits in its
    // dead-letter queue, whose alarm tells someone; the alert's state is never touched.
    const notifyDeadLetters = new Queue(this, 'NotifyDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const notify = lambda('notify', { deadLetterQueue: notifyDeadLetters });
    notify.addToRolePolicy(
      new PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [clientSecret.secretArn],
      }),
    );
    alertsTopic.addSubscription(
      new LambdaSubscription(notify, { deadLetterQueue: notifyDeadLetters }),
    );
    // A user's notification subscription, which the skill keeps in the alerts table.
    alertsTable.grant(notify, 'dynamodb:GetItem');

    // Posts recovery: the dead-letter reader and the scheduled sweeper (postsRecovery.ts).
    const recovery = addPostsRecovery(this, {
      makeFunction: (name) => lambda(name),
      posts,
      topic: postsTopic,
      renderDeadLetters,
    });

    // Alarms, each told to the alarm topic: anything in a dead-letter queue, any function error.
    for (const [id, queue] of [
      ['IngestFailures', ingestFailures],
      ['RenderDeadLetters', renderDeadLetters],
      ['NotifyDeadLetters', notifyDeadLetters],
    ] as const) {
      alarms.whenAboveZero(
        `${id}Alarm`,
        `messages waiting in ${id}`,
        queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      );
    }
    this.functions = {
      skill,
      persist,
      aggregate,
      postsApi,
      render,
      renderDeadLetters: recovery.reader,
      postsSweeper: recovery.sweeper,
      mcp,
      notify,
    };
    // Any function's errors: one alarm over all of them (the logs say which function failed);
    // past ten functions, CloudWatch's limit on an alarm's metrics, one more alarm per ten.
    alarms.whenSumAboveZero(
      'FunctionErrorsAlarm',
      'errors in a Pulse function: see its logs',
      Object.values(this.functions).map((fn) => fn.metricErrors({ period: Duration.minutes(5) })),
    );

    // The skill's endpoint is read by the cfn-deployer from this output.
    new CfnOutput(this, 'SkillEndpoint', { value: skill.functionArn });
    new CfnOutput(this, 'PostsApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'McpUrl', { value: `${api.apiEndpoint}${MCP_PATH}` });
    new CfnOutput(this, 'PostsUserPoolId', { value: users.userPoolId });
    new CfnOutput(this, 'PostsUserPoolClientId', { value: client.userPoolClientId });
    new CfnOutput(this, 'PostsAudioBucket', { value: audioBucket.bucketName });
    new CfnOutput(this, 'AlarmTopic', { value: alarms.topic.topicArn });
    new CfnOutput(this, 'AlertsTopic', { value: alertsTopic.topicArn });
    // What keeps the template within TemplateBody's 51,200 bytes, besides the roles (roles.ts).
    shortenPermissionIds(this, this.functions);
    Aspects.of(this).add(new OmitDefaultDeletionPolicies());
  }
}

function attributeType(type: 'S' | 'N'): AttributeType {
  return type === 'S' ? AttributeType.STRING : AttributeType.NUMBER;
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** One synth of the stack, offline: no account, no region lookup, no asset. */
export function synthesizePulse(): PulseStack {
  const app = new App({
    analyticsReporting: false,
    // Statements on the same resources merge into one: the template must fit TemplateBody.
    context: { '@aws-cdk/aws-iam:minimizePolicies': true },
  });
  return new PulseStack(app, STACK_NAME, {
    description: 'Pulse: Alexa skill, ingestion, posts and alerts',
  });
}
