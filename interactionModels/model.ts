/** Builds one locale's ASK interaction model (language model, dialog model, prompts); refuses to build one the linter finds broken. */
import type { Locale } from '../domain/locales';
import {
  CONFIRMED_INTENTS,
  CUSTOM_INTENTS,
  Intent,
  slotsOf,
  type CustomIntentName,
  type IntentName,
  type SlotName,
  type SlotTypeName,
} from '../domain/names';
import { InteractionModelError } from './errors';
import { findModelLimitProblems } from './limits';
import { findUtteranceProblems } from './lint';
import { buildSlotTypes, type CustomSlotType } from './slotTypes';
import { LOCALE_UTTERANCES } from './utterances';
import type { LocaleUtterances } from './utterances/types';

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

function elicitationPromptId(intent: CustomIntentName, slot: SlotName): string {
  return `Elicit.Slot.${intent}.${slot}`;
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

/** The interaction model for one locale; throws, listing every problem, if the voice text is invalid or the model over ASK's limits. */
export function buildInteractionModel(locale: Locale): InteractionModelDocument {
  const voice = LOCALE_UTTERANCES[locale];
  const problems = findUtteranceProblems(locale, voice);
  if (problems.length > 0) throw new InteractionModelError(locale, problems);
  const document: InteractionModelDocument = {
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
  const overLimits = findModelLimitProblems(locale, document);
  if (overLimits.length > 0) throw new InteractionModelError(locale, overLimits);
  return document;
}
