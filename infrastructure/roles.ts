/**
 * Execution roles that carry their grants inline: one AWS::IAM::Role per function, no separate
 * AWS::IAM::Policy, and a short logical id, because the template must fit TemplateBody.
 */
import {
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
  type AddToPrincipalPolicyResult,
  type CfnRole,
  type IPrincipal,
} from 'aws-cdk-lib/aws-iam';
import type { CfnResource } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/** The name of the one inline policy every such role has. */
export const GRANTS_POLICY = 'grants';

/**
 * A role whose statements (every `grant…` and `addToRolePolicy`) land in its own inline policy.
 * CDK's Role puts them in a separate AWS::IAM::Policy named after its path, which costs each
 * role a resource, its long name twice, and a DependsOn entry in each function that uses it: a
 * third of a kilobyte per function. The permissions are the same, and the role has them from the
 * moment it exists, so nothing waits for a policy to attach.
 */
export class InlinePolicyRole extends Role {
  private readonly inlineGrants: PolicyDocument;

  /** `logicalId` replaces CDK's path-and-hash id: it must be unique in the stack. */
  constructor(scope: Construct, id: string, props: { assumedBy: IPrincipal; logicalId: string }) {
    const grants = new PolicyDocument();
    super(scope, id, { assumedBy: props.assumedBy, inlinePolicies: { [GRANTS_POLICY]: grants } });
    this.inlineGrants = grants;
    (this.node.defaultChild as CfnRole).overrideLogicalId(props.logicalId);
    this.node.addValidation({
      validate: () => (grants.isEmpty ? [`${this.node.path} is granted nothing`] : []),
    });
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.inlineGrants.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}

/**
 * A Lambda function's role, which may write its logs to its own log group and nowhere else (the
 * managed AWSLambdaBasicExecutionRole would let it create and write any log group).
 */
export function lambdaRole(
  scope: Construct,
  id: string,
  logicalId: string,
  logGroup: ILogGroup,
): InlinePolicyRole {
  const role = new InlinePolicyRole(scope, id, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    logicalId,
  });
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  return role;
}

/**
 * Leaves out the DependsOn CDK gives a function on its role: the function names the role's ARN
 * (Fn::GetAtt), which already makes CloudFormation create the role, with its inline grants,
 * first. Only for a function whose role is an InlinePolicyRole (no policy to wait for).
 */
export function omitRoleDependency(fn: LambdaFunction): void {
  if (!(fn.role instanceof InlinePolicyRole))
    throw new TypeError(`${fn.node.path}: its role is not an InlinePolicyRole`);
  (fn.node.defaultChild as CfnResource).addDeletionOverride('DependsOn');
}
