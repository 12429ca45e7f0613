/** What an entity recogniser found in an utterance, by word positions. */

/** A value an entity recogniser found for a slot type. */
export interface EntityMatch {
  /** The slot type: a custom type name, or AMAZON.DURATION / AMAZON.NUMBER. */
  readonly slotType: string;
  /** First word, inclusive. */
  readonly start: number;
  /** Word after the last, exclusive. */
  readonly end: number;
  /** What goes into slot.value: the spoken words, an ISO-8601 duration, or digits. */
  readonly value: string;
  /** Entity-resolution matches for custom types, best first. */
  readonly resolved: readonly ResolvedValue[];
  /** 1 for an exact match, lower for a fuzzy one. */
  readonly accuracy: number;
}

export interface ResolvedValue {
  readonly id: string;
  readonly name: string;
}

export function overlaps(
  a: { start: number; end: number },
  b: { start: number; end: number },
): boolean {
  return a.start < b.end && b.start < a.end;
}
