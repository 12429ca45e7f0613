/** The shape of one locale's voice text: invocation name, sample utterances, and the dialog's elicitation wording. */
import type { CustomIntentName, SlotName } from '../../domain/names';

/** What Alexa says to ask for a missing slot, and what users answer, for a slot the dialog model requires. */
export interface SlotElicitation {
  /** Prompt variations; Alexa picks one at random. */
  readonly prompts: readonly string[];
  /** Answers to the prompt, e.g. "at {station}"; they use the slot's own placeholder. */
  readonly samples: readonly string[];
}

export interface LocaleUtterances {
  readonly invocationName: string;
  /** Sample utterances per custom intent; `{slot}` placeholders name slots of that intent (see names.ts). */
  readonly samples: { readonly [I in CustomIntentName]: readonly string[] };
  /**
   * Elicitation per slot of each intent in CONFIRMED_INTENTS: those intents take part in the dialog model,
   * so the handler may delegate slot filling to Alexa. The generator fails if a slot lacks an entry.
   */
  readonly elicitation: Partial<
    Record<CustomIntentName, Partial<Record<SlotName, SlotElicitation>>>
  >;
}
