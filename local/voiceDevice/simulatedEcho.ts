/** A simulated Echo: hears what a user says, keeps Alexa's skill sessions, runs Alexa's dialog manager and calls the skill as Alexa does. */
import type {
  DialogState,
  Intent,
  IntentConfirmationStatus,
  Request,
  SessionEndedError,
  SessionEndedReason,
  Slot,
  SlotConfirmationStatus,
  SupportedInterfaces,
  ui,
} from 'ask-sdk-model';
import { isLocale, LOCALES, type Locale } from '../../domain/locales';
import {
  DEFAULT_SKILL_ID,
  NO_INTENT,
  trainNlu,
  YES_INTENT,
  FALLBACK_INTENT,
  type Nlu,
  type Understanding,
} from '../nlu';
import {
  EchoLocaleError,
  InvalidEchoOptionsError,
  InvalidSpeechError,
  SessionLocaleMismatchError,
  SessionNotOpenError,
} from './errors';
import { AudioPlayerState } from './audioPlayer';
import { DialogModel } from './dialogModel';
import { nextStep, promptSpeech, type DialogStep } from './dialogSteps';
import { apiEndpointFor, defaultIdentity, identityProblems, type EchoIdentity } from './identity';
import { newSessionId, RequestEnvelopes } from './requestEnvelopes';
import {
  completeIntent,
  readSkillResponse,
  type AlexaSsmlTarget,
  type SkillResponse,
} from './skillResponse';
import { joinSpeech, plainSpeech, SILENCE, type Speech } from './speech';
import type {
  AskedBy,
  Awaiting,
  EchoTurn,
  SayOptions,
  SessionState,
  SimulatedEchoOptions,
  SkillEndpoint,
  SkillExchange,
  TurnError,
  TurnUnderstanding,
} from './types';

const YES = YES_INTENT;
const NO = NO_INTENT;
const FALLBACK = FALLBACK_INTENT;
/** What Alexa says when a skill's response is invalid or the skill does not answer. */
const SKILL_PROBLEM: Readonly<Record<Locale, string>> = {
  'en-US': "There was a problem with the requested skill's response.",
  'en-GB': "There was a problem with the requested skill's response.",
  'de-DE': 'Bei der Antwort des angeforderten Skills ist ein Problem aufgetreten.',
};
/** Alexa waits this long for a skill's response. */
const DEFAULT_TIMEOUT_MS = 8000;
const DEFAULT_MAX_SESSIONS = 50;
/** Longer than anyone speaks in one breath; longer input is refused. */
const MAX_UTTERANCE_CHARACTERS = 1000;
/** Requests one utterance may cause (a dialog completed, chained intents) before Alexa gives up on a loop. */
const MAX_REQUESTS_PER_TURN = 8;
/** Alexa's message to the skill when calling it threw (as a Lambda error reaches Alexa). */
const DISPATCH_FAILED = 'An exception occurred while dispatching the request to the skill.';
/** What an Echo reports for each interface a skill manifest declares. */
const DEVICE_INTERFACES: Readonly<Record<string, keyof SupportedInterfaces>> = {
  AUDIO_PLAYER: 'AudioPlayer',
};

/** What Alexa waits for, with the intent of the dialog it belongs to. */
type Expectation =
  | { readonly kind: 'request' }
  | {
      readonly kind: 'slot-value';
      readonly intent: Intent;
      readonly slot: string;
      readonly auto: boolean;
      readonly by: AskedBy;
    }
  | {
      readonly kind: 'slot-confirmation';
      readonly intent: Intent;
      readonly slot: string;
      readonly auto: boolean;
      readonly by: AskedBy;
    }
  | {
      readonly kind: 'intent-confirmation';
      readonly intent: Intent;
      readonly auto: boolean;
      readonly by: AskedBy;
    };

