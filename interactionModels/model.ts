/** Builds one locale's ASK interaction model (language model, dialog model, prompts) and refuses to build a broken one. */
import type { Locale } from '../domain/locales';
import {
  CONFIRMED_INTENTS,
  Intent,
  IntentSlots,
  type CustomIntentName,
  type IntentName,
  type SlotName,
  type SlotTypeName,
} from '../domain/names';
import { buildSlotTypes, type CustomSlotType } from './slotTypes';
import { deDE } from './utterances/de-DE';
import { enGB } from './utterances/en-GB';
import { enUS } from './utterances/en-US';
import type { LocaleUtterances } from './utterances/types';

export const LOCALE_UTTERANCES: Readonly<Record<Locale, LocaleUtterances>> = {
  'en-US': enUS,
  'en-GB': enGB,
  'de-DE': deDE,
};

/** Built-in intents Pulse handles; Amazon supplies their utterances, so their samples stay empty. */
export const BUILT_IN_INTENTS = [
  Intent.Help,
  Intent.Stop,
  Intent.Cancel,
  Intent.Fallback,
  Intent.NavigateHome,
  Intent.Pause,
  Intent.Resume,
  Intent.Next,
  Intent.Previous,
  Intent.StartOver,
  Intent.Repeat,
  Intent.LoopOn,
  Intent.LoopOff,
  Intent.ShuffleOn,
  Intent.ShuffleOff,
] as const;

/** The skill answers Dialog requests itself (it sends Dialog.ConfirmIntent with its own speech). */
export const DELEGATION_STRATEGY = 'SKILL_RESPONSE';

export interface IntentSlotDefinition {
  name: SlotName;
  type: SlotTypeName;
  samples?: string[];
}

export interface LanguageModelIntent {
  name: IntentName;
  slots?: IntentSlotDefinition[];
  samples: string[];
}

export interface DialogSlot {
  name: SlotName;
  type: SlotTypeName;
  elicitationRequired: boolean;
  confirmationRequired: boolean;
  prompts: { elicitation?: string; confirmation?: string };
}

export interface DialogIntent {
  name: CustomIntentName;
  delegationStrategy: typeof DELEGATION_STRATEGY;
  confirmationRequired: boolean;
  prompts: { confirmation?: string };
  slots: DialogSlot[];
}

export interface Prompt {
  id: string;
  variations: { type: 'PlainText'; value: string }[];
}

/** The JSON document ASK expects under skill-package/interactionModels/custom/<locale>.json. */
export interface InteractionModelDocument {
  interactionModel: {
    languageModel: {
      invocationName: string;
      intents: LanguageModelIntent[];
      types: CustomSlotType[];
    };
    dialog: {
      delegationStrategy: typeof DELEGATION_STRATEGY;
      intents: DialogIntent[];
    };
    prompts: Prompt[];
  };
}

export const CUSTOM_INTENTS = Object.keys(IntentSlots) as CustomIntentName[];

