/** Reads an interaction model document: its schema, and samples that name only declared slots of declared types. */
import { placeholdersOf } from '../../../interactionModels/lint';
import { InvalidModelError } from '../errors';
import { interactionModelSchema, type LanguageModel } from './schema';

/** The language model of a valid document; InvalidModelError listing every problem otherwise. */
export function readLanguageModel(document: unknown): LanguageModel {
  const parsed = interactionModelSchema.safeParse(document);
  if (!parsed.success) {
    throw new InvalidModelError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`,
      ),
    );
  }
  const model = parsed.data.interactionModel.languageModel;
  const issues: string[] = [];
  const typeNames = new Set((model.types ?? []).map((type) => type.name));
  const intentNames = new Set<string>();
  for (const intent of model.intents) {
    if (intentNames.has(intent.name)) issues.push(`intent ${intent.name} is declared twice`);
    intentNames.add(intent.name);
    const slotNames = new Set((intent.slots ?? []).map((slot) => slot.name));
    for (const slot of intent.slots ?? []) {
      if (!slot.type.startsWith('AMAZON.') && !typeNames.has(slot.type)) {
        issues.push(`slot ${intent.name}.${slot.name} has undeclared type ${slot.type}`);
      }
    }
    const samples = [
      ...(intent.samples ?? []),
      ...(intent.slots ?? []).flatMap((slot) => slot.samples ?? []),
    ];
    for (const sample of samples) {
      for (const name of placeholdersOf(sample)) {
        if (!slotNames.has(name)) {
          issues.push(`sample "${sample}" of ${intent.name} refers to unknown slot {${name}}`);
        }
      }
    }
  }
  if (issues.length > 0) throw new InvalidModelError(issues);
  return model;
}
