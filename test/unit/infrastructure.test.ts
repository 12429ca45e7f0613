/** The CDK stack's template: handlers in the bundle, environment, table keys, IAM, Kinesis mappings, bucket, drift. */
import {
  CreateTableCommand,
  ResourceNotFoundException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { Template } from 'aws-cdk-lib/assertions';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FUNCTION_ENVIRONMENT } from '../../infrastructure/environment';
import { synthesizePulse, type PulseStack } from '../../infrastructure/stack';
import { TEMPLATE_FILE, templateText } from '../../infrastructure/synth';
import { DEFAULT_TABLE_NAMES } from '../../lambda/rollups/tables';
import { RENDER_TIMEOUT_SECONDS } from '../../lambda/posts/config';
import { DEFAULT_POSTS_TABLE } from '../../lambda/posts/table';
import { STREAMS, TUMBLING_WINDOW_SECONDS } from '../../lambda/rollups/streams';
import { ensurePostsTable, ensureRollupTables } from '../../local/dynamo';
import { bundleFunctions, FUNCTIONS, ROOT, type FunctionName } from '../../scripts/bundle';

type Json = Record<string, unknown>;

// One synth for the whole file: it is the slow part.
let stack: PulseStack;
let template: Template;
let json: { Resources: Record<string, { Type: string; Properties: Json }>; Parameters: Json };

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

function functionProperties(name: FunctionName): Json {
  const logicalId = stack.getLogicalId(
    stack.functions[name].node.defaultChild as Parameters<PulseStack['getLogicalId']>[0],
  );
  const resource = json.Resources[logicalId];
  if (resource === undefined) throw new Error(`no resource for ${name}`);
  return resource.Properties;
}

