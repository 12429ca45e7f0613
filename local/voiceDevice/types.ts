/** The simulated Echo's types: how it is built, what one turn of a conversation returns. */
import type {
  Intent,
  IntentConfirmationStatus,
  RequestEnvelope,
  ResponseEnvelope,
  SessionEndedErrorType,
  ui,
} from 'ask-sdk-model';
import type { Locale } from '../../domain/locales';
import type { Alternative, Nlu } from '../nlu';
import type { EchoIdentity } from './identity';
import type { AlexaSsmlTarget } from './skillResponse';

/** The skill as Alexa calls it: a Lambda handler or an HTTPS endpoint, one envelope in, one out. */
export type SkillEndpoint = (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

export interface SimulatedEchoOptions {
  readonly skill: SkillEndpoint;
  /**
   * The interaction model document of each locale the Echo speaks (the JSON of
   * skill-package/interactionModels/custom/<locale>.json, dialog model and prompts included).
   */
  readonly models: Partial<Record<Locale, unknown>>;
  /** The skill's id (applicationId); default: the local skill's. */
  readonly skillId?: string;
  /**
   * The NLU of a locale, trained for this skill id. Default: trained from the locale's model the
   * first time the locale is heard (or at warmUp()), once.
   */
  readonly nlu?: (locale: Locale) => Promise<Nlu>;
  /**
   * The skill manifest (skill-package/skill.json): the interfaces it declares decide the device's
   * supportedInterfaces. Without it the Echo reports all it has (AudioPlayer).
   */
  readonly manifest?: unknown;
  /** The Alexa user and device (default: ids derived from the skill id, the same at every start). */
  readonly identity?: Partial<EchoIdentity>;
  /** context.System.apiEndpoint (default: Alexa's for the locale's region). */
  readonly apiEndpoint?: string;
  /** The SSML Alexa accepts from the skill (default 'alexa'; the local stack's posts need 'alexa-simulator'). */
  readonly ssmlTarget?: AlexaSsmlTarget;
  /** How long Alexa waits for the skill (default 8000 ms, Alexa's limit); then ENDPOINT_TIMEOUT. */
  readonly timeoutMs?: number;
  /** Open sessions kept at most (default 50); the one unused longest is ended to make room. */
  readonly maxSessions?: number;
  /** The clock for timestamps (default: the system clock). */
  readonly now?: () => Date;
  /** Picks among a prompt's variations (default Math.random); a number in [0, 1). */
  readonly random?: () => number;
}

export interface SayOptions {
  readonly locale: string;
  /** The session to continue; without it (or when it has ended) a new session begins. */
  readonly sessionId?: string;
}

/** The understanding of one turn: the intent Alexa sent and what the NLU made of the words. */
export interface TurnUnderstanding {
  readonly intent: string;
  readonly confirmationStatus: IntentConfirmationStatus;
  /** Each slot's spoken value (ISO-8601 for durations, digits for numbers); null when empty. */
  readonly slots: Readonly<Record<string, string | null>>;
  /** Entity resolution of each filled slot of a custom type. */
  readonly resolutions: Readonly<
    Record<
      string,
      {
        readonly status: string;
        readonly values: readonly { readonly id: string; readonly name: string }[];
      }
    >
  >;
  /** The NLU's confidence, 0..1. */
  readonly confidence: number;
  readonly alternatives: readonly Alternative[];
  /**
   * How Alexa took the words: a request of their own, the value of the slot it had asked for, or
   * the yes / no to the confirmation it had asked for.
   */
  readonly as: 'request' | 'slot-value' | 'confirmation';
}

/** What the Echo waits for after a turn, while the session is open. */
export type Awaiting =
  | { readonly kind: 'request' }
  | {
      readonly kind: 'slot-value';
      readonly intent: string;
      readonly slot: string;
      readonly by: AskedBy;
    }
  | {
      readonly kind: 'slot-confirmation';
      readonly intent: string;
      readonly slot: string;
      readonly by: AskedBy;
    }
  | { readonly kind: 'intent-confirmation'; readonly intent: string; readonly by: AskedBy };

/** Who asked: the skill with a dialog directive of its own, or Alexa from the dialog model (Dialog.Delegate or auto delegation). */
export type AskedBy = 'skill' | 'dialog-model';

/** An error that ended the session, as the SessionEndedRequest reports it to the skill. */
export interface TurnError {
  readonly type: SessionEndedErrorType;
  readonly message: string;
  /** Why, in detail, for the developer (the rule the response broke, the exception the skill threw). */
  readonly detail: string;
}

/** One request to the skill and what came back. */
export interface SkillExchange {
  readonly request: RequestEnvelope;
  readonly response?: ResponseEnvelope;
  readonly error?: TurnError;
}

/** One turn: what the user said, what went to the skill and back, and what the Echo said. */
export interface EchoTurn {
  /** The session of the turn (absent when nothing reached the skill and no session is open). */
  readonly sessionId: string | undefined;
  readonly locale: Locale;
  /** The words heard ("" when the user said nothing). */
  readonly heard: string;
  /** The request the words caused, and the skill's response to it (the last such exchange of the turn). */
  readonly request: RequestEnvelope | undefined;
  readonly response: ResponseEnvelope | undefined;
  /** Every request of the turn in order (a dialog completed by Alexa, a SessionEndedRequest…). */
  readonly exchanges: readonly SkillExchange[];
  /** What the Echo said, as plain text and as SSML ("" and "" for nothing). */
  readonly spoken: string;
  readonly ssml: string;
  /** What it will say if the user says nothing. */
  readonly reprompt: string | undefined;
  readonly card: ui.Card | undefined;
  /** True when the session is over after this turn. */
  readonly shouldEndSession: boolean;
  readonly understanding: TurnUnderstanding | undefined;
  /** What the Echo waits for next (absent when the session is over). */
  readonly awaiting: Awaiting | undefined;
  readonly error: TurnError | undefined;
}

/** An open session as the Echo keeps it. */
export interface SessionState {
  readonly sessionId: string;
  readonly locale: Locale;
  /** The session attributes the skill last returned (sent with the next request). */
  readonly attributes: Readonly<Record<string, unknown>> | undefined;
  readonly awaiting: Awaiting;
  /** The intent of the dialog in progress, as the next request will carry it. */
  readonly dialogIntent: Intent | undefined;
}
