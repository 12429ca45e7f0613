/** Slot objects exactly as Alexa puts them into an IntentRequest, entity resolution included. */
import type { slu } from 'ask-sdk-model';
import type { ResolvedValue } from '../entities/entityMatch';
import type { HeardSlot } from '../types';

/** Alexa's authority for a custom slot type of a skill. */
export function authorityFor(skillId: string, slotType: string): string {
  return `amzn1.er-authority.echo-sdk.${skillId}.${slotType}`;
}

export function emptySlot(name: string): HeardSlot {
  return { name, confirmationStatus: 'NONE', source: 'USER' };
}

/** A filled slot of a built-in type: no entity resolution. */
export function plainSlot(name: string, value: string): HeardSlot {
  return { ...emptySlot(name), value, slotValue: { type: 'Simple', value } };
}

/** A filled slot of a custom type: ER_SUCCESS_MATCH with the values it resolved to, or ER_SUCCESS_NO_MATCH. */
export function resolvedSlot(
  name: string,
  value: string,
  authority: string,
  matches: readonly ResolvedValue[],
): HeardSlot {
  // Alexa sends ER_SUCCESS_NO_MATCH without `values`, which ask-sdk-model types as always there.
  const resolution = (
    matches.length > 0
      ? {
          authority,
          status: { code: 'ER_SUCCESS_MATCH' },
          values: matches.map((match) => ({ value: { name: match.name, id: match.id } })),
        }
      : { authority, status: { code: 'ER_SUCCESS_NO_MATCH' } }
  ) as slu.entityresolution.Resolution;
  const resolutions: slu.entityresolution.Resolutions = { resolutionsPerAuthority: [resolution] };
  return {
    ...emptySlot(name),
    value,
    resolutions,
    slotValue: { type: 'Simple', value, resolutions },
  };
}