interface Session {
  readonly id: string;
  readonly locale: Locale;
  /** True until the first request of the session has been sent. */
  isNew: boolean;
  /** The sessionAttributes the skill last returned. */
  attributes: Record<string, unknown> | undefined;
  expecting: Expectation;
  /** What Alexa says when the user says nothing; said once, then the session ends. */
  reprompt: Speech | undefined;
  reprompted: boolean;
  open: boolean;
  /** Turns of a session run one after the other. */
  queue: Promise<unknown>;
}

interface Language {
  readonly locale: Locale;
  readonly dialog: DialogModel;
  /** The intents the model declares. */
  readonly declares: ReadonlySet<string>;
  /** The locale's NLU, trained once, the first time it is needed. */
  nlu(): Promise<Nlu>;
}

/** Collects what happens in one turn. */
class TurnRecord {
  session: Session | undefined;
  readonly exchanges: SkillExchange[] = [];
  speech: Speech = SILENCE;
  card: ui.Card | undefined;
  understanding: TurnUnderstanding | undefined;
  error: TurnError | undefined;

  constructor(
    readonly locale: Locale,
    readonly heard: string,
  ) {}

  say(speech: Speech): void {
    this.speech = joinSpeech(this.speech, speech);
  }

  result(): EchoTurn {
    const main =
      [...this.exchanges].reverse().find((e) => e.request.request.type !== 'SessionEndedRequest') ??
      this.exchanges.at(-1);
    const open = this.session?.open === true;
    return {
      sessionId: this.session?.id,
      locale: this.locale,
      heard: this.heard,
      request: main?.request,
      response: main?.response,
      exchanges: [...this.exchanges],
      spoken: this.speech.text,
      ssml: this.speech.ssml,
      reprompt: open ? this.session?.reprompt?.text : undefined,
      card: this.card,
      shouldEndSession: !open,
      understanding: this.understanding,
      awaiting: open && this.session ? awaitingOf(this.session.expecting) : undefined,
      error: this.error,
    };
  }
}

