/** The CDK stack's template: environment, table keys, retention, IAM read from the code, Kinesis, the IoT rule and endpoint, alarms, size, drift. */
import {
  CreateTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import {
  ALARM_EMAIL_PARAMETER,
  AlarmNotifications,
  MAX_ALARM_METRICS,
} from '../../infrastructure/alarms';
import { FUNCTION_ENVIRONMENT } from '../../infrastructure/environment';
import { ZIP_FILE_LIMIT } from '../../infrastructure/iotDataEndpoint';
import { SENSOR_RULE_SQL, SENSOR_RULE_SQL_VERSION } from '../../infrastructure/sensorRule';
import { synthesizePulse, type PulseStack } from '../../infrastructure/stack';
import { TEMPLATE_BODY_LIMIT, TEMPLATE_FILE, templateText } from '../../infrastructure/synth';
import { stationCatalog } from '../../domain/catalog';
import { DEFAULT_TABLE_NAMES } from '../../lambda/rollups/tables';
import { RENDER_TIMEOUT_SECONDS } from '../../lambda/posts/config';
import { DEFAULT_POSTS_TABLE } from '../../lambda/posts/table';
import { STREAMS, TUMBLING_WINDOW_SECONDS } from '../../lambda/rollups/streams';
import { ensureAlertsTable, ensurePostsTable, ensureRollupTables } from '../../local/dynamo';
import { DEFAULT_ALERTS_TABLE } from '../../lambda/alerts/table';
import { bundleFunctions, FUNCTIONS, ROOT, type FunctionName } from '../../scripts/bundle';

type Json = Record<string, unknown>;

// One synth for the whole file: it is the slow part.
let stack: PulseStack;
let template: Template;
let json: {
  Resources: Record<
    string,
    { Type: string; Properties: Json; DeletionPolicy?: string; UpdateReplacePolicy?: string }
  >;
  Parameters: Json;
  Conditions: Json;
};

beforeAll(() => {
  stack = synthesizePulse();
  template = Template.fromStack(stack);
  json = template.toJSON() as typeof json;
});

function resourcesOf(type: string): [string, Json][] {
  return Object.entries(json.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties]);
}

/** A plain string, or a Ref to a parameter resolved to its default. */
function resolved(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'Ref' in value) {
    const parameter = json.Parameters[String((value as { Ref: unknown }).Ref)] as
      { Default?: unknown } | undefined;
    return parameter?.Default;
  }
  return value;
}

function functionLogicalId(name: FunctionName): string {
  return stack.getLogicalId(
    stack.functions[name].node.defaultChild as Parameters<PulseStack['getLogicalId']>[0],
  );
}

function functionProperties(name: FunctionName): Json {
  const resource = json.Resources[functionLogicalId(name)];
  if (resource === undefined) throw new Error(`no resource for ${name}`);
  return resource.Properties;
}

function logicalIdOf(type: string, named: (properties: Json) => boolean): string {
  const found = resourcesOf(type).find(([, properties]) => named(properties));
  if (!found) throw new Error(`no ${type} found`);
  return found[0];
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

function listOf<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}

