/**
 * Words said exactly as a sample says them, slots filled: Alexa always understands its own samples,
 * so such words go to the sample's intent before any classifier has a say.
 */
import type { EntityMatch } from '../entities/entityMatch';
import type { Sample } from '../model/samples';
import { fold } from '../text/words';
import { RANK, readings, toAnswer, type SlotAnswer } from './slotAnswer';
import type { SlotFillerParts } from './slotFiller';

export interface SampleMatch extends SlotAnswer {
  readonly intent: string;
}

/** The better of two readings: surer slots first, then more of the sample's own words, then surer values. */
function better(a: SampleMatch, b: SampleMatch | undefined): boolean {
  if (!b) return true;
  if (RANK[a.kind] !== RANK[b.kind]) return RANK[a.kind] > RANK[b.kind];
  if (a.carrierWords !== b.carrierWords) return a.carrierWords > b.carrierWords;
  return a.confidence > b.confidence;
}

export class SampleMatcher {
  /** Samples by their first word; those that begin with a slot are tried for every utterance. */
  private readonly byFirstWord = new Map<string, Sample[]>();
  private readonly slotFirst: Sample[] = [];

  constructor(
    samples: readonly Sample[],
    private readonly parts: SlotFillerParts,
  ) {
    for (const sample of samples) {
      const first = sample.tokens[0];
      if (first === undefined) continue;
      if ('slot' in first) {
        this.slotFirst.push(sample);
        continue;
      }
      const key = fold(first.word);
      this.byFirstWord.set(key, [...(this.byFirstWord.get(key) ?? []), sample]);
    }
  }

  /** The sample `words` say, with its slots, when some sample says them all; the surest reading wins. */
  match(words: readonly string[], entities: readonly EntityMatch[]): SampleMatch | undefined {
    const folded = words.map(fold);
    const candidates = [...(this.byFirstWord.get(folded[0] ?? '') ?? []), ...this.slotFirst];
    let best: SampleMatch | undefined;
    for (const sample of candidates) {
      if (sample.tokens.length > words.length) continue;
      for (const reading of readings(sample.tokens, 0, folded, 0, entities, this.parts)) {
        const match = { ...toAnswer(reading, words, this.parts), intent: sample.intent };
        // Only values and free text: words no value of the type says ("what's the capital of
        // France" as "what's the {sensor}") are for the classifier to judge, as Alexa's model does.
        if (match.kind !== 'value' && match.kind !== 'free-text') continue;
        if (better(match, best)) best = match;
      }
    }
    return best;
  }
}
