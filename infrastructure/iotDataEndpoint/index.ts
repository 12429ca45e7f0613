/** The account's own IoT data endpoint (iot:Data-ATS), resolved at deploy time by a custom resource with inline code. */
import { CustomResource, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InlineHandlerTooLargeError } from '../errors';
import { lambdaRole, omitRoleDependency } from '../roles';

/** CloudFormation's limit on a function's inline (ZipFile) code, in characters. */
export const ZIP_FILE_LIMIT = 4096;

/**
 * handler.ts as the runtime runs it: CommonJS, minified so the template stays small. The cfn-deployer
 * uploads nothing but the skill's code zip, so this function cannot have an asset of its own.
 */
export function inlineHandlerCode(): string {
  const source = readFileSync(join(__dirname, 'handler.ts'), 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    platform: 'node',
    target: 'node22',
    minify: true,
    legalComments: 'none',
  });
  if (code.length > ZIP_FILE_LIMIT) {
    throw new InlineHandlerTooLargeError(
      `inline handler is ${code.length} characters; ZipFile allows ${ZIP_FILE_LIMIT}`,
    );
  }
  return code;
}

/**
 * The Device Shadow REST API answers only on the account's own `<prefix>-ats.iot.<region>…` host,
 * which only iot:DescribeEndpoint knows; the SDK's default host is not it.
 */
export class IotDataEndpoint extends Construct {
  /** `https://<address>`, for AWS_ENDPOINT_URL_IOT_DATA_PLANE. */
  readonly url: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const fn = new LambdaFunction(this, 'Function', {
      code: Code.fromInline(inlineHandlerCode()),
      role: lambdaRole(this, 'Role', 'IotDataEndpointRole', logGroup),
      handler: 'index.handler',
      // Fixed, not the deployer's LambdaRuntime: the code relies on this runtime's bundled SDK v3.
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 128,
      // The handler answers FAILED 5 s before this if IoT has not answered.
      timeout: Duration.seconds(30),
      logGroup,
    });
    omitRoleDependency(fn);
    // DescribeEndpoint has no resource-level permissions: the action alone is the limit.
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['iot:DescribeEndpoint'], resources: ['*'] }),
    );
    const resource = new CustomResource(this, 'Resource', {
      serviceToken: fn.functionArn,
      resourceType: 'Custom::IotDataEndpoint',
      // Should the function never answer, the stack fails after this, not after an hour.
      serviceTimeout: Duration.minutes(3),
    });
    this.url = Fn.join('', ['https://', resource.getAttString('Address')]);
  }
}
