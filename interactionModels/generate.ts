/** Writes the interaction models and skill.json from their typed sources; `--check` only reports drift. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { LOCALES } from '../domain/locales';
import { buildSkillManifest, type Deployed, type DeployedEndpoints } from './manifest';
import { buildInteractionModel } from './model';

export { buildInteractionModel } from './model';
export { buildSkillManifest } from './manifest';

export const SKILL_PACKAGE_DIR = resolve(__dirname, '..', 'skill-package');

export interface Artifact {
  /** Absolute path of the generated file. */
  path: string;
  content: string;
}

/** Pretty JSON with a trailing newline, the form the files are committed in. */
export function serialise(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    // Missing or not JSON: there is nothing in it to keep, and the check reports it as stale.
    return undefined;
  }
}

const endpointsOf = (written: DeployedEndpoints | undefined): DeployedEndpoints => ({
  ...(written?.endpoint ? { endpoint: written.endpoint } : {}),
  ...(written?.regions ? { regions: written.regions } : {}),
});

/**
 * The endpoints `ask deploy` wrote into an existing skill.json (the custom API's and the events'),
 * which are not ours to drop.
 */
export function deployedEndpoints(skillJsonPath: string): Deployed {
  const manifest = (
    readJson(skillJsonPath) as {
      manifest?: { apis?: { custom?: DeployedEndpoints }; events?: DeployedEndpoints };
    }
  )?.manifest;
  return { custom: endpointsOf(manifest?.apis?.custom), events: endpointsOf(manifest?.events) };
}

/**
 * Every generated file with its content, the skill package's endpoints kept as deployed; tests
 * compare it with what is committed, or with a copy of the package.
 */
export function renderArtifacts(packageDir: string = SKILL_PACKAGE_DIR): Artifact[] {
  const skillJson = join(packageDir, 'skill.json');
  return [
    ...LOCALES.map((locale) => ({
      path: join(packageDir, 'interactionModels', 'custom', `${locale}.json`),
      content: serialise(buildInteractionModel(locale)),
    })),
    { path: skillJson, content: serialise(buildSkillManifest(deployedEndpoints(skillJson))) },
  ];
}

/**
 * Files whose JSON differs from what the generator makes. Layout is not compared: the ASK CLI
 * rewrites skill.json in its own (no final newline) after every deploy.
 */
export function staleArtifacts(artifacts: readonly Artifact[]): Artifact[] {
  return artifacts.filter(
    (artifact) =>
      !existsSync(artifact.path) ||
      !isDeepStrictEqual(readJson(artifact.path), JSON.parse(artifact.content)),
  );
}

export function writeArtifacts(artifacts: readonly Artifact[]): void {
  for (const artifact of artifacts) {
    mkdirSync(dirname(artifact.path), { recursive: true });
    writeFileSync(artifact.path, artifact.content);
  }
}

function main(args: readonly string[]): void {
  const checkOnly = args.includes('--check');
  const artifacts = renderArtifacts();
  const shown = (artifact: Artifact): string => relative(process.cwd(), artifact.path);
  if (checkOnly) {
    const stale = staleArtifacts(artifacts);
    if (stale.length > 0) {
      console.error(
        `These files differ from their sources; run \`npm run generate:models\`:\n  ${stale.map(shown).join('\n  ')}`,
      );
      process.exitCode = 1;
    }
    return;
  }
  writeArtifacts(artifacts);
  for (const artifact of artifacts) console.log(`wrote ${shown(artifact)}`);
}

if (require.main === module) {
  main(process.argv.slice(2));
}
