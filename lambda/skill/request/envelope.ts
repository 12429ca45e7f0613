/** The request envelope checked at the door: a malformed one is refused with a clear error, never crashes. */
import type { RequestEnvelope } from 'ask-sdk-model';
import * as z from 'zod/mini';
import '../../../domain/zodMessages';
import { MalformedRequestError } from '../errors';

const nonEmpty = () => z.string().check(z.minLength(1));
const confirmation = () => z.optional(z.enum(['NONE', 'CONFIRMED', 'DENIED']));

const slot = z.looseObject({
  name: z.string(),
  value: z.optional(z.string()),
  confirmationStatus: confirmation(),
  resolutions: z.optional(
    z.looseObject({
      resolutionsPerAuthority: z.array(
        z.looseObject({
          authority: z.optional(z.string()),
          status: z.looseObject({ code: z.string() }),
          values: z.optional(
            z.array(z.looseObject({ value: z.looseObject({ name: z.string(), id: z.string() }) })),
          ),
        }),
      ),
    }),
  ),
});

const intent = z.looseObject({
  name: nonEmpty(),
  confirmationStatus: confirmation(),
  slots: z.optional(z.record(z.string(), slot)),
});

const application = z.looseObject({ applicationId: nonEmpty() });

const request = z
  .looseObject({
    type: nonEmpty(),
    requestId: nonEmpty(),
    timestamp: nonEmpty(),
    locale: z.optional(z.string()),
    intent: z.optional(z.unknown()),
  })
  .check(
    z.superRefine((value, context) => {
      const needsIntent =
        value.type === 'IntentRequest' || value.type === 'CanFulfillIntentRequest';
      if (!needsIntent) return;
      const parsed = intent.safeParse(value.intent);
      for (const issue of parsed.error?.issues ?? []) {
        context.addIssue({ ...issue, path: ['intent', ...issue.path] });
      }
    }),
  );

const envelope = z.looseObject({
  version: nonEmpty(),
  session: z.optional(
    z.looseObject({
      new: z.boolean(),
      sessionId: nonEmpty(),
      application,
      attributes: z.optional(z.record(z.string(), z.unknown())),
    }),
  ),
  context: z.looseObject({ System: z.looseObject({ application }) }),
  request,
});

/** The envelope as Alexa's types describe it, or a MalformedRequestError naming every problem. */
export function parseRequestEnvelope(event: unknown): RequestEnvelope {
  const parsed = envelope.safeParse(event);
  if (!parsed.success) {
    throw new MalformedRequestError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(envelope)'}: ${issue.message}`,
      ),
    );
  }
  return parsed.data as unknown as RequestEnvelope;
}