export function slotsOf(intent: CustomIntentName): { name: SlotName; type: SlotTypeName }[] {
  return Object.entries(IntentSlots[intent]).map(([name, type]) => ({
    name: name as SlotName,
    type: type as SlotTypeName,
  }));
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function placeholdersOf(sample: string): string[] {
  return [...sample.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** ASK accepts letters, spaces, apostrophes and periods; digits must be spelled out, and the braces are slots. */
const SPEAKABLE = /^[\p{L}' .{}]+$/u;

/** Two samples that differ only in case or spacing are the same sample to Alexa. */
export function normaliseSample(sample: string, locale: Locale): string {
  return sample.trim().replace(/\s+/g, ' ').toLocaleLowerCase(locale);
}

function elicitationPromptId(intent: CustomIntentName, slot: SlotName): string {
  return `Elicit.Slot.${intent}.${slot}`;
}

/** Every problem in one locale's voice text, so one run of the generator reports them all. */
export function findUtteranceProblems(locale: Locale, voice: LocaleUtterances): string[] {
  const problems: string[] = [];
  const firstIntentOf = new Map<string, CustomIntentName>();

  const checkSample = (
    where: string,
    sample: string,
    allowedSlots: readonly string[],
    slotOnlyAllowed: boolean,
  ): void => {
    if (!SPEAKABLE.test(sample)) {
      problems.push(`${where}: "${sample}" has characters Alexa cannot take (digits, punctuation)`);
    }
    const placeholders = placeholdersOf(sample);
    for (const placeholder of placeholders) {
      if (!allowedSlots.includes(placeholder)) {
        problems.push(`${where}: "${sample}" uses {${placeholder}}, not a slot of this intent`);
      }
    }
    if (new Set(placeholders).size !== placeholders.length) {
      problems.push(`${where}: "${sample}" uses a slot twice`);
    }
    if (!slotOnlyAllowed && sample.replace(PLACEHOLDER, '').trim() === '') {
      problems.push(`${where}: "${sample}" is only a slot; models with a dialog reject those`);
    }
  };

  for (const intent of CUSTOM_INTENTS) {
    const slotNames = slotsOf(intent).map((slot) => slot.name);
    const samples = voice.samples[intent];
    if (samples.length === 0) problems.push(`${locale} ${intent}: no sample utterances`);
    for (const sample of samples) {
      checkSample(`${locale} ${intent}`, sample, slotNames, false);
      const key = normaliseSample(sample, locale);
      const earlier = firstIntentOf.get(key);
      if (earlier === undefined) {
        firstIntentOf.set(key, intent);
      } else {
        problems.push(
          earlier === intent
            ? `${locale} ${intent}: "${sample}" appears twice`
            : `${locale}: "${sample}" is a sample of both ${earlier} and ${intent}`,
        );
      }
    }
  }

  for (const intent of CONFIRMED_INTENTS) {
    for (const slot of slotsOf(intent)) {
      const elicitation = voice.elicitation[intent]?.[slot.name];
      const where = `${locale} elicitation of ${intent}.${slot.name}`;
      if (elicitation === undefined) {
        problems.push(`${where}: missing (every slot of a confirmed intent needs a prompt)`);
        continue;
      }
      if (elicitation.prompts.length === 0) problems.push(`${where}: no prompt`);
      for (const prompt of elicitation.prompts) {
        // Slots may still be empty when Alexa speaks the prompt, and would be read out as nothing.
        if (placeholdersOf(prompt).length > 0) {
          problems.push(`${where}: prompt "${prompt}" names a slot that may still be empty`);
        }
      }
      const slotNames = slotsOf(intent).map((s) => s.name);
      for (const sample of elicitation.samples) {
        checkSample(where, sample, slotNames, true);
        if (!placeholdersOf(sample).includes(slot.name)) {
          problems.push(`${where}: answer "${sample}" does not contain {${slot.name}}`);
        }
      }
    }
  }
  return problems;
}

function languageModelIntent(
  intent: CustomIntentName,
  voice: LocaleUtterances,
): LanguageModelIntent {
  const elicited = voice.elicitation[intent];
  return {
    name: intent,
    slots: slotsOf(intent).map((slot) => {
      const answers = elicited?.[slot.name]?.samples;
      return answers === undefined ? { ...slot } : { ...slot, samples: [...answers] };
    }),
    samples: [...voice.samples[intent]],
  };
}

function dialogIntent(intent: CustomIntentName): DialogIntent {
  return {
    name: intent,
    delegationStrategy: DELEGATION_STRATEGY,
    // The handler sends Dialog.ConfirmIntent with its own wording, so Alexa must not confirm on its own.
    confirmationRequired: false,
    prompts: {},
    slots: slotsOf(intent).map((slot) => ({
      ...slot,
      elicitationRequired: true,
      confirmationRequired: false,
      prompts: { elicitation: elicitationPromptId(intent, slot.name) },
    })),
  };
}

function elicitationPrompts(voice: LocaleUtterances): Prompt[] {
  return CONFIRMED_INTENTS.flatMap((intent) =>
    slotsOf(intent).map((slot) => ({
      id: elicitationPromptId(intent, slot.name),
      variations: (voice.elicitation[intent]?.[slot.name]?.prompts ?? []).map((value) => ({
        type: 'PlainText' as const,
        value,
      })),
    })),
  );
}

/** The interaction model for one locale; throws, listing every problem, if the voice text is invalid. */
export function buildInteractionModel(locale: Locale): InteractionModelDocument {
  const voice = LOCALE_UTTERANCES[locale];
  const problems = findUtteranceProblems(locale, voice);
  if (problems.length > 0) {
    throw new Error(`interaction model ${locale} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return {
    interactionModel: {
      languageModel: {
        invocationName: voice.invocationName,
        intents: [
          ...CUSTOM_INTENTS.map((intent) => languageModelIntent(intent, voice)),
          ...BUILT_IN_INTENTS.map((name) => ({ name, samples: [] })),
        ],
        types: buildSlotTypes(locale),
      },
      dialog: {
        delegationStrategy: DELEGATION_STRATEGY,
        intents: CONFIRMED_INTENTS.map(dialogIntent),
      },
      prompts: elicitationPrompts(voice),
    },
  };
}
