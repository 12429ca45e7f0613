/** The parts of an ASK interaction model document the NLU reads, checked on the way in. */
import { z } from 'zod';

const slotSchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  samples: z.array(z.string()).optional(),
});

const intentSchema = z.object({
  name: z.string().min(1),
  slots: z.array(slotSchema).optional(),
  samples: z.array(z.string()).optional(),
});

const slotTypeValueSchema = z.object({
  id: z.string().optional(),
  name: z.object({
    value: z.string().min(1),
    synonyms: z.array(z.string()).optional(),
  }),
});

const slotTypeSchema = z.object({
  name: z.string().min(1),
  values: z.array(slotTypeValueSchema),
});

/** How readily Alexa takes words for out of domain (the Interaction Model Schema's modelConfiguration). */
export const FALLBACK_SENSITIVITY_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type FallbackSensitivity = (typeof FALLBACK_SENSITIVITY_LEVELS)[number];

export const interactionModelSchema = z.object({
  interactionModel: z.object({
    languageModel: z.object({
      invocationName: z.string().min(1),
      intents: z.array(intentSchema).min(1),
      types: z.array(slotTypeSchema).optional(),
      modelConfiguration: z
        .object({
          fallbackIntentSensitivity: z
            .object({ level: z.enum(FALLBACK_SENSITIVITY_LEVELS) })
            .optional(),
        })
        .optional(),
    }),
  }),
});

export type InteractionModelDocument = z.infer<typeof interactionModelSchema>;
export type LanguageModel = InteractionModelDocument['interactionModel']['languageModel'];
export type ModelIntent = z.infer<typeof intentSchema>;
export type ModelSlot = z.infer<typeof slotSchema>;
export type ModelSlotType = z.infer<typeof slotTypeSchema>;