/** The Allow statements of a role's inline policies (in the role, or attached), found by the role's logical id. */
function statementsOfRole(roleLogicalId: string): Statement[] {
  const role = json.Resources[roleLogicalId];
  if (role?.Type !== 'AWS::IAM::Role') throw new Error(`no role ${roleLogicalId}`);
  const inline = (role.Properties.Policies ?? []) as { PolicyDocument: Json }[];
  const attached = resourcesOf('AWS::IAM::Policy')
    .filter(([, p]) =>
      listOf(p.Roles as unknown[]).some(
        (r) => JSON.stringify(r) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .map(([, p]) => ({ PolicyDocument: p.PolicyDocument as Json }));
  return [...inline, ...attached]
    .flatMap((p) => (p.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow');
}

/** A statement that lets a function write its own logs, which every function has (see `IAM`). */
function isLogging(statement: Statement): boolean {
  return listOf(statement.Action).every((a) => a.startsWith('logs:'));
}

function statementsOf(name: FunctionName): Statement[] {
  const role = (functionProperties(name).Role as { 'Fn::GetAtt': [string, string] })[
    'Fn::GetAtt'
  ][0];
  return statementsOfRole(role);
}

function actionsOf(statements: readonly Statement[]): string[] {
  return [...new Set(statements.flatMap((s) => listOf(s.Action)))].sort();
}

describe('functions', () => {
  // Each Handler loading from the zip `ask deploy` builds: test/integration/askCodeBuild.test.ts.
  it('run on nodejs22.x and arm64, with the code from the deployer bucket', () => {
    for (const p of (Object.keys(FUNCTIONS) as FunctionName[]).map(functionProperties)) {
      expect(resolved(p.Runtime)).toBe('nodejs22.x');
      expect(p.Architectures).toEqual(['arm64']);
      expect(p.Code).toEqual({
        S3Bucket: { Ref: 'CodeBucket' },
        S3Key: { Ref: 'CodeKey' },
        S3ObjectVersion: { Ref: 'CodeVersion' },
      });
    }
  });
});

describe('environment', () => {
  /** The configuration modules each function's code reads its environment through. */
  const READS: Record<FunctionName, readonly string[]> = {
    skill: ['lambda/rollups/readerConfig.ts', 'lambda/skill/config.ts', 'lambda/posts/config.ts'],
    persist: ['lambda/rollups/ingestConfig.ts'],
    aggregate: ['lambda/rollups/ingestConfig.ts'],
    postsApi: ['lambda/posts/config.ts'],
    render: ['lambda/posts/config.ts'],
    renderDeadLetters: ['lambda/posts/config.ts'],
    postsSweeper: ['lambda/posts/config.ts'],
    mcp: ['lambda/rollups/readerConfig.ts', 'lambda/posts/config.ts', 'lambda/mcp/config.ts'],
    notify: ['lambda/alerts/notifyConfig.ts'],
  };
  /** Variables the AWS SDK reads itself, set by the stack rather than declared by the code. */
  const READ_BY_THE_SDK = ['AWS_ENDPOINT_URL_IOT_DATA_PLANE'];
  /** Variables a module declares that a function reading it does not use. */
  const UNUSED: Partial<Record<FunctionName, readonly string[]>> = {
    // Only the API publishes new posts.
    skill: ['POSTS_TOPIC_ARN'],
    render: ['POSTS_TOPIC_ARN'],
    // The dead-letter reader only fails posts; the sweeper announces, it touches no audio.
    renderDeadLetters: ['POSTS_BUCKET', 'POSTS_TOPIC_ARN'],
    postsSweeper: ['POSTS_BUCKET'],
    // In AWS the secret is read from Secrets Manager (its ARN is set), and the Alexa hosts are
    // Amazon's, found by the region; these three only point the local stack at its emulator.
    notify: ['ALEXA_CLIENT_SECRET', 'ALEXA_API_ENDPOINT', 'LWA_TOKEN_URL'],
  };

  function declaredIn(file: string): string[] {
    const source = readFileSync(join(ROOT, file), 'utf8');
    // `v.object({…})` (valibot, the Lambdas) or `z.object({…})`; shared settings spread into it
    // (`...readerEnvironment.entries`) are declared in their own module, read on their own.
    const schema = /const environment = [vz]\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? '';
    return [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
  }

  it.each(Object.keys(FUNCTIONS) as FunctionName[])(
    '%s gets every variable the stack lists for it',
    (name) => {
      const variables = (functionProperties(name).Environment as { Variables: Json }).Variables;
      for (const variable of FUNCTION_ENVIRONMENT[name]) {
        expect([variable, variables[variable]]).toEqual([variable, expect.anything()]);
      }
    },
  );

  it.each(Object.keys(FUNCTIONS) as FunctionName[])(
    "%s's list names every resource its code reads, and only variables its code declares",
    (name) => {
      const declared = READS[name].flatMap(declaredIn);
      expect(declared.length).toBeGreaterThan(0);
      const listed: readonly string[] = FUNCTION_ENVIRONMENT[name];
      // Resource names and the skill ID: the code's defaults are the local stack's, wrong in AWS.
      const needed = declared.filter(
        (v) => !v.startsWith('PULSE_') && !(UNUSED[name] ?? []).includes(v),
      );
      expect(needed.filter((v) => !listed.includes(v))).toEqual([]);
      expect(listed.filter((v) => !declared.includes(v) && !READ_BY_THE_SDK.includes(v))).toEqual(
        [],
      );
    },
  );
});

describe('tables', () => {
  /** What the local stack creates: ensure*Tables against a client with no tables. */
  async function localTables(): Promise<Map<string, Json>> {
    const created = new Map<string, Json>();
    const client = {
      send: (command: unknown) => {
        if (command instanceof CreateTableCommand) {
          const input = command.input as unknown as Json;
          created.set(String(input.TableName), input);
          return Promise.resolve({});
        }
        return Promise.reject(new ResourceNotFoundException({ message: 'none', $metadata: {} }));
      },
    } as unknown as DynamoDBClient;
    await ensureRollupTables(client, DEFAULT_TABLE_NAMES);
    await ensurePostsTable(client, DEFAULT_POSTS_TABLE);
    await ensureAlertsTable(client, DEFAULT_ALERTS_TABLE);
    return created;
  }

  const sorted = (list: unknown) =>
    [...(list as Json[])].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it('have the key schemas, attributes and indexes of the local stack', async () => {
    const local = await localTables();
    const tables = resourcesOf('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(local.size);
    for (const [, p] of tables) {
      const name = resolved(p.TableName);
      const design = local.get(String(name));
      expect(design).toBeDefined();
      expect(p.KeySchema).toEqual(design!.KeySchema);
      expect(sorted(p.AttributeDefinitions)).toEqual(sorted(design!.AttributeDefinitions));
      const indexes = (p.GlobalSecondaryIndexes ?? []) as Json[];
      const localIndexes = (design!.GlobalSecondaryIndexes ?? []) as Json[];
      expect(indexes.map((i) => [i.IndexName, i.KeySchema, i.Projection])).toEqual(
        localIndexes.map((i) => [i.IndexName, i.KeySchema, i.Projection]),
      );
    }
  });

  it('are on demand with point-in-time recovery, and rollups expire by TTL', () => {
    for (const [, p] of resourcesOf('AWS::DynamoDB::Table')) {
      expect(p.BillingMode).toBe('PAY_PER_REQUEST');
      expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
    template.resourcePropertiesCountIs(
      'AWS::DynamoDB::Table',
      { TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true } },
      2,
    );
  });
});

describe('IAM', () => {
  it('each role carries its grants inline: no separate policy, no managed policy', () => {
    expect(resourcesOf('AWS::IAM::Policy')).toEqual([]);
    expect(resourcesOf('AWS::IAM::ManagedPolicy')).toEqual([]);
    for (const [id, role] of resourcesOf('AWS::IAM::Role')) {
      expect([id, role.ManagedPolicyArns]).toEqual([id, undefined]);
      expect([id, (role.Policies as unknown[]).length]).toEqual([id, 1]);
    }
  });

  it('every function writes its logs to its own log group and to no other', () => {
    for (const [id, fn] of resourcesOf('AWS::Lambda::Function')) {
      const logGroup = (fn.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      const role = (fn.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      const logging = statementsOfRole(role).filter((s) =>
        listOf(s.Action).some((a) => a.startsWith('logs:')),
      );
      expect([id, logging.map((s) => [s.Action, s.Resource])]).toEqual([
        id,
        [[['logs:CreateLogStream', 'logs:PutLogEvents'], { 'Fn::GetAtt': [logGroup, 'Arn'] }]],
      ]);
    }
  });

  it('every function is created after its role, which it names (no DependsOn needed)', () => {
    for (const [id, resource] of Object.entries(json.Resources).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function',
    )) {
      const role = (resource.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
      expect([id, role[1], json.Resources[role[0]]?.Type]).toEqual([id, 'Arn', 'AWS::IAM::Role']);
    }
  });

  it('every DependsOn names a resource of the template', () => {
    const ids = Object.keys(json.Resources);
    for (const [id, resource] of Object.entries(json.Resources)) {
      const dependsOn = listOf((resource as { DependsOn?: string | string[] }).DependsOn ?? []);
      expect([id, dependsOn.filter((d) => !ids.includes(d))]).toEqual([id, []]);
    }
  });

  it('no statement allows every action or every action of a service', () => {
    const documents = [
      ...resourcesOf('AWS::IAM::Policy').map(([, p]) => p.PolicyDocument),
      ...resourcesOf('AWS::IAM::Role').flatMap(([, p]) =>
        ((p.Policies ?? []) as Json[]).map((policy) => policy.PolicyDocument),
      ),
    ] as { Statement: { Effect: string; Action: string | string[] }[] }[];
    expect(documents.length).toBeGreaterThan(0);
    const actions = documents
      .flatMap((d) => d.Statement)
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
    expect(actions.filter((a) => a === '*' || a.endsWith(':*'))).toEqual([]);
  });

  it('only the skill, through its skill ID, may be invoked by Alexa', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'alexa-appkit.amazon.com',
      EventSourceToken: { Ref: 'SkillId' },
    });
  });
});

describe('Kinesis', () => {
  it('has the four streams', () => {
    const names = resourcesOf('AWS::Kinesis::Stream').map(([, p]) => p.Name);
    expect(names.sort()).toEqual(Object.values(STREAMS).sort());
  });

  it('every mapping reports batch item failures, bisects and sends failures to SQS', () => {
    const streams = resourcesOf('AWS::Kinesis::Stream').map(([id]) => id);
    const mappings = resourcesOf('AWS::Lambda::EventSourceMapping').filter(([, p]) =>
      streams.includes((p.EventSourceArn as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]),
    );
    expect(mappings).toHaveLength(4);
    for (const [, p] of mappings) {
      expect(p.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(p.BisectBatchOnFunctionError).toBe(true);
      expect(p.DestinationConfig).toEqual({
        OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } },
      });
    }
    const windows = mappings.map(([, p]) => p.TumblingWindowInSeconds).filter(Boolean);
    expect(windows.sort()).toEqual(Object.values(TUMBLING_WINDOW_SECONDS).sort());
  });
});

describe('the IoT topic rule', () => {
  type RulePayload = {
    Sql: string;
    AwsIotSqlVersion: string;
    Actions: { Kinesis?: { StreamName: unknown; RoleArn: unknown } }[];
    ErrorAction: { Sqs?: { QueueUrl: unknown; RoleArn: unknown; UseBase64: boolean } };
  };
  let payload: RulePayload;
  let ruleRole: string;

  beforeAll(() => {
    const rules = resourcesOf('AWS::IoT::TopicRule');
    expect(rules).toHaveLength(1);
    payload = rules[0]![1].TopicRulePayload as RulePayload;
    ruleRole = (payload.Actions[0]?.Kinesis?.RoleArn as { 'Fn::GetAtt': [string] })[
      'Fn::GetAtt'
    ][0];
  });

  it('puts seed 001 readings, reshaped by the checked SQL, on the sensor stream', () => {
    expect(payload.Sql).toBe(SENSOR_RULE_SQL);
    expect(payload.AwsIotSqlVersion).toBe(SENSOR_RULE_SQL_VERSION);
    const streamId = logicalIdOf('AWS::Kinesis::Stream', (p) => p.Name === STREAMS.sensorEvents);
    expect(payload.Actions).toEqual([
      { Kinesis: expect.objectContaining({ StreamName: { Ref: streamId } }) },
    ]);
  });

  it('sends what the Kinesis action could not deliver to the ingestion failures queue', () => {
    const [failures] = resourcesOf('AWS::SQS::Queue').find(([id]) =>
      id.startsWith('IngestFailures'),
    )!;
    expect(payload.ErrorAction).toEqual({
      Sqs: {
        QueueUrl: { Ref: failures },
        RoleArn: { 'Fn::GetAtt': [ruleRole, 'Arn'] },
        UseBase64: false,
      },
    });
  });

  it('may put records on the sensor stream and send to the failures queue, nothing else', () => {
    const statements = statementsOfRole(ruleRole);
    expect(statements.map((s) => [s.Action, s.Resource])).toEqual([
      [
        'kinesis:PutRecord',
        {
          'Fn::GetAtt': [
            logicalIdOf('AWS::Kinesis::Stream', (p) => p.Name === STREAMS.sensorEvents),
            'Arn',
          ],
        },
      ],
      ['sqs:SendMessage', { 'Fn::GetAtt': [expect.stringMatching(/^IngestFailures/), 'Arn'] }],
    ]);
  });
});

describe('storage and API', () => {
  it('the bucket blocks public access and is encrypted', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
    });
  });

  it('the posts API uses a JWT authorizer on every route', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    for (const [, p] of resourcesOf('AWS::ApiGatewayV2::Route')) {
      expect(p.AuthorizationType).toBe('JWT');
    }
  });

  it('the MCP server answers ANY /mcp on the same API, behind its JWT authorizer, and its URL is an output', () => {
    const routes = resourcesOf('AWS::ApiGatewayV2::Route').map(([, p]) => p);
    const mcp = routes.filter((p) => p.RouteKey === 'ANY /mcp');
    expect(mcp).toHaveLength(1);
    expect(mcp[0]).toMatchObject({ AuthorizationType: 'JWT' });
    const [integrationId] = resourcesOf('AWS::ApiGatewayV2::Integration').find(
      ([, p]) =>
        JSON.stringify(p.IntegrationUri) ===
        JSON.stringify({ 'Fn::GetAtt': [functionLogicalId('mcp'), 'Arn'] }),
    )!;
    expect(mcp[0]!.Target).toEqual({
      'Fn::Join': ['', ['integrations/', { Ref: integrationId }]],
    });
    const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
    expect(JSON.stringify(outputs.McpUrl?.Value)).toContain('/mcp');
  });

  it('the user pool client signs in by SRP, and by admin password for a token from the AWS CLI (README)', () => {
    const clients = resourcesOf('AWS::Cognito::UserPoolClient');
    expect(clients).toHaveLength(1);
    expect([...(clients[0]![1].ExplicitAuthFlows as string[])].sort()).toEqual([
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(clients[0]![1].GenerateSecret).toBe(false);
    // The pool has no OAuth domain: no OAuth flow, scope or callback URL is offered.
    expect(clients[0]![1]).toMatchObject({ AllowedOAuthFlowsUserPoolClient: false });
    for (const property of ['AllowedOAuthFlows', 'AllowedOAuthScopes', 'CallbackURLs'])
      expect(clients[0]![1]).not.toHaveProperty(property);
  });

  it('render and notify have dead-letter queues; alarms watch every queue and every function', () => {
    for (const name of ['render', 'notify'] as const)
      expect(functionProperties(name).DeadLetterConfig).toEqual({
        TargetArn: {
          'Fn::GetAtt': [
            expect.stringMatching(
              new RegExp(`^${name === 'render' ? 'Render' : 'Notify'}DeadLetters`),
            ) as string,
            'Arn',
          ],
        },
      });
    const alarms = resourcesOf('AWS::CloudWatch::Alarm');
    const queueAlarms = alarms.filter(([, p]) => p.Namespace === 'AWS/SQS');
    expect(queueAlarms.map(([, p]) => JSON.stringify(p.Dimensions)).sort()).toEqual(
      resourcesOf('AWS::SQS::Queue')
        .map(([id]) =>
          JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }]),
        )
        .sort(),
    );
    // Metric-math alarms over every function's errors: one per ten functions at most, since
    // CloudWatch takes no more than MAX_ALARM_METRICS metrics in an alarm's expression.
    const errorAlarms = alarms.filter(([, p]) => p.Metrics !== undefined);
    const names = Object.keys(FUNCTIONS) as FunctionName[];
    expect(errorAlarms).toHaveLength(Math.ceil(names.length / MAX_ALARM_METRICS));
    const watched = errorAlarms.flatMap(([id, p]) => {
      const metrics = p.Metrics as {
        Id: string;
        Expression?: string;
        MetricStat?: { Metric: { MetricName: string; Dimensions: { Value: unknown }[] } };
      }[];
      const stats = metrics.filter((m) => m.MetricStat);
      expect([id, stats.length <= MAX_ALARM_METRICS]).toEqual([id, true]);
      expect(metrics.filter((m) => m.Expression).map((m) => m.Expression)).toEqual([
        `SUM([${stats.map((m) => m.Id).join(',')}])`,
      ]);
      return stats.map((m) => [
        m.MetricStat!.Metric.MetricName,
        m.MetricStat!.Metric.Dimensions[0]!.Value,
      ]);
    });
    expect(watched.sort()).toEqual(
      names.map((name) => ['Errors', { Ref: functionLogicalId(name) }]).sort(),
    );
    expect(alarms).toHaveLength(queueAlarms.length + errorAlarms.length);
  });

  it("splits errors over alarms of at most ten metrics each, CloudWatch's hard limit", () => {
    expect(MAX_ALARM_METRICS).toBe(10);
    const scope = new Stack(new App(), 'AlarmLimit');
    const alarms = new AlarmNotifications(scope, 'Alarms');
    const metrics = Array.from(
      { length: 23 },
      (_, i) => new Metric({ namespace: 'Test', metricName: `M${i}` }),
    );
    const made = alarms.whenSumAboveZero('Errors', 'errors', metrics);
    expect(made.map((alarm) => alarm.node.id)).toEqual(['Errors', 'Errors2', 'Errors3']);
    const rendered = Object.values(
      (
        Template.fromStack(scope).toJSON() as {
          Resources: Record<string, { Type: string; Properties: Json }>;
        }
      ).Resources,
    ).filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
    const used = rendered.map((r) =>
      (r.Properties.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[])
        .filter((m) => m.MetricStat)
        .map((m) => m.MetricStat!.Metric.MetricName),
    );
    expect(used.map((names) => names.length)).toEqual([10, 10, 3]);
    expect(used.flat()).toEqual(metrics.map((m) => m.metricName));
    expect(rendered.map((r) => r.Properties.AlarmDescription)).toEqual([
      'errors (1 of 3)',
      'errors (2 of 3)',
      'errors (3 of 3)',
    ]);
  });
});

