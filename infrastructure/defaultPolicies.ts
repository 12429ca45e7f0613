/** Leaves out of the template the DeletionPolicy and UpdateReplacePolicy that only restate CloudFormation's default. */
import { CfnDeletionPolicy, CfnResource, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Types whose default, when the template says nothing, is Delete (CloudFormation's default for
 * every type but a few database ones, which this stack does not have).
 */
export const DELETED_BY_DEFAULT: ReadonlySet<string> = new Set([
  'AWS::Logs::LogGroup',
  'AWS::SQS::Queue',
  'AWS::Kinesis::Stream',
  'AWS::SecretsManager::Secret',
]);

/**
 * CDK writes `"UpdateReplacePolicy":"Delete","DeletionPolicy":"Delete"` on every resource given
 * RemovalPolicy.DESTROY: 50 bytes that change nothing, on each log group, queue, stream and
 * secret. Retained resources keep theirs.
 */
export class OmitDefaultDeletionPolicies implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || !DELETED_BY_DEFAULT.has(node.cfnResourceType)) return;
    // Left out of the rendered template only: CDK's check that a stateful resource has a
    // removal policy still sees the one the stack chose.
    if (node.cfnOptions.deletionPolicy === CfnDeletionPolicy.DELETE)
      node.addDeletionOverride('DeletionPolicy');
    if (node.cfnOptions.updateReplacePolicy === CfnDeletionPolicy.DELETE)
      node.addDeletionOverride('UpdateReplacePolicy');
  }
}
