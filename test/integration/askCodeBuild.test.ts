/** `ask deploy`'s code step with the ASK CLI's own code: its CodeBuilder makes the zip from ask-resources.json, and every function in the template loads from it. */
import AdmZip from 'adm-zip';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { TEMPLATE_FILE } from '../../infrastructure/synth';
import { FUNCTIONS, ROOT } from '../../scripts/bundle';

const run = promisify(execFile);

/** What a fresh clone does not have: installed or generated files, and local state. */
const NOT_IN_A_CLONE = new Set(['node_modules', '.git', '.ask', 'dist', '.pulse', 'coverage']);

/**
 * Exactly what `ask deploy` runs for the code (ask-cli's commands/deploy and helper.buildSkillCode):
 * ResourcesConfig from `<cwd>/ask-resources.json`, then SkillCodeController.buildCode, which hands
 * each code src to CodeBuilder. CodeBuilder empties `<root>/.ask/<src>`, copies src into it, and
 * runs `<cwd>/hooks/build.sh <root>/.ask/<src>/build.zip false` from that folder.
 */
const ASK_DEPLOY_CODE_STEP = `
const path = require('path');
const ResourcesConfig = require('ask-cli/dist/lib/model/resources-config');
const SkillCodeController = require('ask-cli/dist/lib/controllers/skill-code-controller');
new ResourcesConfig(path.join(process.cwd(), 'ask-resources.json'));
new SkillCodeController({ profile: 'default', doDebug: false }).buildCode((error, codeList) => {
  if (error) {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  }
  process.stdout.write('\\n' + JSON.stringify(codeList));
});
`;

interface BuiltCode {
  src: string;
  build: { folder: string; file: string };
  buildFlow: string;
}

interface TemplateFunction {
  Properties: { Handler: unknown; Code: { ZipFile?: string; S3Bucket?: unknown } };
}

function askResources(): {
  code: { default: { src: string } };
  skillInfrastructure: { userConfig: { handler: string } };
} {
  const file = JSON.parse(readFileSync(join(ROOT, 'ask-resources.json'), 'utf8')) as {
    profiles: { default: ReturnType<typeof askResources> };
  };
  return file.profiles.default;
}

let project: string;
let unpacked: string;
let built: BuiltCode[];

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'pulse-ask-project-'));
  unpacked = mkdtempSync(join(tmpdir(), 'pulse-ask-zip-'));
  // A clean copy of the project, as a user's clone has it, with the dependencies installed.
  cpSync(ROOT, project, {
    recursive: true,
    filter: (source) => {
      const path = relative(ROOT, source);
      return path === '' || !NOT_IN_A_CLONE.has(path.split(sep)[0]!);
    },
  });
  symlinkSync(join(ROOT, 'node_modules'), join(project, 'node_modules'), 'dir');
  const { stdout } = await run(process.execPath, ['-e', ASK_DEPLOY_CODE_STEP], {
    cwd: project,
    maxBuffer: 16 * 1024 * 1024,
  });
  built = JSON.parse(stdout.slice(stdout.lastIndexOf('\n') + 1)) as BuiltCode[];
  new AdmZip(built[0]!.build.file).extractAllTo(unpacked);
}, 240_000);

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(unpacked, { recursive: true, force: true });
});

it("the ASK CLI's CodeBuilder builds one zip from ask-resources.json as it stands, through hooks/build.sh", () => {
  const src = askResources().code.default.src;
  // The root cannot be src: CodeBuilder copies src into <root>/.ask/, inside itself.
  expect(join(ROOT, src)).not.toBe(ROOT);
  expect(built).toEqual([
    {
      src,
      build: {
        folder: join(project, '.ask', 'lambda'),
        file: join(project, '.ask', 'lambda', 'build.zip'),
      },
      buildFlow: 'CustomBuildFlow',
      regionsList: ['default'],
    },
  ]);
  expect(existsSync(built[0]!.build.file)).toBe(true);
});

it('every Handler in the committed template loads from that zip in a fresh node, as Lambda loads it', async () => {
  const template = JSON.parse(readFileSync(TEMPLATE_FILE, 'utf8')) as {
    Parameters: Record<string, { Default?: string }>;
    Resources: Record<string, { Type: string } & TemplateFunction>;
  };
  const functions = Object.values(template.Resources).filter(
    (resource) => resource.Type === 'AWS::Lambda::Function',
  );
  // Functions with inline code (ZipFile) carry it in the template; every other one runs the zip.
  const fromZip = functions.filter((fn) => fn.Properties.Code.ZipFile === undefined);
  expect(fromZip).toHaveLength(Object.keys(FUNCTIONS).length);
  for (const fn of fromZip) {
    expect(fn.Properties.Code.S3Bucket).toEqual({ Ref: 'CodeBucket' });
    const handler = fn.Properties.Handler as string | { Ref: string };
    // The skill's handler is the LambdaHandler parameter: the deployer passes userConfig.handler.
    const name =
      typeof handler === 'string'
        ? handler
        : handler.Ref === 'LambdaHandler'
          ? askResources().skillInfrastructure.userConfig.handler
          : template.Parameters[handler.Ref]?.Default;
    const match = /^([\w/]+)\.(\w+)$/.exec(String(name));
    expect([name, match !== null]).toEqual([name, true]);
    const [, modulePath, exported] = match!;
    const file = join(unpacked, `${modulePath!}.js`);
    const { stdout } = await run(
      process.execPath,
      ['-e', `process.stdout.write(typeof require(${JSON.stringify(file)}).${exported!})`],
      { cwd: unpacked },
    );
    expect([name, stdout]).toEqual([name, 'function']);
  }
}, 60_000);
