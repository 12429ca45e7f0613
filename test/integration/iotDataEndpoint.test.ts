/** The IoT data endpoint custom resource's inline code, run as the template holds it, answering CloudFormation on every request, failures included. */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEMPLATE_FILE } from '../../infrastructure/synth';
import { ROOT } from '../../scripts/bundle';
import { startResponseUrl, type ResponseUrl } from '../support/cloudFormationResponse';
import { startIotControlPlane, type IotControlPlane } from '../support/iotControlPlane';

const run = promisify(execFile);

const STACK_ID =
  'arn:aws:cloudformation:us-east-1:123456789012:stack/ask-pulse/6b2c9c40-0000-11ef-9f4e-0a1b2c3d4e5f';
const LOGICAL_ID = 'IotDataEndpoint57E4115C';

/** Lambda calls `index.handler` with the event and a context; the runtime puts its SDK on NODE_PATH. */
const INVOKE = `
const { handler } = require(process.argv[1]);
const remaining = Number(process.argv[3]);
const started = Date.now();
handler(JSON.parse(process.argv[2]), { getRemainingTimeInMillis: () => remaining - (Date.now() - started) })
  .then(() => process.exit(0), (error) => { console.error(error); process.exit(1); });
`;

let dir: string;
let iot: IotControlPlane;
let responses: ResponseUrl;

beforeAll(async () => {
  const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: { Code?: { ZipFile?: string } } }>;
  };
  const inline = Object.values(template.Resources).filter(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Code?.ZipFile !== undefined,
  );
  expect(inline).toHaveLength(1);
  dir = mkdtempSync(join(tmpdir(), 'pulse-inline-'));
  // As Lambda writes ZipFile code for a Node.js runtime: index.js, next to nothing else.
  writeFileSync(join(dir, 'index.js'), inline[0]!.Properties.Code!.ZipFile!);
  iot = await startIotControlPlane();
  responses = await startResponseUrl();
});

afterEach(() => {
  iot.fault = undefined;
  iot.calls.length = 0;
  responses.answers.length = 0;
});

afterAll(async () => {
  await iot?.close();
  await responses?.close();
  rmSync(dir, { recursive: true, force: true });
});

function event(requestType: 'Create' | 'Update' | 'Delete'): Record<string, unknown> {
  return {
    RequestType: requestType,
    ServiceToken:
      'arn:aws:lambda:us-east-1:123456789012:function:ask-pulse-IotDataEndpointFunction',
    ResponseURL: responses.url,
    StackId: STACK_ID,
    RequestId: randomUUID(),
    LogicalResourceId: LOGICAL_ID,
    ResourceType: 'Custom::IotDataEndpoint',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:…', ServiceTimeout: '180' },
    ...(requestType === 'Create'
      ? {}
      : {
          PhysicalResourceId: 'iot-data-ats-endpoint',
          ...(requestType === 'Update' ? { OldResourceProperties: {} } : {}),
        }),
  };
}

async function invoke(
  request: Record<string, unknown>,
  options: { remainingMs?: number; withSdk?: boolean } = {},
): Promise<void> {
  await run(
    process.execPath,
    [
      '-e',
      INVOKE,
      join(dir, 'index.js'),
      JSON.stringify(request),
      String(options.remainingMs ?? 30_000),
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        // The nodejs22.x runtime's bundled SDK v3, here the same clients from node_modules.
        NODE_PATH: options.withSdk === false ? '' : join(ROOT, 'node_modules'),
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'ASIAEXAMPLEEXAMPLE00',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'token',
        AWS_ENDPOINT_URL_IOT: iot.url,
        AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      },
    },
  );
}

it("answers Create with SUCCESS and the account's iot:Data-ATS address", async () => {
  const request = event('Create');
  await invoke(request);
  expect(iot.calls.map((call) => call.endpointType)).toEqual(['iot:Data-ATS']);
  expect(responses.answers).toEqual([
    {
      Status: 'SUCCESS',
      Reason: 'described',
      PhysicalResourceId: 'iot-data-ats-endpoint',
      StackId: STACK_ID,
      RequestId: request.RequestId,
      LogicalResourceId: LOGICAL_ID,
      Data: { Address: iot.dataAtsAddress },
    },
  ]);
  expect(iot.dataAtsAddress).toMatch(/^[a-z0-9]+-ats\.iot\.us-east-1\.amazonaws\.com$/);
});

it('answers Update the same way, under the same physical id (no replacement)', async () => {
  await invoke(event('Update'));
  expect(responses.answers).toEqual([
    expect.objectContaining({
      Status: 'SUCCESS',
      PhysicalResourceId: 'iot-data-ats-endpoint',
      Data: { Address: iot.dataAtsAddress },
    }),
  ]);
});

it('answers Delete with SUCCESS and calls nothing: the endpoint is the account’s, not the stack’s', async () => {
  iot.fault = 'internal';
  await invoke(event('Delete'));
  expect(iot.calls).toEqual([]);
  expect(responses.answers).toEqual([
    expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'iot-data-ats-endpoint' }),
  ]);
});

it('answers FAILED, with IoT’s reason, when DescribeEndpoint is refused', async () => {
  iot.fault = 'unauthorized';
  await invoke(event('Create'));
  expect(responses.answers).toEqual([
    expect.objectContaining({
      Status: 'FAILED',
      Reason:
        'iot:DescribeEndpoint failed: UnauthorizedException: You are not authorized to perform this operation.',
      PhysicalResourceId: 'iot-data-ats-endpoint',
    }),
  ]);
  expect(responses.answers[0]).not.toHaveProperty('Data');
});

it('answers FAILED before its own time runs out when IoT never answers', async () => {
  iot.fault = 'hang';
  // 6.5 s left: the handler keeps 5 s to answer, so it gives IoT about 1.5 s.
  await invoke(event('Create'), { remainingMs: 6_500 });
  expect(responses.answers).toEqual([
    expect.objectContaining({
      Status: 'FAILED',
      Reason: expect.stringMatching(
        /^iot:DescribeEndpoint failed: Error: no answer within \d+ ms$/,
      ),
    }),
  ]);
});

it('answers FAILED when the runtime has no SDK to call IoT with, rather than never answering', async () => {
  await invoke(event('Create'), { withSdk: false });
  expect(iot.calls).toEqual([]);
  expect(responses.answers).toEqual([
    expect.objectContaining({
      Status: 'FAILED',
      Reason: expect.stringContaining("Cannot find module '@aws-sdk/client-iot'"),
    }),
  ]);
});

it('tries the response URL again when it fails, with the empty content type it was signed with', async () => {
  responses.failNext(1);
  const refusedBefore = responses.refused;
  await invoke(event('Create'));
  expect(responses.refused).toBe(refusedBefore + 1);
  expect(responses.answers).toEqual([expect.objectContaining({ Status: 'SUCCESS' })]);
});
