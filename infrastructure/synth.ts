/** `npm run synth`: writes the CloudFormation template the cfn-deployer deploys, from the CDK stack. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { synthesizePulse } from './stack';

export const TEMPLATE_FILE = join(__dirname, 'cfn-deployer', 'skill-stack.json');

/** The template as committed: the synthesized JSON, two-space indented, with a final newline. */
export function templateText(template: Record<string, unknown>): string {
  return `${JSON.stringify(template, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(TEMPLATE_FILE, templateText(Template.fromStack(synthesizePulse()).toJSON()));
  console.log(`wrote ${TEMPLATE_FILE}`);
}
