/** The simulated Echo of the local stack: the skill's own generated models and manifest, the Alexa user and device the settings name. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SKILL_PACKAGE_DIR } from '../../interactionModels/generate';
import { LOCALES, type Locale } from '../../domain/locales';
import type { EchoIdentity } from './identity';
import { SimulatedEcho } from './simulatedEcho';
import type { AlexaSsmlTarget } from './skillResponse';
import type { SkillEndpoint } from './types';

export interface LocalEchoOptions {
  readonly skill: SkillEndpoint;
  /** The skill id the skill checks (SKILL_ID); default: the local skill's. */
  readonly skillId?: string;
  /** The Alexa user and device (PULSE_ALEXA_USER_ID, PULSE_ALEXA_DEVICE_ID); default: stable ids of this skill. */
  readonly identity?: Partial<EchoIdentity>;
  /** The SSML the skill may answer with; the local stack's posts play from plain http. */
  readonly ssmlTarget?: AlexaSsmlTarget;
  /** Where skill.json and interactionModels/custom/<locale>.json are (default: the project's skill-package/). */
  readonly packageDir?: string;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8')) as unknown;
}

/**
 * An Echo that knows the skill exactly as it would be deployed: the committed interaction models
 * (what `ask deploy` uploads) and the manifest's interfaces. Each locale's NLU trains the first
 * time the locale is heard, or at `warmUp()`.
 */
export function createLocalEcho(options: LocalEchoOptions): SimulatedEcho {
  const packageDir = options.packageDir ?? SKILL_PACKAGE_DIR;
  const models: Partial<Record<Locale, unknown>> = {};
  for (const locale of LOCALES) {
    models[locale] = readJson(join(packageDir, 'interactionModels', 'custom', `${locale}.json`));
  }
  return new SimulatedEcho({
    skill: options.skill,
    models,
    manifest: readJson(join(packageDir, 'skill.json')),
    ...(options.skillId ? { skillId: options.skillId } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    ...(options.ssmlTarget ? { ssmlTarget: options.ssmlTarget } : {}),
  });
}