describe('alarms notify someone', () => {
  it('every alarm tells the alarm topic when it fires and when it clears', () => {
    const topic = logicalIdOf('AWS::SNS::Topic', (p) => p.DisplayName === 'Pulse alarms');
    const alarms = resourcesOf('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(0);
    for (const [id, p] of alarms) {
      expect([id, p.AlarmActions, p.OKActions]).toEqual([id, [{ Ref: topic }], [{ Ref: topic }]]);
    }
  });

  it('subscribes the AlarmEmail parameter by e-mail, and only when it is given', () => {
    const topic = logicalIdOf('AWS::SNS::Topic', (p) => p.DisplayName === 'Pulse alarms');
    expect(json.Parameters[ALARM_EMAIL_PARAMETER]).toMatchObject({ Type: 'String', Default: '' });
    const subscriptions = Object.entries(json.Resources).filter(
      ([, r]) => r.Type === 'AWS::SNS::Subscription' && r.Properties.Protocol === 'email',
    );
    expect(subscriptions).toHaveLength(1);
    const [, subscription] = subscriptions[0]!;
    expect(subscription.Properties).toEqual({
      TopicArn: { Ref: topic },
      Protocol: 'email',
      Endpoint: { Ref: ALARM_EMAIL_PARAMETER },
    });
    const condition = (subscription as { Condition?: string }).Condition!;
    expect(json.Conditions[condition]).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: ALARM_EMAIL_PARAMETER }, ''] }],
    });
  });
});

