/** `npm run synth`: writes the CloudFormation template the cfn-deployer deploys, from the CDK stack. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { synthesizePulse } from './stack';

export const TEMPLATE_FILE = join(__dirname, 'cfn-deployer', 'skill-stack.json');

/**
 * The cfn-deployer sends the file as it is as CreateStack's TemplateBody, which CloudFormation
 * caps at 51,200 bytes (a bigger template needs an S3 upload the deployer does not make).
 */
export const TEMPLATE_BODY_LIMIT = 51_200;

/** The template as committed: compact JSON (indentation would cost a third of the limit), and a final newline. */
export function templateText(template: Record<string, unknown>): string {
  return `${JSON.stringify(template)}\n`;
}

if (require.main === module) {
  const text = templateText(Template.fromStack(synthesizePulse()).toJSON());
  const bytes = Buffer.byteLength(text);
  if (bytes > TEMPLATE_BODY_LIMIT) {
    console.error(`the template is ${bytes} bytes; TemplateBody allows ${TEMPLATE_BODY_LIMIT}`);
    process.exitCode = 1;
  } else {
    writeFileSync(TEMPLATE_FILE, text);
    console.log(`wrote ${TEMPLATE_FILE} (${bytes} of ${TEMPLATE_BODY_LIMIT} bytes)`);
  }
}
