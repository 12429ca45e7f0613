/** The request envelope checked at the door: a malformed one is refused with a clear error, never crashes. */
import type { RequestEnvelope } from 'ask-sdk-model';
import * as v from 'valibot';
import { MalformedRequestError } from '../errors';

const nonEmpty = () => v.pipe(v.string(), v.minLength(1));
const confirmation = () => v.optional(v.picklist(['NONE', 'CONFIRMED', 'DENIED']));

const slot = v.looseObject({
  name: v.string(),
  value: v.optional(v.string()),
  confirmationStatus: confirmation(),
  resolutions: v.optional(
    v.looseObject({
      resolutionsPerAuthority: v.array(
        v.looseObject({
          authority: v.optional(v.string()),
          status: v.looseObject({ code: v.string() }),
          values: v.optional(
            v.array(v.looseObject({ value: v.looseObject({ name: v.string(), id: v.string() }) })),
          ),
        }),
      ),
    }),
  ),
});

const intent = v.looseObject({
  name: nonEmpty(),
  confirmationStatus: confirmation(),
  slots: v.optional(v.record(v.string(), slot)),
});

const application = v.looseObject({ applicationId: nonEmpty() });

const envelope = v.looseObject({
  version: nonEmpty(),
  session: v.optional(
    v.looseObject({
      new: v.boolean(),
      sessionId: nonEmpty(),
      application,
      attributes: v.optional(v.record(v.string(), v.unknown())),
    }),
  ),
  context: v.looseObject({ System: v.looseObject({ application }) }),
  request: v.looseObject({
    type: nonEmpty(),
    requestId: nonEmpty(),
    timestamp: nonEmpty(),
    locale: v.optional(v.string()),
    intent: v.optional(v.unknown()),
  }),
});

/** Each issue as "path: message", the path from the envelope's root. */
function described(issues: readonly v.BaseIssue<unknown>[], prefix: string[] = []): string[] {
  return issues.map((issue) => {
    const path = [...prefix, ...(issue.path ?? []).map((item) => String(item.key))].join('.');
    return `${path || '(envelope)'}: ${issue.message}`;
  });
}

/** The envelope as Alexa's types describe it, or a MalformedRequestError naming every problem. */
export function parseRequestEnvelope(event: unknown): RequestEnvelope {
  const parsed = v.safeParse(envelope, event);
  if (!parsed.success) throw new MalformedRequestError(described(parsed.issues));
  const { request } = parsed.output;
  // An intent request (or a question whether one can be fulfilled) must carry an intent.
  if (request.type === 'IntentRequest' || request.type === 'CanFulfillIntentRequest') {
    const checked = v.safeParse(intent, request.intent);
    if (!checked.success) {
      throw new MalformedRequestError(described(checked.issues, ['request', 'intent']));
    }
  }
  return parsed.output as unknown as RequestEnvelope;
}