describe('a failed first create can be retried', () => {
  /** Properties that give a resource a fixed name, which a leftover copy would clash with. */
  const NAME_PROPERTIES = [
    'TableName',
    'Name',
    'BucketName',
    'QueueName',
    'TopicName',
    'FunctionName',
    'RoleName',
    'UserPoolName',
    'LogGroupName',
    'RuleName',
  ];

  it('no resource is retained when the create that made it rolls back', () => {
    const retained = Object.entries(json.Resources)
      .filter(([, r]) => r.DeletionPolicy === 'Retain' || r.DeletionPolicy === 'Snapshot')
      .map(([id]) => id);
    expect(retained).toEqual([]);
    const namedAndKept = Object.entries(json.Resources)
      .filter(([, r]) => NAME_PROPERTIES.some((name) => r.Properties?.[name] !== undefined))
      .filter(
        ([, r]) =>
          r.DeletionPolicy !== undefined &&
          r.DeletionPolicy !== 'Delete' &&
          r.DeletionPolicy !== 'RetainExceptOnCreate',
      )
      .map(([id]) => id);
    expect(namedAndKept).toEqual([]);
  });

  it('tables, the audio bucket and the user pool keep their data when the stack is deleted', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Cognito::UserPool']) {
      const resources = Object.entries(json.Resources).filter(([, r]) => r.Type === type);
      expect(resources.length).toBeGreaterThan(0);
      for (const [id, r] of resources) {
        expect([id, r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual([
          id,
          'RetainExceptOnCreate',
          'Retain',
        ]);
      }
    }
  });

  it('streams, which only carry data for a day, are deleted with the stack', () => {
    for (const [id, r] of Object.entries(json.Resources).filter(
      ([, r]) => r.Type === 'AWS::Kinesis::Stream',
    )) {
      expect([id, r.DeletionPolicy ?? 'Delete']).toEqual([id, 'Delete']);
    }
  });
});

