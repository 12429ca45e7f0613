/** What the NLU is given and what it answers: the intent as Alexa puts it into an IntentRequest, and how sure it is. */
import type { Intent, Slot } from 'ask-sdk-model';
import type { Locale } from '../../domain/locales';

/** Options for training. */
export interface NluOptions {
  /** The skill id that resolution authorities name (amzn1.er-authority.echo-sdk.<skillId>.<TYPE>). */
  readonly skillId?: string;
  /**
   * Below this confidence (0..1) an utterance is out of the skill's domain: AMAZON.FallbackIntent
   * when the model declares it. Default: the model's fallbackIntentSensitivity, else LOW's.
   */
  readonly fallbackThreshold?: number;
}

/** A slot as Alexa sends it: `source` is USER for words the user said. */
export type HeardSlot = Slot & { readonly source: 'USER' };

/** One intent the NLU considered, best first. */
export interface Alternative {
  readonly name: string;
  readonly confidence: number;
}

/** What the NLU understood: the intent with every slot of the model present, and how sure it is. */
export interface Understanding {
  readonly intent: Intent;
  /** 0..1; 1 for a built-in intent's own phrase. */
  readonly confidence: number;
  /**
   * False for AMAZON.YesIntent / AMAZON.NoIntent when the model does not declare them: Alexa
   * sends those only while it waits for the answer to a confirmation it asked for.
   */
  readonly declared: boolean;
  /** Other intents considered, best first (at most four). */
  readonly alternatives: readonly Alternative[];
  /**
   * In slot-elicitation mode, the slot the words were understood as the answer for (the intent is
   * then the one being elicited); absent when they were understood as a request of their own.
   */
  readonly elicitedSlot?: string;
}

/** What Alexa is waiting for when it hears an utterance. */
export interface UnderstandOptions {
  /**
   * Alexa asked for this slot's value (Dialog.ElicitSlot or a dialog-model prompt): the words are
   * read as that slot's value first, through the slot's samples and type, and as a request of
   * their own only when they are no value.
   */
  readonly eliciting?: { readonly intent: string; readonly slot: string };
  /**
   * Alexa asked a yes / no question (Dialog.ConfirmIntent, Dialog.ConfirmSlot): words that answer
   * one only then ("go on" to "Shall I switch the light on?") are yes or no, not a request.
   */
  readonly confirming?: boolean;
}

/** How an utterance addresses the skill by its invocation name. */
export type InvocationForm =
  /** "open live pulse": the skill starts with no request (LaunchRequest). */
  | 'launch'
  /** "ask live pulse to …", "… using live pulse": the request comes with the invocation. */
  | 'one-shot'
  /** "exit", "quit": the user leaves the skill (Alexa ends the session itself). */
  | 'exit'
  /** No invocation: words said to the skill in a session. */
  | 'none';

export interface Invocation {
  readonly form: InvocationForm;
  /** The request's own words: lower case, without wake word, invocation and hesitations. */
  readonly words: readonly string[];
}

/** An NLU trained for one interaction model and locale. */
export interface Nlu {
  readonly locale: Locale;
  /** The skill id the resolution authorities name. */
  readonly skillId: string;
  /** The intents it can answer with: the model's, plus yes and no. */
  readonly intentNames: readonly string[];
  /** How long training took, in milliseconds. */
  readonly trainingMs: number;
  understand(utterance: string, options?: UnderstandOptions): Promise<Understanding>;
  /** How the utterance addresses the skill: launch, one-shot, exit, or not at all. */
  invocation(utterance: string): Invocation;
}
