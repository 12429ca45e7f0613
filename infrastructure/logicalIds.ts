/** Short logical ids for the resources whose CDK ids are long paths and hashes, where a new id costs nothing on update. */
import type { Stack } from 'aws-cdk-lib';
import { CfnPermission, type Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * CDK names a function's invoke permissions after the path that made them (e.g.
 * `PostsSweepScheduleAllowEventRulePulseStackPostsSweeperFunctionE656FD8EC27D2D1A`); each becomes
 * `<Function>InvokedBy<Service>[n]`. A permission holds no state: a renamed one is created before
 * the old one is deleted, so no invocation is refused on the update that renames it.
 */
export function shortenPermissionIds(
  stack: Stack,
  functions: Readonly<Record<string, LambdaFunction>>,
): void {
  const permissions = stack.node
    .findAll()
    .filter((node): node is CfnPermission => node instanceof CfnPermission);
  const used = new Set<string>();
  for (const [name, fn] of Object.entries(functions)) {
    for (const permission of permissions) {
      if (permission.functionName !== fn.functionArn && permission.functionName !== fn.functionName)
        continue;
      const service = permission.principal.split('.')[0]!.split('-').map(capitalised).join('');
      const base = `${capitalised(name)}InvokedBy${service}`;
      let id = base;
      for (let n = 2; used.has(id); n += 1) id = `${base}${n}`;
      used.add(id);
      permission.overrideLogicalId(id);
    }
  }
}

function capitalised(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
