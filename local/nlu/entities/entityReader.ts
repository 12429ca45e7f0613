/** Finds the values of the model's slot types in words, and reads the words with those values as their types' placeholders. */
import type { SlotContext } from '../model/samples';
import type { CustomTypeMatcher } from './customTypes';
import { contextFit, isAmbiguous, nonOverlapping, withPlaceholders } from './entityContext';
import type { EntityMatch } from './entityMatch';
import { DURATION, NUMBER, type QuantityRecognizer } from './quantities/quantity';

export class EntityReader {
  constructor(
    private readonly customTypes: CustomTypeMatcher,
    private readonly quantities: QuantityRecognizer,
    private readonly slotTypes: ReadonlySet<string>,
    private readonly typeContexts: ReadonlyMap<string, SlotContext>,
    private readonly carrierWords: ReadonlySet<string>,
  ) {}

  /**
   * Values of the slot types the model uses, wherever they are in the words (overlaps kept);
   * `misheard` false leaves out values said only approximately.
   */
  async entitiesIn(words: readonly string[], misheard = true): Promise<EntityMatch[]> {
    const found: EntityMatch[] = (await this.customTypes.find(words, misheard)).filter((m) =>
      this.slotTypes.has(m.slotType),
    );
    if (this.slotTypes.has(DURATION)) found.push(...this.quantities.durations(words));
    if (this.slotTypes.has(NUMBER)) found.push(...this.quantities.numbers(words));
    return found;
  }

  /**
   * The entities that are surely values: not made only of carrier words ("a", "an", "on"), or
   * standing where the samples put a slot of their type; one per span.
   */
  clearEntities(words: readonly string[], entities: readonly EntityMatch[]): EntityMatch[] {
    return nonOverlapping(
      entities.filter(
        (e) =>
          !isAmbiguous(e, words, this.carrierWords) ||
          contextFit(e, words, this.typeContexts.get(e.slotType), entities) > 0,
      ),
    );
  }

  /**
   * The ways `clear` entities may tag the words: all of them as values, and, when some are made
   * only of carrier words ("most" in "the most recent post", "on"), without those.
   */
  taggings(
    words: readonly string[],
    clear: readonly EntityMatch[],
  ): [EntityMatch[], ...EntityMatch[][]] {
    const sure = clear.filter((e) => !isAmbiguous(e, words, this.carrierWords));
    return sure.length < clear.length ? [[...clear], sure] : [[...clear]];
  }

  /**
   * Training phrasings (built-ins', out-of-domain) as the classifier learns them: the values they
   * say exactly replaced by their placeholders.
   */
  async reading(words: readonly string[]): Promise<string[]> {
    const entities = await this.entitiesIn(words, false);
    return withPlaceholders(words, this.clearEntities(words, entities));
  }
}
