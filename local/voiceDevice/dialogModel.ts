/** The dialog model of an interaction model document (dialog rules and prompts), checked on the way in. */
import { z } from 'zod';
import { InvalidModelError } from '../nlu';

const promptRefs = z.object({
  elicitation: z.string().min(1).optional(),
  confirmation: z.string().min(1).optional(),
});

const validationSchema = z.looseObject({
  type: z.string().min(1),
  prompt: z.string().min(1),
  values: z.array(z.string()).optional(),
  value: z.union([z.string(), z.number()]).optional(),
});

const dialogSlotSchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  elicitationRequired: z.boolean().optional(),
  confirmationRequired: z.boolean().optional(),
  prompts: promptRefs.optional(),
  validations: z.array(validationSchema).optional(),
});

const delegationStrategy = z.enum(['ALWAYS', 'SKILL_RESPONSE']);

const dialogIntentSchema = z.object({
  name: z.string().min(1),
  delegationStrategy: delegationStrategy.optional(),
  confirmationRequired: z.boolean().optional(),
  prompts: promptRefs.optional(),
  slots: z.array(dialogSlotSchema).optional(),
});

const promptSchema = z.object({
  id: z.string().min(1),
  variations: z
    .array(z.object({ type: z.enum(['PlainText', 'SSML']), value: z.string().min(1) }))
    .min(1),
});

const documentSchema = z.object({
  interactionModel: z.object({
    languageModel: z.object({
      intents: z.array(
        z.object({
          name: z.string(),
          slots: z.array(z.object({ name: z.string(), type: z.string() })).optional(),
        }),
      ),
    }),
    dialog: z
      .object({
        delegationStrategy: delegationStrategy.optional(),
        intents: z.array(dialogIntentSchema),
      })
      .optional(),
    prompts: z.array(promptSchema).optional(),
  }),
});

export type DelegationStrategy = z.infer<typeof delegationStrategy>;
export type DialogIntent = z.infer<typeof dialogIntentSchema>;
export type DialogSlot = z.infer<typeof dialogSlotSchema>;
export type SlotValidation = z.infer<typeof validationSchema>;
export type Prompt = z.infer<typeof promptSchema>;

/**
 * Alexa's default when the model sets no delegation strategy: the developer console turns auto
 * delegation on for new skills.
 */
const DEFAULT_STRATEGY: DelegationStrategy = 'ALWAYS';

/** The validation rules this dialog manager checks; others are reported when the model is read. */
export const SUPPORTED_VALIDATIONS = [
  'hasEntityResolutionMatch',
  'isInSet',
  'isNotInSet',
  'isGreaterThan',
  'isGreaterThanOrEqualTo',
  'isLessThan',
  'isLessThanOrEqualTo',
] as const;

/** The rules Alexa follows for multi-turn dialogs of one locale, with the model's slot types. */
export class DialogModel {
  private readonly intents: ReadonlyMap<string, DialogIntent>;
  private readonly prompts: ReadonlyMap<string, Prompt>;
  private readonly slotTypes: ReadonlyMap<string, ReadonlyMap<string, string>>;

  private constructor(
    readonly present: boolean,
    private readonly skillStrategy: DelegationStrategy,
    intents: readonly DialogIntent[],
    prompts: readonly Prompt[],
    slotTypes: ReadonlyMap<string, ReadonlyMap<string, string>>,
  ) {
    this.intents = new Map(intents.map((i) => [i.name, i]));
    this.prompts = new Map(prompts.map((p) => [p.id, p]));
    this.slotTypes = slotTypes;
  }

  /** Reads the dialog model of an interaction model document; throws InvalidModelError listing every problem. */
  static read(document: unknown): DialogModel {
    const parsed = documentSchema.safeParse(document);
    if (!parsed.success) {
      throw new InvalidModelError(
        parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`),
      );
    }
    const { languageModel, dialog, prompts = [] } = parsed.data.interactionModel;
    const slotTypes = new Map(
      languageModel.intents.map((i) => [
        i.name,
        new Map((i.slots ?? []).map((s) => [s.name, s.type])),
      ]),
    );
    const promptIds = new Set(prompts.map((p) => p.id));
    const issues: string[] = [];
    const needPrompt = (id: string | undefined, what: string): void => {
      if (id === undefined) issues.push(`${what} has no prompt`);
      else if (!promptIds.has(id))
        issues.push(`${what} names prompt "${id}", which the model does not define`);
    };
    for (const intent of dialog?.intents ?? []) {
      const slots = slotTypes.get(intent.name);
      if (!slots) {
        issues.push(`dialog intent ${intent.name} is not an intent of the language model`);
        continue;
      }
      if (intent.confirmationRequired)
        needPrompt(intent.prompts?.confirmation, `intent ${intent.name}'s confirmation`);
      for (const slot of intent.slots ?? []) {
        const where = `slot ${intent.name}.${slot.name}`;
        if (!slots.has(slot.name)) issues.push(`dialog ${where} is not a slot of the intent`);
        if (slot.elicitationRequired)
          needPrompt(slot.prompts?.elicitation, `${where}'s elicitation`);
        if (slot.confirmationRequired)
          needPrompt(slot.prompts?.confirmation, `${where}'s confirmation`);
        for (const validation of slot.validations ?? []) {
          if (!(SUPPORTED_VALIDATIONS as readonly string[]).includes(validation.type)) {
            issues.push(
              `${where} uses validation ${validation.type}, which this dialog manager does not check`,
            );
          }
          needPrompt(validation.prompt, `${where}'s ${validation.type} validation`);
        }
      }
    }
    if (issues.length > 0) throw new InvalidModelError(issues);
    return new DialogModel(
      dialog !== undefined,
      dialog?.delegationStrategy ?? DEFAULT_STRATEGY,
      dialog?.intents ?? [],
      prompts,
      slotTypes,
    );
  }

  /** The intents of the language model. */
  get intentNames(): readonly string[] {
    return [...this.slotTypes.keys()];
  }

  /** The intent's dialog rules, when the model has any for it. */
  intent(name: string): DialogIntent | undefined {
    return this.intents.get(name);
  }

  /** Whether Alexa runs the intent's dialog itself (auto delegation) or asks the skill each turn. */
  strategyOf(intent: string): DelegationStrategy {
    return this.intents.get(intent)?.delegationStrategy ?? this.skillStrategy;
  }

  prompt(id: string): Prompt | undefined {
    return this.prompts.get(id);
  }

  /** Whether the language model has this intent, and the slot when one is named. */
  has(intent: string, slot?: string): boolean {
    const slots = this.slotTypes.get(intent);
    return slots !== undefined && (slot === undefined || slots.has(slot));
  }

  /** The intent's slot names in model order. */
  slotsOf(intent: string): readonly string[] {
    return [...(this.slotTypes.get(intent)?.keys() ?? [])];
  }
}