function awaitingOf(expecting: Expectation): Awaiting {
  switch (expecting.kind) {
    case 'request':
      return { kind: 'request' };
    case 'slot-value':
    case 'slot-confirmation':
      return {
        kind: expecting.kind,
        intent: expecting.intent.name,
        slot: expecting.slot,
        by: expecting.by,
      };
    case 'intent-confirmation':
      return { kind: expecting.kind, intent: expecting.intent.name, by: expecting.by };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function filled(slot: Slot | undefined): boolean {
  return slot?.value !== undefined && slot.value !== '';
}

/** `intent` with the filled slots of `said` in place of its own; a new value is unconfirmed again. */
function withSlotsFrom(intent: Intent, said: Intent): Intent {
  const slots: Record<string, Slot> = { ...intent.slots };
  for (const [name, slot] of Object.entries(said.slots ?? {})) {
    if (filled(slot)) slots[name] = { ...structuredClone(slot), confirmationStatus: 'NONE' };
  }
  return { ...intent, slots };
}

function withSlotStatus(intent: Intent, slot: string, status: SlotConfirmationStatus): Intent {
  const current = intent.slots?.[slot] ?? { name: slot, confirmationStatus: 'NONE' };
  return {
    ...intent,
    slots: { ...intent.slots, [slot]: { ...current, confirmationStatus: status } },
  };
}

/** The slot emptied to be asked for again (its value failed a validation or was denied). */
function withoutSlotValue(intent: Intent, slot: string): Intent {
  return {
    ...intent,
    slots: { ...intent.slots, [slot]: { name: slot, confirmationStatus: 'NONE' } },
  };
}

function understandingOf(
  intent: Intent,
  understanding: Understanding | undefined,
  as: TurnUnderstanding['as'],
): TurnUnderstanding {
  const slots: Record<string, string | null> = {};
  const resolutions: Record<string, { status: string; values: { id: string; name: string }[] }> =
    {};
  for (const [name, slot] of Object.entries(intent.slots ?? {})) {
    slots[name] = slot.value ?? null;
    const authority = slot.resolutions?.resolutionsPerAuthority?.[0];
    if (slot.value !== undefined && authority) {
      resolutions[name] = {
        status: authority.status.code,
        values: (authority.values ?? []).map((v) => ({ id: v.value.id, name: v.value.name })),
      };
    }
  }
  return {
    intent: intent.name,
    confirmationStatus: intent.confirmationStatus,
    slots,
    resolutions,
    confidence: understanding?.confidence ?? 1,
    alternatives: understanding?.alternatives ?? [],
    as,
  };
}

function supportedInterfacesOf(manifest: unknown, issues: string[]): SupportedInterfaces {
  if (manifest === undefined) return { AudioPlayer: {} };
  const interfaces =
    (manifest as { manifest?: { apis?: { custom?: { interfaces?: unknown } } } })?.manifest?.apis
      ?.custom?.interfaces ?? [];
  if (!Array.isArray(interfaces)) {
    issues.push('manifest.apis.custom.interfaces must be an array');
    return {};
  }
  const supported: SupportedInterfaces = {};
  for (const declared of interfaces) {
    const name =
      isRecord(declared) && typeof declared.type === 'string'
        ? DEVICE_INTERFACES[declared.type]
        : undefined;
    if (name) Object.assign(supported, { [name]: {} });
  }
  return supported;
}

class EndpointTimeoutError extends Error {}

/**
 * An Echo for one skill: say what a user says, in a locale, and it calls the skill with the
 * requests Alexa would send (LaunchRequest, IntentRequest, SessionEndedRequest), runs the dialog
 * model and the skill's dialog directives, keeps the session and its attributes across turns, and
 * speaks what the skill answers. One Alexa user and one device, kept across sessions.
 */
export class SimulatedEcho {
  readonly skillId: string;
  readonly identity: EchoIdentity;
  private readonly skill: SkillEndpoint;
  private readonly languages: ReadonlyMap<Locale, Language>;
  private readonly envelopes: RequestEnvelopes;
  private readonly audioPlayer: AudioPlayerState | undefined;
  private readonly sessions = new Map<string, Session>();
  private readonly timeoutMs: number;
  private readonly maxSessions: number;
  private readonly random: () => number;
  private readonly ssmlTarget: AlexaSsmlTarget;

  constructor(options: SimulatedEchoOptions) {
    const issues: string[] = [];
    if (!isRecord(options)) throw new InvalidEchoOptionsError(['options must be an object']);
    if (typeof options.skill !== 'function') {
      issues.push('skill must be a function (envelope) => Promise<response>');
    }
    const models = isRecord(options.models) ? Object.entries(options.models) : [];
    if (models.length === 0) issues.push('models must name at least one locale with its model');
    const skillId = options.skillId ?? DEFAULT_SKILL_ID;
    if (typeof skillId !== 'string' || !/^amzn1\.ask\.skill\.[\w-]+$/.test(skillId)) {
      issues.push(`skillId must look like amzn1.ask.skill.…, got ${JSON.stringify(skillId)}`);
    }
    if (options.nlu !== undefined && typeof options.nlu !== 'function') {
      issues.push('nlu must be a function (locale) => Promise<Nlu>');
    }
    const languages = new Map<Locale, Language>();
    for (const [locale, model] of models) {
      if (!isLocale(locale)) {
        issues.push(`locale ${locale} is not one of ${LOCALES.join(', ')}`);
        continue;
      }
      try {
        languages.set(locale, this.languageOf(locale, model, skillId, options.nlu));
      } catch (error) {
        issues.push(`models.${locale}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    issues.push(...identityProblems(options.identity ?? {}));
    if (
      options.apiEndpoint !== undefined &&
      (typeof options.apiEndpoint !== 'string' || !/^https?:\/\/\S+$/.test(options.apiEndpoint))
    ) {
      issues.push(`apiEndpoint must be an http(s) URL, got ${JSON.stringify(options.apiEndpoint)}`);
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
      issues.push(`timeoutMs must be a positive number, got ${String(timeoutMs)}`);
    const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    if (!(Number.isInteger(maxSessions) && maxSessions > 0))
      issues.push(`maxSessions must be a positive integer, got ${String(maxSessions)}`);
    const ssmlTarget = options.ssmlTarget ?? 'alexa';
    if (ssmlTarget !== 'alexa' && ssmlTarget !== 'alexa-simulator') {
      issues.push(`ssmlTarget must be alexa or alexa-simulator, got ${JSON.stringify(ssmlTarget)}`);
    }
    const supportedInterfaces = supportedInterfacesOf(options.manifest, issues);
    if (issues.length > 0) throw new InvalidEchoOptionsError(issues);

    const now = options.now ?? ((): Date => new Date());
    this.skill = options.skill;
    this.skillId = skillId;
    this.identity = { ...defaultIdentity(skillId), ...options.identity };
    this.languages = languages;
    this.timeoutMs = timeoutMs;
    this.maxSessions = maxSessions;
    this.random = options.random ?? Math.random;
    this.ssmlTarget = ssmlTarget;
    this.audioPlayer = supportedInterfaces.AudioPlayer ? new AudioPlayerState(now) : undefined;
    const apiEndpoint = options.apiEndpoint;
    this.envelopes = new RequestEnvelopes({
      skillId,
      identity: this.identity,
      supportedInterfaces,
      apiEndpoint: (locale) => apiEndpoint ?? apiEndpointFor(locale),
      now,
      audioPlayer: this.audioPlayer,
    });
  }

  /** The locales this Echo speaks. */
  get locales(): readonly Locale[] {
    return [...this.languages.keys()];
  }

  /**
   * Trains the NLU of each locale not trained yet, one after the other (training is CPU-bound), so
   * that the first words said in a locale need not wait; resolves when all are ready.
   */
  async warmUp(
    locales: readonly Locale[] = this.locales,
  ): Promise<{ locale: Locale; trainingMs: number }[]> {
    const trained: { locale: Locale; trainingMs: number }[] = [];
    for (const locale of locales) {
      const { trainingMs } = await this.language(locale).nlu();
      trained.push({ locale, trainingMs });
    }
    return trained;
  }

  /** A locale's dialog model read now (cheap, and a broken model is reported at once), its NLU later. */
  private languageOf(
    locale: Locale,
    model: unknown,
    skillId: string,
    provided: SimulatedEchoOptions['nlu'],
  ): Language {
    const dialog = DialogModel.read(model);
    let trained: Promise<Nlu> | undefined;
    return {
      locale,
      dialog,
      declares: new Set(dialog.intentNames),
      nlu: () => {
        trained ??= provided ? provided(locale) : trainNlu(model, locale, { skillId });
        return trained;
      },
    };
  }

  /**
   * The user says `utterance`: a launch phrase ("open live pulse"), a one-shot request ("ask live
   * pulse …"), an exit ("exit"), or words to the skill, in the session `sessionId` when it is open
   * (else in a new one).
   */
  async say(utterance: string, options: SayOptions): Promise<EchoTurn> {
    const language = this.language(options?.locale);
    if (typeof utterance !== 'string' || utterance.trim() === '') {
      throw new InvalidSpeechError(
        'The utterance is empty: say something, or call silence() for a user who says nothing',
      );
    }
    if (utterance.length > MAX_UTTERANCE_CHARACTERS) {
      throw new InvalidSpeechError(
        `The utterance is ${utterance.length} characters long; at most ${MAX_UTTERANCE_CHARACTERS} are heard`,
      );
    }
    const { locale } = language;
    const open = this.openSession(options.sessionId, locale);
    if (open) return this.inTurn(open, () => this.hear(open, utterance, language));
    return this.hear(undefined, utterance, language);
  }

  /** The user says nothing while the microphone is open: Alexa reprompts once, then ends the session. */
  async silence(options: { readonly sessionId: string }): Promise<EchoTurn> {
    const session = this.sessions.get(options?.sessionId);
    if (!session) throw new SessionNotOpenError(options?.sessionId);
    return this.inTurn(session, async () => {
      // A turn queued before this one may have ended the session.
      if (!session.open) throw new SessionNotOpenError(session.id);
      const turn = new TurnRecord(session.locale, '');
      turn.session = session;
      await this.noAnswer(session, turn);
      return turn.result();
    });
  }

  /** The user ends the session (says "exit", presses the action button): SessionEndedRequest USER_INITIATED. */
  async end(options: { readonly sessionId: string }): Promise<EchoTurn | undefined> {
    const session = this.sessions.get(options?.sessionId);
    if (!session) return undefined;
    return this.inTurn(session, async () => {
      const turn = new TurnRecord(session.locale, '');
      turn.session = session;
      if (session.open) await this.endSession(session, 'USER_INITIATED', turn);
      return turn.result();
    });
  }

  /** An open session's state, or undefined when it is not open. */
  session(sessionId: string): SessionState | undefined {
    const session = this.sessions.get(sessionId);
    if (!session) return undefined;
    const { expecting } = session;
    return {
      sessionId: session.id,
      locale: session.locale,
      attributes: session.attributes && structuredClone(session.attributes),
      awaiting: awaitingOf(expecting),
      dialogIntent: expecting.kind === 'request' ? undefined : structuredClone(expecting.intent),
    };
  }

  private language(locale: unknown): Language {
    const language = typeof locale === 'string' ? this.languages.get(locale as Locale) : undefined;
    if (!language) throw new EchoLocaleError(locale, this.locales);
    return language;
  }

  private openSession(sessionId: unknown, locale: Locale): Session | undefined {
    if (sessionId === undefined) return undefined;
    if (typeof sessionId !== 'string' || sessionId.trim() === '') {
      throw new InvalidSpeechError(
        `sessionId must be a non-empty string, got ${JSON.stringify(sessionId)}`,
      );
    }
    const session = this.sessions.get(sessionId);
    if (session && session.locale !== locale)
      throw new SessionLocaleMismatchError(sessionId, session.locale, locale);
    return session;
  }

  private inTurn<T>(session: Session, turn: () => Promise<T>): Promise<T> {
    // Maps keep insertion order: the session used last goes last, the one unused longest first.
    if (this.sessions.delete(session.id)) this.sessions.set(session.id, session);
    const result = session.queue.then(turn);
    // The next turn waits for this one, whether it succeeds or not.
    session.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async hear(
    queued: Session | undefined,
    utterance: string,
    language: Language,
  ): Promise<EchoTurn> {
    // A turn queued before this one may have ended the session: then these words start a new one.
    const open = queued?.open ? queued : undefined;
    const turn = new TurnRecord(language.locale, utterance);
    turn.session = open;
    const nlu = await language.nlu();
    const { form, words } = nlu.invocation(utterance);
    if (form === 'exit') {
      if (open) await this.endSession(open, 'USER_INITIATED', turn);
      return turn.result();
    }
    // Naming the skill starts it afresh: a session still open ends first.
    let session = open;
    if (open && form !== 'none') {
      await this.endSession(open, 'USER_INITIATED', turn);
      session = undefined;
    }
    if (form === 'launch') {
      session = await this.startSession(language.locale, turn);
      await this.sendRequest(session, this.envelopes.launch(session.locale), turn);
      return turn.result();
    }
    if (words.length === 0) {
      // Nothing understandable (only hesitations): as if nothing was said.
      if (session) await this.noAnswer(session, turn);
      return turn.result();
    }
    // Outside a session, words go to the skill as a one-shot request would: this Echo has no other skill.
    session ??= await this.startSession(language.locale, turn);
    await this.understandInSession(session, words.join(' '), nlu, language, turn);
    return turn.result();
  }

  private async startSession(locale: Locale, turn: TurnRecord): Promise<Session> {
    // Make room: the session unused longest would have timed out long ago on a real device.
    for (const oldest of [...this.sessions.values()]) {
      if (this.sessions.size < this.maxSessions) break;
      const ending = new TurnRecord(oldest.locale, '');
      ending.session = oldest;
      await this.endSession(oldest, 'EXCEEDED_MAX_REPROMPTS', ending);
    }
    const session: Session = {
      id: newSessionId(),
      locale,
      isNew: true,
      attributes: undefined,
      expecting: { kind: 'request' },
      reprompt: undefined,
      reprompted: false,
      open: true,
      queue: Promise.resolve(),
    };
    this.sessions.set(session.id, session);
    turn.session = session;
    return session;
  }

  /** Words said in a session, understood against what Alexa is waiting for. */
  private async understandInSession(
    session: Session,
    text: string,
    nlu: Nlu,
    language: Language,
    turn: TurnRecord,
  ): Promise<void> {
    const expecting = session.expecting;
    if (expecting.kind === 'slot-value') {
      const understanding = await nlu.understand(text, {
        eliciting: { intent: expecting.intent.name, slot: expecting.slot },
      });
      if (understanding.elicitedSlot !== undefined) {
        const intent = withSlotsFrom(expecting.intent, understanding.intent as Intent);
        turn.understanding = understandingOf(intent, understanding, 'slot-value');
        return this.continueDialog(session, intent, expecting.auto, turn);
      }
      return this.startIntent(session, understanding, language, turn);
    }
    const confirming =
      expecting.kind === 'slot-confirmation' || expecting.kind === 'intent-confirmation';
    const understanding = await nlu.understand(text, { confirming });
    if (confirming) {
      const answer: SlotConfirmationStatus | undefined =
        understanding.intent.name === YES
          ? 'CONFIRMED'
          : understanding.intent.name === NO
            ? 'DENIED'
            : undefined;
      if (answer) {
        const intent =
          expecting.kind === 'slot-confirmation'
            ? withSlotStatus(expecting.intent, expecting.slot, answer)
            : { ...expecting.intent, confirmationStatus: answer as IntentConfirmationStatus };
        turn.understanding = understandingOf(intent, understanding, 'confirmation');
        return this.continueDialog(session, intent, expecting.auto, turn);
      }
    }
    return this.startIntent(session, understanding, language, turn);
  }

  /** A request of its own: a new intent, or the intent of the dialog in progress said again. */
  private async startIntent(
    session: Session,
    understanding: Understanding,
    language: Language,
    turn: TurnRecord,
  ): Promise<void> {
    let intent = completeIntent(
      understanding.intent as Intent,
      language.dialog.slotsOf(understanding.intent.name),
    );
    if (!understanding.declared) {
      // Yes / no outside a confirmation: a model without AMAZON.YesIntent / NoIntent has no intent
      // for them; Alexa sends what it sends for any request the model does not cover.
      if (!language.declares.has(FALLBACK)) return this.noAnswer(session, turn);
      intent = { name: FALLBACK, confirmationStatus: 'NONE', slots: {} };
    }
    const expecting = session.expecting;
    if (expecting.kind !== 'request' && expecting.intent.name === intent.name) {
      // The request of the dialog in progress, said again with (some of) its slots: Alexa keeps the rest.
      const merged = withSlotsFrom(expecting.intent, intent);
      turn.understanding = understandingOf(merged, understanding, 'request');
      return this.continueDialog(session, merged, expecting.auto, turn);
    }
    turn.understanding = understandingOf(intent, understanding, 'request');
    const rules = language.dialog.intent(intent.name);
    if (rules && language.dialog.strategyOf(intent.name) === 'ALWAYS')
      return this.runDialogModel(session, intent, true, turn, SILENCE);
    // A skill with a dialog model gets dialogState on every IntentRequest; a new request starts a dialog.
    return this.sendIntent(session, intent, language.dialog.present ? 'STARTED' : undefined, turn);
  }

  /** An answer within a dialog: to the skill as IN_PROGRESS, or kept by Alexa while it runs the dialog itself. */
  private continueDialog(
    session: Session,
    intent: Intent,
    auto: boolean,
    turn: TurnRecord,
  ): Promise<void> {
    if (auto) return this.runDialogModel(session, intent, true, turn, SILENCE);
    return this.sendIntent(session, intent, 'IN_PROGRESS', turn);
  }

  /**
   * Alexa follows the dialog model: asks the next question with its prompt, or, when nothing is
   * left to ask, sends the skill the completed intent (dialogState COMPLETED).
   */
  private async runDialogModel(
    session: Session,
    intent: Intent,
    auto: boolean,
    turn: TurnRecord,
    before: Speech,
  ): Promise<void> {
    const language = this.language(session.locale);
    const step: DialogStep = nextStep(language.dialog, intent);
    if (step.kind === 'Completed') {
      turn.say(before);
      return this.sendIntent(session, intent, 'COMPLETED', turn);
    }
    const prompt = language.dialog.prompt(step.promptId);
    const speech = prompt ? promptSpeech(prompt, intent, this.random) : SILENCE;
    turn.say(joinSpeech(before, speech));
    this.listen(session, speech);
    const by: AskedBy = 'dialog-model';
    switch (step.kind) {
      case 'ElicitSlot':
        session.expecting = {
          kind: 'slot-value',
          intent: withoutSlotValue(intent, step.slot),
          slot: step.slot,
          auto,
          by,
        };
        return;
      case 'ConfirmSlot':
        session.expecting = { kind: 'slot-confirmation', intent, slot: step.slot, auto, by };
        return;
      case 'ConfirmIntent':
        session.expecting = { kind: 'intent-confirmation', intent, auto, by };
    }
  }

  private listen(session: Session, reprompt: Speech | undefined): void {
    session.reprompt = reprompt;
    session.reprompted = false;
  }

  private sendIntent(
    session: Session,
    intent: Intent,
    dialogState: DialogState | undefined,
    turn: TurnRecord,
  ): Promise<void> {
    return this.sendRequest(
      session,
      this.envelopes.intent(session.locale, intent, dialogState),
      turn,
    );
  }

  /** Sends a LaunchRequest or IntentRequest and does what the response says. */
  private async sendRequest(session: Session, request: Request, turn: TurnRecord): Promise<void> {
    if (turn.exchanges.length >= MAX_REQUESTS_PER_TURN) {
      const detail = `the skill kept the dialog going for ${MAX_REQUESTS_PER_TURN} requests without waiting for the user`;
      return this.fail(
        session,
        { type: 'INVALID_RESPONSE', message: 'Invalid response: dialog loop', detail },
        turn,
      );
    }
    const response = await this.exchange(session, request, turn);
    if (response) await this.follow(session, response, request, turn);
  }

  /** Calls the skill; a failure or an invalid response ends the session as Alexa ends it. */
  private async exchange(
    session: Session,
    request: Request,
    turn: TurnRecord,
  ): Promise<SkillResponse | undefined> {
    const envelope = this.envelopes.envelope(session, session.locale, request);
    session.isNew = false;
    let raw: unknown;
    try {
      raw = await this.call(envelope);
    } catch (error) {
      const timedOut = error instanceof EndpointTimeoutError;
      const failure: TurnError = {
        type: timedOut ? 'ENDPOINT_TIMEOUT' : 'INVALID_RESPONSE',
        message: timedOut
          ? `The skill did not respond within ${this.timeoutMs} ms.`
          : DISPATCH_FAILED,
        detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
      turn.exchanges.push({ request: envelope, error: failure });
      if (request.type !== 'SessionEndedRequest') await this.fail(session, failure, turn);
      return undefined;
    }
    if (request.type === 'SessionEndedRequest') {
      // Alexa ignores what the skill answers to the end of a session.
      turn.exchanges.push({ request: envelope, response: raw as SkillExchange['response'] });
      return undefined;
    }
    const read = readSkillResponse(
      raw,
      request,
      this.language(session.locale).dialog,
      this.ssmlTarget,
    );
    if (!read.ok) {
      const failure: TurnError = {
        type: 'INVALID_RESPONSE',
        message: `Invalid response: ${read.problem}`,
        detail: read.problem,
      };
      turn.exchanges.push({
        request: envelope,
        response: raw as SkillExchange['response'],
        error: failure,
      });
      await this.fail(session, failure, turn);
      return undefined;
    }
    turn.exchanges.push({ request: envelope, response: read.response.envelope });
    return read.response;
  }

  private async call(envelope: Parameters<SkillEndpoint>[0]): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new EndpointTimeoutError(`no response within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([
        Promise.resolve().then(() => this.skill(structuredClone(envelope))),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Alexa tells the user the skill had a problem and ends the session with an ERROR. */
  private async fail(session: Session, failure: TurnError, turn: TurnRecord): Promise<void> {
    turn.error = failure;
    turn.say(plainSpeech(SKILL_PROBLEM[session.locale]));
    await this.endSession(session, 'ERROR', turn, { type: failure.type, message: failure.message });
  }

  /** Does what a valid response says: speak, ask, delegate, keep the attributes, end or keep the session. */
  private async follow(
    session: Session,
    response: SkillResponse,
    request: Request,
    turn: TurnRecord,
  ): Promise<void> {
    session.attributes = response.envelope.sessionAttributes;
    this.audioPlayer?.follow(response.directives);
    turn.card = response.envelope.response.card ?? turn.card;
    const dialog = response.dialog;
    if (!dialog) {
      turn.say(response.speech);
      if (response.endsSession) {
        this.close(session);
        return;
      }
      session.expecting = { kind: 'request' };
      this.listen(session, response.reprompt);
      return;
    }
    const { directive, intent } = dialog;
    const by: AskedBy = 'skill';
    switch (directive.type) {
      case 'Dialog.ElicitSlot':
        turn.say(response.speech);
        this.listen(session, response.reprompt);
        session.expecting = {
          kind: 'slot-value',
          intent,
          slot: directive.slotToElicit,
          auto: false,
          by,
        };
        return;
      case 'Dialog.ConfirmSlot':
        turn.say(response.speech);
        this.listen(session, response.reprompt);
        session.expecting = {
          kind: 'slot-confirmation',
          intent,
          slot: directive.slotToConfirm,
          auto: false,
          by,
        };
        return;
      case 'Dialog.ConfirmIntent':
        turn.say(response.speech);
        this.listen(session, response.reprompt);
        session.expecting = { kind: 'intent-confirmation', intent, auto: false, by };
        return;
      case 'Dialog.Delegate': {
        if (
          request.type === 'IntentRequest' &&
          request.dialogState === 'COMPLETED' &&
          request.intent.name === intent.name
        ) {
          await this.fail(
            session,
            {
              type: 'INVALID_RESPONSE',
              message: 'Invalid response: Dialog.Delegate for a dialog that is COMPLETED',
              detail: 'the skill delegated the dialog Alexa had just completed',
            },
            turn,
          );
          return;
        }
        // Delegating to another intent (intent chaining) hands its whole dialog to Alexa when that
        // intent is auto-delegated; otherwise each answer comes back to the skill.
        const chained = request.type !== 'IntentRequest' || request.intent.name !== intent.name;
        const auto =
          chained && this.language(session.locale).dialog.strategyOf(intent.name) === 'ALWAYS';
        await this.runDialogModel(session, intent, auto, turn, response.speech);
        return;
      }
    }
  }

  /** No answer (silence, or nothing understandable): the reprompt once, then SessionEndedRequest EXCEEDED_MAX_REPROMPTS. */
  private async noAnswer(session: Session, turn: TurnRecord): Promise<void> {
    if (session.reprompt && session.reprompt.ssml !== '' && !session.reprompted) {
      session.reprompted = true;
      turn.say(session.reprompt);
      return;
    }
    await this.endSession(session, 'EXCEEDED_MAX_REPROMPTS', turn);
  }

  private async endSession(
    session: Session,
    reason: SessionEndedReason,
    turn: TurnRecord,
    error?: SessionEndedError,
  ): Promise<void> {
    if (!session.open) return;
    this.close(session);
    await this.exchange(session, this.envelopes.sessionEnded(session.locale, reason, error), turn);
  }

  private close(session: Session): void {
    session.open = false;
    this.sessions.delete(session.id);
  }
}