describe('functions', () => {
  let bundleDir: string;

  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'pulse-infra-'));
    await bundleFunctions(bundleDir);
  }, 120_000);

  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  it('every handler in the template is a module in the bundle that exports it', () => {
    const handlers = resourcesOf('AWS::Lambda::Function').map(([, p]) => resolved(p.Handler));
    expect(handlers).toHaveLength(Object.keys(FUNCTIONS).length);
    for (const handler of handlers) {
      const match = /^(\w+)\/index\.(\w+)$/.exec(String(handler));
      expect(match).not.toBeNull();
      const [, dir, exported] = match!;
      const file = join(bundleDir, dir!, 'index.js');
      expect(existsSync(file)).toBe(true);
      // A fresh node, as Lambda loads it: loading a handler module must not call anything.
      const exportedKind = execFileSync(
        process.execPath,
        ['-e', `process.stdout.write(typeof require(${JSON.stringify(file)}).${exported!})`],
        { encoding: 'utf8' },
      );
      expect(exportedKind).toBe('function');
    }
  }, 60_000);

  it('run on nodejs22.x and arm64, with the code from the deployer bucket', () => {
    for (const [, p] of resourcesOf('AWS::Lambda::Function')) {
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
    skill: ['lambda/skill/config.ts', 'lambda/posts/config.ts'],
    persist: ['lambda/rollups/ingestConfig.ts'],
    aggregate: ['lambda/rollups/ingestConfig.ts'],
    postsApi: ['lambda/posts/config.ts'],
    render: ['lambda/posts/config.ts'],
    renderDeadLetters: ['lambda/posts/config.ts'],
    postsSweeper: ['lambda/posts/config.ts'],
  };
  /** Variables a module declares that a function reading it does not use. */
  const UNUSED: Partial<Record<FunctionName, readonly string[]>> = {
    // Only the API publishes new posts.
    skill: ['POSTS_TOPIC_ARN'],
    render: ['POSTS_TOPIC_ARN'],
    // The dead-letter reader only fails posts; the sweeper announces, it touches no audio.
    renderDeadLetters: ['POSTS_BUCKET', 'POSTS_TOPIC_ARN'],
    postsSweeper: ['POSTS_BUCKET'],
  };

  function declaredIn(file: string): string[] {
    const source = readFileSync(join(ROOT, file), 'utf8');
    const schema = /const environment = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)?.[1] ?? '';
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
      expect(listed.filter((v) => !declared.includes(v))).toEqual([]);
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

  it('the IoT rule puts seed 001 readings on the sensor stream, named as aggregate reads them', () => {
    const rules = resourcesOf('AWS::IoT::TopicRule');
    expect(rules).toHaveLength(1);
    const payload = rules[0]![1].TopicRulePayload as {
      Sql: string;
      Actions: { Kinesis?: { StreamName: unknown } }[];
    };
    expect(payload.Sql).toMatch(
      /^SELECT topic\(6\) AS sensor_id, topic\(4\) AS station_id, topic\(5\) AS sensor,/,
    );
    expect(payload.Sql).toMatch(/ FROM 'weather\/\+\/\+\/\+\/\+\/\+'$/);
    for (const field of ['timestamp', 'value', 'value_smoothed', 'direction']) {
      expect(payload.Sql).toContain(` AS ${field}`);
    }
    const [streamId] = resourcesOf('AWS::Kinesis::Stream').find(
      ([, p]) => p.Name === STREAMS.sensorEvents,
    )!;
    expect(payload.Actions).toEqual([
      { Kinesis: expect.objectContaining({ StreamName: { Ref: streamId } }) },
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

  it('render has a dead-letter queue and alarms watch queues and errors', () => {
    expect(functionProperties('render').DeadLetterConfig).toBeDefined();
    expect(resourcesOf('AWS::CloudWatch::Alarm')).toHaveLength(2 + Object.keys(FUNCTIONS).length);
  });
});

describe('shard partials', () => {
  it("aggregate may read the user rollups table's items it writes back, and read nothing else", () => {
    const role = (functionProperties('aggregate').Role as { 'Fn::GetAtt': [string] })[
      'Fn::GetAtt'
    ][0];
    const statements = resourcesOf('AWS::IAM::Policy')
      .filter(([, p]) => (p.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => (p.PolicyDocument as { Statement: Json[] }).Statement);
    const reads = statements.filter((s) =>
      (Array.isArray(s.Action) ? s.Action : [s.Action]).some((a: string) =>
        /^dynamodb:(Get|BatchGet|Query|Scan)/.test(a),
      ),
    );
    const [tableId] = resourcesOf('AWS::DynamoDB::Table').find(
      ([, p]) => resolved(p.TableName) === DEFAULT_TABLE_NAMES.userRollups,
    )!;
    expect(reads).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:GetItem',
        Resource: { 'Fn::GetAtt': [tableId, 'Arn'] },
      }),
    ]);
  });
});

describe('posts recovery', () => {
  const logicalIdOf = (name: FunctionName) =>
    stack.getLogicalId(
      stack.functions[name].node.defaultChild as Parameters<PulseStack['getLogicalId']>[0],
    );
  /** The Allow statements of a function's role. */
  const statementsOf = (name: FunctionName) => {
    const role = (functionProperties(name).Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    return resourcesOf('AWS::IAM::Policy')
      .filter(([, p]) => (p.Roles as { Ref: string }[]).some((r) => r.Ref === role))
      .flatMap(([, p]) => (p.PolicyDocument as { Statement: Json[] }).Statement);
  };
  const actionsOf = (name: FunctionName) =>
    statementsOf(name)
      .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
      .sort();

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
      FunctionName: { Ref: logicalIdOf('renderDeadLetters') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // The reader's timeout must fit in the queue's visibility timeout (30 s by default).
    const visibility = (json.Resources[queueId]!.Properties.VisibilityTimeout as number) ?? 30;
    expect(functionProperties('renderDeadLetters').Timeout).toBeLessThanOrEqual(visibility);
  });

  it('the dead-letter reader may only consume its queue and update posts', () => {
    expect(actionsOf('renderDeadLetters')).toEqual(
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
      Targets: [{ Arn: { 'Fn::GetAtt': [logicalIdOf('postsSweeper'), 'Arn'] } }],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf('postsSweeper'), 'Arn'] },
    });
    expect(actionsOf('postsSweeper')).toEqual(
      ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'sns:Publish'].sort(),
    );
    const query = statementsOf('postsSweeper').find((s) => s.Action === 'dynamodb:Query')!;
    expect(JSON.stringify(query.Resource)).toContain('/index/pendingByUpdatedAt');
  });

  it('render has the timeout its deadline counts from', () => {
    expect(functionProperties('render').Timeout).toBe(RENDER_TIMEOUT_SECONDS);
  });
});

it("the template fits CloudFormation's TemplateBody limit when sent compact", () => {
  expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(51_200);
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
