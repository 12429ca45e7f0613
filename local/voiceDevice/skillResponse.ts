/** A skill's response as Alexa reads it: the checks that make Alexa refuse it (INVALID_RESPONSE), its speech, its dialog directive. */
import type { dialog, Directive, Intent, Request, ResponseEnvelope, Slot } from 'ask-sdk-model';
import { LIMITS, validateSsml, type SsmlTarget } from '../../ssml';
import type { DialogModel } from './dialogModel';
import { speechOf, type Speech } from './speech';

/** Alexa's limit on a whole response. */
export const MAX_RESPONSE_BYTES = 24 * 1024;

export type DialogDirective =
  | dialog.DelegateDirective
  | dialog.ElicitSlotDirective
  | dialog.ConfirmSlotDirective
  | dialog.ConfirmIntentDirective;

const DIALOG_DIRECTIVES: ReadonlySet<string> = new Set([
  'Dialog.Delegate',
  'Dialog.ElicitSlot',
  'Dialog.ConfirmSlot',
  'Dialog.ConfirmIntent',
]);

/** What Alexa takes from a valid response. */
export interface SkillResponse {
  readonly envelope: ResponseEnvelope;
  readonly speech: Speech;
  readonly reprompt: Speech | undefined;
  readonly directives: readonly Directive[];
  /** The dialog directive, with the intent it is about (updatedIntent, or the request's intent). */
  readonly dialog: { readonly directive: DialogDirective; readonly intent: Intent } | undefined;
  /**
   * Whether Alexa closes the session after speaking: true ends it; false or null opens the
   * microphone; absent ends it on an Echo without a screen, unless a dialog directive waits for an answer.
   */
  readonly endsSession: boolean;
}

export type ReadResult =
  | { readonly ok: true; readonly response: SkillResponse }
  | { readonly ok: false; readonly problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Alexa's SSML: 'alexa-simulator' lets the local stack's posts play from plain-http s3rver. */
export type AlexaSsmlTarget = Extract<SsmlTarget, 'alexa' | 'alexa-simulator'>;

function speechProblem(value: unknown, where: string, target: AlexaSsmlTarget): string | undefined {
  const maxCharacters = LIMITS[target].maxCharacters;
  if (value === undefined) return undefined;
  if (!isRecord(value)) return `${where} must be an object`;
  if (value.type === 'PlainText') {
    if (typeof value.text !== 'string') return `${where}.text must be a string`;
    if (value.text.length > maxCharacters)
      return `${where}.text is longer than ${maxCharacters} characters`;
    return undefined;
  }
  if (value.type === 'SSML') {
    if (typeof value.ssml !== 'string') return `${where}.ssml must be a string`;
    const checked = validateSsml(value.ssml, target);
    return checked.ok
      ? undefined
      : `${where}.ssml is not SSML Alexa accepts: ${checked.issues.join('; ')}`;
  }
  return `${where}.type must be PlainText or SSML`;
}

/** The intent with every slot of the model present and every status set, as Alexa passes it on. */
export function completeIntent(intent: Intent, slotNames: readonly string[]): Intent {
  const slots: Record<string, Slot> = {};
  for (const name of slotNames) {
    const given = intent.slots?.[name];
    slots[name] = given
      ? { ...structuredClone(given), name, confirmationStatus: given.confirmationStatus ?? 'NONE' }
      : { name, confirmationStatus: 'NONE' };
  }
  return { name: intent.name, confirmationStatus: intent.confirmationStatus ?? 'NONE', slots };
}

/**
 * Reads a response to `request` the way Alexa does, or says why Alexa would reject it: the envelope's
 * shape, the size limits, valid SSML, at most one dialog directive, a dialog model to use it with,
 * an intent and slot the model knows, speech to ask with, and no end of session while a dialog
 * directive waits for an answer.
 */
export function readSkillResponse(
  value: unknown,
  request: Request,
  model: DialogModel,
  target: AlexaSsmlTarget,
): ReadResult {
  const fail = (problem: string): ReadResult => ({ ok: false, problem });
  if (!isRecord(value) || typeof value.version !== 'string' || !isRecord(value.response)) {
    return fail('the response must be an object with "version" and "response"');
  }
  const size = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (size > MAX_RESPONSE_BYTES)
    return fail(`the response is ${size} bytes, more than Alexa's ${MAX_RESPONSE_BYTES}`);
  const body = value.response;
  const reprompt = body.reprompt;
  const problem =
    speechProblem(body.outputSpeech, 'response.outputSpeech', target) ??
    (reprompt === undefined
      ? undefined
      : isRecord(reprompt)
        ? speechProblem(reprompt.outputSpeech, 'response.reprompt.outputSpeech', target)
        : 'response.reprompt must be an object');
  if (problem) return fail(problem);
  if (body.directives !== undefined && !Array.isArray(body.directives))
    return fail('response.directives must be an array');
  if (value.sessionAttributes !== undefined && !isRecord(value.sessionAttributes))
    return fail('sessionAttributes must be an object');
  const envelope = value as unknown as ResponseEnvelope;
  const directives = (envelope.response.directives ?? []).filter(isRecord) as Directive[];
  const dialogDirectives = directives.filter((d): d is DialogDirective =>
    DIALOG_DIRECTIVES.has(d.type),
  );
  const speech = speechOf(envelope.response.outputSpeech);
  const repromptSpeech = envelope.response.reprompt?.outputSpeech
    ? speechOf(envelope.response.reprompt.outputSpeech)
    : undefined;
  const shouldEnd = envelope.response.shouldEndSession;

  const [directive, ...more] = dialogDirectives;
  if (!directive) {
    return {
      ok: true,
      response: {
        envelope,
        speech,
        reprompt: repromptSpeech,
        directives,
        dialog: undefined,
        endsSession: shouldEnd === true || shouldEnd === undefined,
      },
    };
  }
  if (more.length > 0)
    return fail(
      `a response may carry one dialog directive, this one has ${dialogDirectives.length}`,
    );
  if (shouldEnd === true)
    return fail(
      `${directive.type} waits for the user's answer, so shouldEndSession must not be true`,
    );
  if (!model.present)
    return fail(`${directive.type} needs a dialog model in the interaction model`);
  const intent =
    directive.updatedIntent ?? (request.type === 'IntentRequest' ? request.intent : undefined);
  if (!intent)
    return fail(
      `${directive.type} without updatedIntent answers a ${request.type}, which has no intent`,
    );
  if (typeof intent.name !== 'string' || !model.has(intent.name)) {
    return fail(
      `${directive.type} names intent ${JSON.stringify(intent.name)}, which the interaction model does not have`,
    );
  }
  const slot =
    directive.type === 'Dialog.ElicitSlot'
      ? directive.slotToElicit
      : directive.type === 'Dialog.ConfirmSlot'
        ? directive.slotToConfirm
        : undefined;
  if (directive.type === 'Dialog.ElicitSlot' || directive.type === 'Dialog.ConfirmSlot') {
    if (typeof slot !== 'string' || !model.has(intent.name, slot)) {
      return fail(
        `${directive.type} names slot ${JSON.stringify(slot)}, which ${intent.name} does not have`,
      );
    }
  }
  if (directive.type !== 'Dialog.Delegate' && speech.ssml === '') {
    return fail(`${directive.type} needs outputSpeech: it is the question Alexa asks`);
  }
  return {
    ok: true,
    response: {
      envelope,
      speech,
      reprompt: repromptSpeech,
      directives,
      dialog: { directive, intent: completeIntent(intent, model.slotsOf(intent.name)) },
      endsSession: false,
    },
  };
}
