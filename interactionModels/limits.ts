/**
 * ASK's documented interaction model limits ("Create the Interaction Model for Your Skill",
 * Interaction model limits): the build of a model over any of them fails at `ask deploy`.
 */
import type { InteractionModelDocument } from './model';

export const ASK_MODEL_LIMITS = {
  /** The whole model document, as JSON. */
  maxModelBytes: 1.5 * 1024 * 1024,
  maxIntents: 250,
  /** Intents and custom slot types together. */
  maxIntentsAndSlotTypes: 350,
  /** Characters of one slot value, and of one synonym. */
  maxSlotValueCharacters: 140,
} as const;

/** Every limit the model breaks, so one run of the generator reports them all. */
export function findModelLimitProblems(
  locale: string,
  document: InteractionModelDocument,
): string[] {
  const problems: string[] = [];
  const { intents, types } = document.interactionModel.languageModel;
  const bytes = Buffer.byteLength(JSON.stringify(document), 'utf8');
  if (bytes > ASK_MODEL_LIMITS.maxModelBytes) {
    problems.push(
      `${locale}: the model is ${bytes} bytes, over ASK's ${ASK_MODEL_LIMITS.maxModelBytes}`,
    );
  }
  if (intents.length > ASK_MODEL_LIMITS.maxIntents) {
    problems.push(
      `${locale}: ${intents.length} intents, over ASK's ${ASK_MODEL_LIMITS.maxIntents}`,
    );
  }
  if (intents.length + types.length > ASK_MODEL_LIMITS.maxIntentsAndSlotTypes) {
    problems.push(
      `${locale}: ${intents.length} intents and ${types.length} slot types, over ASK's ${ASK_MODEL_LIMITS.maxIntentsAndSlotTypes} together`,
    );
  }
  for (const type of types) {
    for (const value of type.values) {
      for (const said of [value.name.value, ...value.name.synonyms]) {
        if (said.length > ASK_MODEL_LIMITS.maxSlotValueCharacters) {
          problems.push(
            `${locale} ${type.name}: "${said.slice(0, 40)}…" is ${said.length} characters, over ASK's ${ASK_MODEL_LIMITS.maxSlotValueCharacters}`,
          );
        }
      }
    }
  }
  return problems;
}
