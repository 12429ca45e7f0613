/** Finds the words said in a slot's position when no known value is there: free text (AMAZON.SearchQuery) and unknown values (ER_SUCCESS_NO_MATCH). */
import { END, type Sample, type SlotContext } from '../model/samples';
import { fold } from '../text/words';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Free text, with how many carrier words led into it: "play" says less than "the post about". */
export interface FreeTextSpan extends Span {
  readonly leadIn: number;
}

/** Carrier words said right before a slot; `atStart` when they are all a sample says before it. */
interface LeadIn {
  readonly words: readonly string[];
  readonly atStart: boolean;
}

/**
 * The carrier words right before a slot in each sample, up to `count` of them, nearest last ("the
 * post about"). With `count` above one, a single word is a lead-in only when it is all the sample
 * says before the slot, and then only at the start of the utterance: "play the {title} post" lets
 * "play the" lead in, never "the", which would take "what's the capital of france" for a title.
 */
function leadIns(
  samples: readonly Sample[],
  intent: string,
  slot: string,
  count: number,
): LeadIn[] {
  const found = new Map<string, LeadIn>();
  for (const sample of samples) {
    if (sample.intent !== intent) continue;
    sample.tokens.forEach((token, i) => {
      if (!('slot' in token) || token.slot !== slot) return;
      const before: string[] = [];
      for (let k = i - 1; k >= 0 && before.length < count; k -= 1) {
        const previous = sample.tokens[k];
        if (!previous || !('word' in previous)) break;
        before.unshift(fold(previous.word));
      }
      if (before.length === 0) return;
      const atStart = count > 1 && before.length === 1;
      if (atStart && i !== 1) return;
      found.set(`${atStart ? '^' : ''}${before.join(' ')}`, { words: before, atStart });
    });
  }
  return [...found.values()].sort((a, b) => b.words.length - a.words.length);
}

/** Where a lead-in ends in `words`, longest lead-in first, earliest occurrence first. */
function afterLeadIn(
  words: readonly string[],
  leads: readonly LeadIn[],
  from: number,
): number | undefined {
  return leadInAt(words, leads, from)?.end;
}

/** The first lead-in said in `words` (see afterLeadIn): where it ends and how long it is. */
function leadInAt(
  words: readonly string[],
  leads: readonly LeadIn[],
  from: number,
): { end: number; length: number } | undefined {
  const folded = words.map(fold);
  const saysAt = (leadIn: readonly string[], at: number): boolean =>
    at + leadIn.length <= folded.length && leadIn.every((w, k) => folded[at + k] === w);
  for (const { words: leadIn, atStart } of leads) {
    if (atStart) {
      if (from === 0 && saysAt(leadIn, 0)) return { end: leadIn.length, length: leadIn.length };
      continue;
    }
    for (let at = from; at + leadIn.length <= folded.length; at += 1) {
      if (saysAt(leadIn, at)) return { end: at + leadIn.length, length: leadIn.length };
    }
  }
  return undefined;
}

export class SlotPositions {
  private readonly closing: string[][];
  /** Lead-ins per intent, slot and kind, worked out once. */
  private readonly leads = new Map<string, LeadIn[]>();

  constructor(
    private readonly samples: readonly Sample[],
    closingWords: readonly string[],
  ) {
    this.closing = closingWords
      .map((w) => w.split(' ').map(fold))
      .sort((a, b) => b.length - a.length);
  }

  /**
   * The free text of an AMAZON.SearchQuery slot: what follows the words the samples put before it,
   * up to the words the samples put after it ("lies den Beitrag über {title} vor").
   */
  searchQuery(
    intent: string,
    slot: string,
    words: readonly string[],
    context: SlotContext | undefined,
  ): FreeTextSpan | undefined {
    const lead = leadInAt(words, this.leadIns(intent, slot, 3), 0);
    if (lead === undefined || lead.end >= words.length) return undefined;
    const start = lead.end;
    const trailing = [...(context?.after ?? [])]
      .filter((w) => w !== END && !w.startsWith('{'))
      .map((w) => [w]);
    const closers = [...trailing, ...this.closing];
    const folded = words.map(fold);
    let end = words.length;
    for (let trimmed = true; trimmed;) {
      trimmed = false;
      for (const closer of closers) {
        const from = end - closer.length;
        if (from > start && closer.every((w, k) => folded[from + k] === w)) {
          end = from;
          trimmed = true;
          break;
        }
      }
    }
    return { start, end, leadIn: lead.length };
  }

  /**
   * Words in a custom slot's position that matched no value: after a word the samples put before
   * the slot, up to a word they put after it, another entity, or the end; at most `maxWords`.
   */
  unknownValue(
    intent: string,
    slot: string,
    words: readonly string[],
    context: SlotContext | undefined,
    taken: readonly Span[],
    carrierWords: ReadonlySet<string>,
    maxWords = 4,
  ): Span | undefined {
    const inTaken = (i: number): boolean => taken.some((t) => t.start <= i && i < t.end);
    const leads = this.leadIns(intent, slot, 1);
    for (let from = 0; from < words.length;) {
      const start = afterLeadIn(words, leads, from);
      if (start === undefined) return undefined;
      let end = start;
      while (
        end < words.length &&
        end - start < maxWords &&
        !inTaken(end) &&
        !(context?.after.has(fold(words[end] ?? '')) ?? false)
      ) {
        end += 1;
      }
      const spoken = words.slice(start, end).map(fold);
      if (end > start && !spoken.every((w) => carrierWords.has(w))) return { start, end };
      from = start;
    }
    return undefined;
  }

  private leadIns(intent: string, slot: string, count: number): LeadIn[] {
    const key = `${intent}.${slot}.${count}`;
    let found = this.leads.get(key);
    if (!found) {
      found = leadIns(this.samples, intent, slot, count);
      this.leads.set(key, found);
    }
    return found;
  }
}