describe("the skill's IoT data endpoint", () => {
  let endpointId: string;
  let providerId: string;

  beforeAll(() => {
    [endpointId] = Object.entries(json.Resources).find(
      ([, r]) => r.Type === 'Custom::IotDataEndpoint',
    )!;
    providerId = (
      json.Resources[endpointId]!.Properties.ServiceToken as { 'Fn::GetAtt': [string] }
    )['Fn::GetAtt'][0];
  });

  it('sets AWS_ENDPOINT_URL_IOT_DATA_PLANE on the skill to https:// and the resolved address', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Handler: { Ref: 'LambdaHandler' },
      Environment: {
        Variables: Match.objectLike({
          AWS_ENDPOINT_URL_IOT_DATA_PLANE: {
            'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [endpointId, 'Address'] }]],
          },
        }),
      },
    });
  });

  it('is resolved by a custom resource whose function carries its code inline: no CDK asset', () => {
    template.hasResource('Custom::IotDataEndpoint', {
      Properties: { ServiceToken: { 'Fn::GetAtt': [providerId, 'Arn'] }, ServiceTimeout: '180' },
    });
    const provider = json.Resources[providerId]!.Properties;
    expect(provider.Runtime).toBe('nodejs22.x');
    expect(provider.Handler).toBe('index.handler');
    const code = (provider.Code as { ZipFile: string }).ZipFile;
    expect(code.length).toBeLessThanOrEqual(ZIP_FILE_LIMIT);
    expect(code).toContain('iot:Data-ATS');
    // Every other function runs the deployer's zip; nothing refers to a CDK bootstrap bucket.
    expect(JSON.stringify(json)).not.toMatch(
      /cdk-[a-z0-9]+-assets|AssetParameters|BootstrapVersion/,
    );
  });

  it('its function may call iot:DescribeEndpoint and nothing else', () => {
    const role = (json.Resources[providerId]!.Properties.Role as { 'Fn::GetAtt': [string] })[
      'Fn::GetAtt'
    ][0];
    expect(
      statementsOfRole(role)
        .filter((s) => !isLogging(s))
        .map((s) => [s.Action, s.Resource]),
    ).toEqual([['iot:DescribeEndpoint', '*']]);
  });
});

