/** The request envelope checked at the door: a malformed one is refused with a clear error, never crashes. */
import type { RequestEnvelope } from 'ask-sdk-model';
import { z } from 'zod';
import { MalformedRequestError } from '../errors';

const slot = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
  confirmationStatus: z.enum(['NONE', 'CONFIRMED', 'DENIED']).optional(),
  resolutions: z
    .looseObject({
      resolutionsPerAuthority: z.array(
        z.looseObject({
          authority: z.string().optional(),
          status: z.looseObject({ code: z.string() }),
          values: z
            .array(z.looseObject({ value: z.looseObject({ name: z.string(), id: z.string() }) }))
            .optional(),
        }),
      ),
    })
    .optional(),
});

const intent = z.looseObject({
  name: z.string().min(1),
  confirmationStatus: z.enum(['NONE', 'CONFIRMED', 'DENIED']).optional(),
  slots: z.record(z.string(), slot).optional(),
});

const application = z.looseObject({ applicationId: z.string().min(1) });

const request = z
  .looseObject({
    type: z.string().min(1),
    requestId: z.string().min(1),
    timestamp: z.string().min(1),
    locale: z.string().optional(),
    intent: z.unknown().optional(),
  })
  .superRefine((value, context) => {
    const needsIntent = value.type === 'IntentRequest' || value.type === 'CanFulfillIntentRequest';
    if (!needsIntent) return;
    const parsed = intent.safeParse(value.intent);
    for (const issue of parsed.error?.issues ?? []) {
      context.addIssue({ ...issue, path: ['intent', ...issue.path] });
    }
  });

const envelope = z.looseObject({
  version: z.string().min(1),
  session: z
    .looseObject({
      new: z.boolean(),
      sessionId: z.string().min(1),
      application,
      attributes: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
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
