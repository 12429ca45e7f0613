/** Alexa's dialog model at work: the next step of a delegated dialog, slot validations, the prompt it speaks. */
import type { Intent, Slot } from 'ask-sdk-model';
import type { DialogModel, Prompt, SlotValidation } from './dialogModel';
import { escapeXml, plainTextOf } from '../../ssml';
import type { Speech } from './speech';

/** What Alexa does next in a delegated dialog. */
export type DialogStep =
  | { readonly kind: 'ElicitSlot'; readonly slot: string; readonly promptId: string }
  | { readonly kind: 'ConfirmSlot'; readonly slot: string; readonly promptId: string }
  | { readonly kind: 'ConfirmIntent'; readonly promptId: string }
  /** Every required slot is filled, valid and confirmed, and the intent confirmed or denied. */
  | { readonly kind: 'Completed' };

function filled(slot: Slot | undefined): slot is Slot & { value: string } {
  return slot?.value !== undefined && slot.value !== '';
}

/** Whether the slot's value passes one validation rule of the dialog model. */
export function passes(slot: Slot & { value: string }, validation: SlotValidation): boolean {
  const resolutions = slot.resolutions?.resolutionsPerAuthority ?? [];
  const said = [
    slot.value,
    ...resolutions.flatMap((r) => (r.values ?? []).flatMap((v) => [v.value.name, v.value.id])),
  ].map((v) => v.toLowerCase());
  const inSet = (): boolean =>
    (validation.values ?? []).some((v) => said.includes(v.toLowerCase()));
  const number = Number(slot.value);
  const bound = Number(validation.value);
  switch (validation.type) {
    case 'hasEntityResolutionMatch':
      return resolutions.some((r) => r.status.code === 'ER_SUCCESS_MATCH');
    case 'isInSet':
      return inSet();
    case 'isNotInSet':
      return !inSet();
    case 'isGreaterThan':
      return number > bound;
    case 'isGreaterThanOrEqualTo':
      return number >= bound;
    case 'isLessThan':
      return number < bound;
    case 'isLessThanOrEqualTo':
      return number <= bound;
    default:
      return true;
  }
}

/**
 * The next step of the dialog model for `intent`, slot by slot in the model's order: ask for a
 * required slot that is empty or was denied, ask again with the validation prompt for a value that
 * fails a rule, confirm a slot that needs it; then confirm the intent; else the dialog is complete.
 */
export function nextStep(model: DialogModel, intent: Intent): DialogStep {
  const rules = model.intent(intent.name);
  if (!rules) return { kind: 'Completed' };
  for (const rule of rules.slots ?? []) {
    const slot = intent.slots?.[rule.name];
    const denied = rule.confirmationRequired === true && slot?.confirmationStatus === 'DENIED';
    if (!filled(slot) || denied) {
      if (rule.elicitationRequired && rule.prompts?.elicitation) {
        return { kind: 'ElicitSlot', slot: rule.name, promptId: rule.prompts.elicitation };
      }
      continue;
    }
    const failed = (rule.validations ?? []).find((v) => !passes(slot, v));
    if (failed) return { kind: 'ElicitSlot', slot: rule.name, promptId: failed.prompt };
    if (
      rule.confirmationRequired &&
      rule.prompts?.confirmation &&
      slot.confirmationStatus !== 'CONFIRMED'
    ) {
      return { kind: 'ConfirmSlot', slot: rule.name, promptId: rule.prompts.confirmation };
    }
  }
  if (
    rules.confirmationRequired &&
    rules.prompts?.confirmation &&
    (intent.confirmationStatus ?? 'NONE') === 'NONE'
  ) {
    return { kind: 'ConfirmIntent', promptId: rules.prompts.confirmation };
  }
  return { kind: 'Completed' };
}

/**
 * A prompt as Alexa speaks it: one of its variations, with each `{slot}` replaced by the slot's
 * value (a slot with no value is said as nothing).
 */
export function promptSpeech(prompt: Prompt, intent: Intent, random: () => number): Speech {
  const index = Math.min(
    prompt.variations.length - 1,
    Math.floor(random() * prompt.variations.length),
  );
  const variation = prompt.variations[index] ?? prompt.variations[0];
  const valueOf = (name: string): string => intent.slots?.[name]?.value ?? '';
  if (!variation) return { ssml: '', text: '' };
  if (variation.type === 'PlainText') {
    const text = variation.value
      .replace(/\{(\w+)\}/g, (_m, name: string) => valueOf(name))
      .replace(/\s+/g, ' ')
      .trim();
    return { ssml: `<speak>${escapeXml(text)}</speak>`, text };
  }
  const body = variation.value.replace(/\{(\w+)\}/g, (_m, name: string) =>
    escapeXml(valueOf(name)),
  );
  const ssml = /^\s*<speak\b/i.test(body) ? body : `<speak>${body}</speak>`;
  return { ssml, text: plainTextOf(ssml) };
}
