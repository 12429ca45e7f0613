/** Fills the slots of the chosen intent from the entities found, as Alexa would: values, resolutions, free text. */
import { contextFit, isAmbiguous } from '../entities/entityContext';
import { overlaps, type EntityMatch } from '../entities/entityMatch';
import type { SlotContext } from '../model/samples';
import type { ModelIntent } from '../model/schema';
import type { HeardSlot } from '../types';
import { emptySlot, plainSlot, resolvedSlot } from './alexaSlots';
import type { SlotPositions, Span } from './slotPositions';

export const SEARCH_QUERY = 'AMAZON.SearchQuery';

export interface SlotFillerParts {
  readonly contexts: ReadonlyMap<string, SlotContext>;
  readonly carrierWords: ReadonlySet<string>;
  readonly positions: SlotPositions;
  readonly customTypes: ReadonlySet<string>;
  authority(slotType: string): string;
}

/** The best not-yet-used entity for a slot: one that fits where the samples put the slot. */
function pickEntity(
  slotKey: string,
  type: string,
  words: readonly string[],
  entities: readonly EntityMatch[],
  used: readonly EntityMatch[],
  parts: SlotFillerParts,
): EntityMatch | undefined {
  const context = parts.contexts.get(slotKey) ?? parts.contexts.get(type);
  let best: { match: EntityMatch; score: number } | undefined;
  for (const match of entities) {
    if (match.slotType !== type || used.some((u) => overlaps(u, match))) continue;
    const fit = contextFit(match, words, context, entities);
    if (fit === 0 && isAmbiguous(match, words, parts.carrierWords)) continue;
    const score = match.accuracy + fit + (match.end - match.start) * 0.01;
    if (!best || score > best.score) best = { match, score };
  }
  return best?.match;
}

export function fillSlots(
  intent: ModelIntent,
  words: readonly string[],
  entities: readonly EntityMatch[],
  parts: SlotFillerParts,
): Record<string, HeardSlot> {
  const slots: Record<string, HeardSlot> = {};
  const used: EntityMatch[] = [];
  const taken: Span[] = [];
  const slotsOfIntent = intent.slots ?? [];
  // Typed values first, free text last: free text must not swallow a station or a duration.
  for (const slot of slotsOfIntent.filter((s) => s.type !== SEARCH_QUERY)) {
    const key = `${intent.name}.${slot.name}`;
    const match = pickEntity(key, slot.type, words, entities, used, parts);
    if (match) {
      used.push(match);
      taken.push(match);
      slots[slot.name] = parts.customTypes.has(slot.type)
        ? resolvedSlot(slot.name, match.value, parts.authority(slot.type), match.resolved)
        : plainSlot(slot.name, match.value);
    }
  }
  for (const slot of slotsOfIntent) {
    if (slots[slot.name]) continue;
    const key = `${intent.name}.${slot.name}`;
    const context = parts.contexts.get(key);
    if (slot.type === SEARCH_QUERY) {
      const span = parts.positions.searchQuery(intent.name, slot.name, words, context);
      if (span)
        slots[slot.name] = plainSlot(slot.name, words.slice(span.start, span.end).join(' '));
    } else if (parts.customTypes.has(slot.type)) {
      const others = [
        ...taken,
        ...entities.filter((e) => !isAmbiguous(e, words, parts.carrierWords)),
      ];
      const span = parts.positions.unknownValue(
        intent.name,
        slot.name,
        words,
        context,
        others,
        parts.carrierWords,
      );
      if (span) {
        taken.push(span);
        slots[slot.name] = resolvedSlot(
          slot.name,
          words.slice(span.start, span.end).join(' '),
          parts.authority(slot.type),
          [],
        );
      }
    }
  }
  return Object.fromEntries(slotsOfIntent.map((s) => [s.name, slots[s.name] ?? emptySlot(s.name)]));
}
