/** The skill's Lambda entry point: an async (event, context) handler; nothing is built until the first call. */
import type { Skill } from 'ask-sdk-core';
import type { ResponseEnvelope } from 'ask-sdk-model';
import type { Context } from 'aws-lambda';
import { readConfig, type SkillConfig } from './config';
import { parseRequestEnvelope } from './request/envelope';
import { createSkillServices, type SkillServices } from './services';
import { buildSkill } from './skill';

export { MalformedRequestError } from './errors';

export type SkillHandler = (event: unknown, context?: Context) => Promise<ResponseEnvelope>;

export interface SkillHandlerOptions {
  readonly config?: SkillConfig;
  readonly services?: SkillServices;
}

/**
 * A handler for one configuration. The skill and its SDK clients are built on the first request,
 * so loading the module calls nothing; the same handler serves Lambda and the local endpoint.
 */
export function createSkillHandler(options: SkillHandlerOptions = {}): SkillHandler {
  let skill: Skill | undefined;
  return async (event, context) => {
    const envelope = parseRequestEnvelope(event);
    if (!skill) {
      const config = options.config ?? readConfig();
      skill = buildSkill(options.services ?? createSkillServices(config), config);
    }
    return skill.invoke(envelope, context);
  };
}

export const handler: SkillHandler = createSkillHandler();