describe('alerts and notifications', () => {
  it('take the SkillClientId and SkillClientSecret the ASK CLI passes, with defaults for a first deploy', () => {
    expect(json.Parameters.SkillClientId).toMatchObject({ Type: 'String', Default: '' });
    expect(json.Parameters.SkillClientSecret).toMatchObject({
      Type: 'String',
      NoEcho: true,
      Default: 'none',
    });
    expect(json.Parameters.ProactiveEventsStage).toMatchObject({
      Default: 'development',
      AllowedValues: ['development', 'live'],
    });
  });

  it('keep the client secret in Secrets Manager, out of every environment variable', () => {
    const secrets = resourcesOf('AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(1);
    const [secretId, secret] = secrets[0]!;
    expect(secret.SecretString).toEqual({ Ref: 'SkillClientSecret' });
    for (const [, fn] of resourcesOf('AWS::Lambda::Function'))
      expect(JSON.stringify(fn.Environment ?? {})).not.toContain('{"Ref":"SkillClientSecret"}');
    expect(
      (functionProperties('notify').Environment as { Variables: Json }).Variables,
    ).toMatchObject({
      ALEXA_CLIENT_ID: { Ref: 'SkillClientId' },
      ALEXA_CLIENT_SECRET_ARN: { Ref: secretId },
      PULSE_PROACTIVE_EVENTS_STAGE: { Ref: 'ProactiveEventsStage' },
    });
  });

  it('subscribe notify to the alerts topic, with a dead-letter queue for what SNS cannot deliver', () => {
    const alertsTopic = logicalIdOf('AWS::SNS::Topic', (p) => p.DisplayName === 'Pulse alerts');
    const subscriptions = resourcesOf('AWS::SNS::Subscription').filter(
      ([, p]) => JSON.stringify(p.TopicArn) === JSON.stringify({ Ref: alertsTopic }),
    );
    expect(subscriptions).toEqual([
      [
        expect.any(String),
        expect.objectContaining({
          Protocol: 'lambda',
          Endpoint: { 'Fn::GetAtt': [functionLogicalId('notify'), 'Arn'] },
          RedrivePolicy: {
            deadLetterTargetArn: {
              'Fn::GetAtt': [expect.stringMatching(/^NotifyDeadLetters/) as string, 'Arn'],
            },
          },
        }),
      ],
    ]);
  });

  it('have a table keyed by Alexa user, with an index by subject holding everything evaluation reads', () => {
    const [, table] = resourcesOf('AWS::DynamoDB::Table').find(
      ([, p]) => resolved(p.TableName) === DEFAULT_ALERTS_TABLE,
    )!;
    expect(table.KeySchema).toEqual([
      { AttributeName: 'userId', KeyType: 'HASH' },
      { AttributeName: 'alertId', KeyType: 'RANGE' },
    ]);
    expect(table.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'bySubject',
        KeySchema: [
          { AttributeName: 'subject', KeyType: 'HASH' },
          { AttributeName: 'userId', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
    expect(table.TimeToLiveSpecification).toBeUndefined();
  });
});

describe('posts recovery', () => {
  const functionLogicalId = (name: FunctionName) =>
    stack.getLogicalId(
      stack.functions[name].node.defaultChild as Parameters<PulseStack['getLogicalId']>[0],
    );
  /** Every action a function's role allows. */
  /** What the function may do besides writing its own logs (every function may: see `IAM`). */
  const allowedActions = (name: FunctionName) =>
    actionsOf(statementsOf(name).filter((s) => !isLogging(s)));

  it('the render dead-letter queue triggers its reader, which reports failed messages', () => {
    const [queueId] = resourcesOf('AWS::SQS::Queue').find(([id]) =>
      id.startsWith('RenderDeadLetters'),
    )!;
    const mappings = resourcesOf('AWS::Lambda::EventSourceMapping').filter(
      ([, p]) =>
        JSON.stringify(p.EventSourceArn) === JSON.stringify({ 'Fn::GetAtt': [queueId, 'Arn'] }),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1]).toMatchObject({
      FunctionName: { Ref: functionLogicalId('renderDeadLetters') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // The reader's timeout must fit in the queue's visibility timeout (30 s by default).
    const visibility = (json.Resources[queueId]!.Properties.VisibilityTimeout as number) ?? 30;
    expect(functionProperties('renderDeadLetters').Timeout).toBeLessThanOrEqual(visibility);
  });

  it('the dead-letter reader may only consume its queue and update posts', () => {
    expect(allowedActions('renderDeadLetters')).toEqual(
      [
        'dynamodb:UpdateItem',
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ].sort(),
    );
  });

  it('the sweeper runs every five minutes and may read PROCESSING posts, update them and announce them', () => {
    const rules = resourcesOf('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]![1]).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [{ Arn: { 'Fn::GetAtt': [functionLogicalId('postsSweeper'), 'Arn'] } }],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [functionLogicalId('postsSweeper'), 'Arn'] },
    });
    expect(allowedActions('postsSweeper')).toEqual(
      ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'sns:Publish'].sort(),
    );
    const query = statementsOf('postsSweeper').find((s) => s.Action === 'dynamodb:Query')!;
    expect(JSON.stringify(query.Resource)).toContain('/index/pendingByUpdatedAt');
  });

  it('render has the timeout its deadline counts from', () => {
    expect(functionProperties('render').Timeout).toBe(RENDER_TIMEOUT_SECONDS);
  });
});

describe('least privilege, read from the code', () => {
  /** The IAM action each AWS SDK command of ours needs (a presigned GET is the caller's GetObject). */
  const ACTION_OF_COMMAND: Readonly<Record<string, string>> = {
    presignGet: 's3:GetObject',
    QueryCommand: 'dynamodb:Query',
    GetCommand: 'dynamodb:GetItem',
    PutCommand: 'dynamodb:PutItem',
    UpdateCommand: 'dynamodb:UpdateItem',
    DeleteCommand: 'dynamodb:DeleteItem',
    GetSecretValueCommand: 'secretsmanager:GetSecretValue',
    BatchWriteCommand: 'dynamodb:BatchWriteItem',
    GetObjectCommand: 's3:GetObject',
    PutObjectCommand: 's3:PutObject',
    DeleteObjectCommand: 's3:DeleteObject',
    PublishCommand: 'sns:Publish',
    SynthesizeSpeechCommand: 'polly:SynthesizeSpeech',
    GetThingShadowCommand: 'iot:GetThingShadow',
    UpdateThingShadowCommand: 'iot:UpdateThingShadow',
  };
  /** Services a function's code calls; other grants (Kinesis reads, queue sends) are Lambda's own. */
  const CODE_SERVICES = ['dynamodb', 's3', 'sns', 'polly', 'iot', 'secretsmanager'];
  /** Commands in a module a function bundles but whose call it never makes, and why. */
  const NEVER_CALLED: Partial<Record<FunctionName, readonly string[]>> = {
    // The ingestion dependencies build aggregate's shard-partial writer (PutItem) for persist
    // too; evaluation uses the alerts repository's reads and state changes, never its creation
    // or deletion.
    persist: ['dynamodb:PutItem', 'dynamodb:DeleteItem'],
    aggregate: ['dynamodb:DeleteItem'],
    // Its posts service is get and list only (SkillServices.posts); audio is only presigned; its
    // alerts are set, listed and deleted, their state changed only by evaluation.
    skill: ['dynamodb:UpdateItem', 's3:PutObject', 's3:DeleteObject'],
    // The API only presigns audio URLs; render writes and deletes audio.
    postsApi: ['s3:PutObject', 's3:DeleteObject'],
    // Render claims, completes, fails and reads one post; it never creates or lists them. It
    // reads announcements (announcement.ts) but never publishes one.
    render: ['dynamodb:PutItem', 'dynamodb:Query', 's3:GetObject', 'sns:Publish'],
    // The posts dependencies hold the whole repository; the reader only fails posts.
    renderDeadLetters: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'sns:Publish'],
    // The sweeper reads, re-announces and fails posts; it never creates one.
    postsSweeper: ['dynamodb:PutItem'],
  };

  let callable: Map<FunctionName, string[]>;
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'pulse-iam-'));
    const bundles = await bundleFunctions(outDir);
    callable = new Map(
      bundles.map((bundle) => {
        const commands = bundle.sources
          .filter((source) => source.endsWith('.ts'))
          .flatMap((source) => [
            ...readFileSync(join(ROOT, source), 'utf8').matchAll(
              /\bnew (\w+Command)\(|\.(presignGet)\(/g,
            ),
          ])
          .map((match) => (match[1] ?? match[2])!);
        const actions = commands.map((command) => {
          const action = ACTION_OF_COMMAND[command];
          if (!action) throw new Error(`${bundle.name}: no IAM action known for ${command}`);
          return action;
        });
        return [bundle.name, [...new Set(actions)].sort()];
      }),
    );
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(Object.keys(FUNCTIONS) as FunctionName[])(
    '%s is granted exactly the calls its code makes',
    (name) => {
      const granted = actionsOf(statementsOf(name)).filter((a) =>
        CODE_SERVICES.includes(a.split(':')[0]!),
      );
      const needed = callable.get(name)!.filter((a) => !(NEVER_CALLED[name] ?? []).includes(a));
      expect({ name, granted }).toEqual({ name, granted: needed });
    },
  );

  it.each(['skill', 'mcp'] as const)(
    "%s: the IoT actions name the catalog stations' things, and no other thing",
    (name) => {
      const iot = statementsOf(name).filter((s) =>
        listOf(s.Action).some((a) => a.startsWith('iot:')),
      );
      expect(iot).toHaveLength(1);
      const things = listOf(iot[0]!.Resource as { 'Fn::Sub': string }[]).map((r) => r['Fn::Sub']);
      expect(things.sort()).toEqual(
        stationCatalog.stations
          .map(
            (station) =>
              `arn:\${AWS::Partition}:iot:\${AWS::Region}:\${AWS::AccountId}:thing/${station.id}`,
          )
          .sort(),
      );
    },
  );

  it('object actions are on post audio only, and only render may delete', () => {
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      const s3 = statementsOf(name).filter((s) =>
        listOf(s.Action).some((a) => a.startsWith('s3:')),
      );
      for (const statement of s3) {
        expect(JSON.stringify(statement.Resource)).toMatch(/"\/posts\/\*\.mp3"/);
      }
      const deletes = actionsOf(s3).filter((a) => a.startsWith('s3:Delete'));
      expect({ name, deletes }).toEqual({
        name,
        deletes: name === 'render' ? ['s3:DeleteObject'] : [],
      });
    }
  });

  /** The table (or `<table>/index/<name>`) a statement names, by the table's name parameter. */
  function tablesOf(statement: Statement): string[] {
    return listOf(statement.Resource as unknown[]).map((resource) => {
      const text = JSON.stringify(resource);
      const [id] =
        resourcesOf('AWS::DynamoDB::Table').find(([tableId]) => text.includes(`"${tableId}"`)) ??
        [];
      const table = id ? String(resolved(json.Resources[id]!.Properties.TableName)) : text;
      const index = /\/index\/(\w+)/.exec(text)?.[1];
      return index ? `${table}/index/${index}` : table;
    });
  }

  /** Each DynamoDB action of the function, with the tables (and indexes) it is allowed on. */
  function dynamoGrants(name: FunctionName): Record<string, string[]> {
    const grants: Record<string, string[]> = {};
    for (const statement of statementsOf(name))
      for (const action of listOf(statement.Action).filter((a) => a.startsWith('dynamodb:')))
        (grants[action] ??= []).push(...tablesOf(statement));
    for (const action of Object.keys(grants)) grants[action] = [...new Set(grants[action])].sort();
    return grants;
  }

  it('ingestion writes rollups and reads back what it wrote, and changes only the state of alerts', () => {
    const rollups = ['pulse-sensor-rollups', 'pulse-user-rollups'];
    expect(dynamoGrants('persist')).toEqual({
      'dynamodb:BatchWriteItem': rollups,
      'dynamodb:Query': [...rollups, 'pulse-alerts/index/bySubject'].sort(),
      'dynamodb:GetItem': ['pulse-alerts'],
      'dynamodb:UpdateItem': ['pulse-alerts'],
    });
    expect(dynamoGrants('aggregate')).toEqual({
      'dynamodb:BatchWriteItem': rollups,
      'dynamodb:Query': [...rollups, 'pulse-alerts/index/bySubject'].sort(),
      // A shard's partials of a minute are read back and put with a version check.
      'dynamodb:GetItem': ['pulse-alerts', 'pulse-user-rollups'],
      'dynamodb:PutItem': ['pulse-user-rollups'],
      'dynamodb:UpdateItem': ['pulse-alerts'],
    });
  });

  it('the skill reads rollups and posts, and sets, lists and deletes alerts, never their state', () => {
    expect(dynamoGrants('skill')).toEqual({
      'dynamodb:Query': [
        'pulse-alerts',
        'pulse-posts',
        'pulse-sensor-rollups',
        'pulse-user-rollups',
      ],
      'dynamodb:GetItem': ['pulse-alerts', 'pulse-posts'],
      'dynamodb:PutItem': ['pulse-alerts'],
      'dynamodb:DeleteItem': ['pulse-alerts'],
    });
  });

  it("alerts are published by ingestion only, on the alerts topic; notify may read the client secret and the users' subscriptions, nothing else", () => {
    const topicOf = (displayName: string) =>
      logicalIdOf('AWS::SNS::Topic', (p) => p.DisplayName === displayName);
    for (const name of ['persist', 'aggregate'] as const) {
      const publish = statementsOf(name).filter((s) => listOf(s.Action).includes('sns:Publish'));
      expect(publish.map((s) => s.Resource)).toEqual([{ Ref: topicOf('Pulse alerts') }]);
    }
    const [secretId] = resourcesOf('AWS::SecretsManager::Secret')[0]!;
    const [alertsTableId] = resourcesOf('AWS::DynamoDB::Table').find(([id]) =>
      id.startsWith('Alerts'),
    )!;
    expect(
      statementsOf('notify')
        .filter((s) => !isLogging(s))
        .map((s) => [s.Action, s.Resource]),
    ).toEqual([
      [
        'sqs:SendMessage',
        { 'Fn::GetAtt': [expect.stringMatching(/^NotifyDeadLetters/) as string, 'Arn'] },
      ],
      ['secretsmanager:GetSecretValue', { Ref: secretId }],
      // The subscription a user's Alexa reported, kept by the skill in the alerts table.
      ['dynamodb:GetItem', expect.arrayContaining([{ 'Fn::GetAtt': [alertsTableId, 'Arn'] }])],
    ]);
  });
});

describe("ask-resources.json's cfn-deployer settings", () => {
  interface DeployerConfig {
    runtime: string;
    handler: string;
    awsRegion: string;
    templatePath: string;
    cfn: { parameters: Record<string, string> };
  }
  const config = (
    JSON.parse(readFileSync(join(ROOT, 'ask-resources.json'), 'utf8')) as {
      profiles: { default: { skillInfrastructure: { type: string; userConfig: DeployerConfig } } };
    }
  ).profiles.default.skillInfrastructure;
  /** Parameters the deployer sets itself; ask-resources.json may not name them. */
  const RESERVED = [
    'SkillId',
    'SkillClientId',
    'SkillClientSecret',
    'LambdaRuntime',
    'LambdaHandler',
    'CodeBucket',
    'CodeKey',
    'CodeVersion',
  ];

  it('deploys the committed template with a runtime and handler it allows', () => {
    expect(config.type).toBe('@ask-cli/cfn-deployer');
    expect(join(ROOT, config.userConfig.templatePath)).toBe(TEMPLATE_FILE);
    const allowed = (name: string) =>
      (json.Parameters[name] as { AllowedValues: string[] }).AllowedValues;
    expect(allowed('LambdaRuntime')).toContain(config.userConfig.runtime);
    expect(allowed('LambdaHandler')).toContain(config.userConfig.handler);
  });

  it('in a region where Alexa calls Lambda endpoints (N. Virginia, Ireland, Oregon)', () => {
    expect(['us-east-1', 'eu-west-1', 'us-west-2']).toContain(config.userConfig.awsRegion);
  });

  it('passes only template parameters, none reserved, each a value the template accepts', () => {
    for (const [name, value] of Object.entries(config.userConfig.cfn.parameters)) {
      expect([name, RESERVED.includes(name)]).toEqual([name, false]);
      const parameter = json.Parameters[name] as
        { AllowedValues?: string[]; AllowedPattern?: string } | undefined;
      expect([name, parameter !== undefined]).toEqual([name, true]);
      if (parameter?.AllowedValues) expect(parameter.AllowedValues).toContain(value);
      if (parameter?.AllowedPattern) expect(value).toMatch(new RegExp(parameter.AllowedPattern));
    }
    // An empty AlarmEmail subscribes no one; an address gets a confirmation mail.
    expect(config.userConfig.cfn.parameters).toHaveProperty(ALARM_EMAIL_PARAMETER);
  });
});

it("the committed template fits CloudFormation's TemplateBody limit of 51,200 bytes", () => {
  expect(TEMPLATE_BODY_LIMIT).toBe(51_200);
  const bytes = readFileSync(TEMPLATE_FILE).length;
  expect(bytes).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
});

it('the committed template equals a fresh synth', () => {
  const committed = readFileSync(TEMPLATE_FILE, 'utf8');
  const fresh = templateText(json);
  if (committed !== fresh) {
    throw new Error(
      'infrastructure/cfn-deployer/skill-stack.json is out of date: run `npm run synth` and commit it',
    );
  }
});
