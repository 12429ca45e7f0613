/** Writes the interaction models and skill.json from their typed sources; `--check` only reports drift. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { LOCALES } from './locales';
import { buildSkillManifest } from './manifest';
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

/** Every generated file with its content; pure, so tests can compare it with what is committed. */
export function renderArtifacts(): Artifact[] {
  return [
    ...LOCALES.map((locale) => ({
      path: join(SKILL_PACKAGE_DIR, 'interactionModels', 'custom', `${locale}.json`),
      content: serialise(buildInteractionModel(locale)),
    })),
    { path: join(SKILL_PACKAGE_DIR, 'skill.json'), content: serialise(buildSkillManifest()) },
  ];
}

export function staleArtifacts(artifacts: readonly Artifact[]): Artifact[] {
  return artifacts.filter(
    (artifact) =>
      !existsSync(artifact.path) || readFileSync(artifact.path, 'utf8') !== artifact.content,
  );
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
  for (const artifact of artifacts) {
    mkdirSync(dirname(artifact.path), { recursive: true });
    writeFileSync(artifact.path, artifact.content);
    console.log(`wrote ${shown(artifact)}`);
  }
}

if (require.main === module) {
  main(process.argv.slice(2));
}
