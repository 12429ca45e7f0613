/** Understanding one utterance: built-in phrases, entities, the intent classifier, out of domain, slots. */
import type { NluClassification } from '@nlpjs/nlu';
import type { Intent } from 'ask-sdk-model';
import type { Locale } from '../../domain/locales';
import { BuiltInPhrases, FALLBACK_INTENT } from './builtIns';
import { IntentClassifier, NONE_CLASS } from './classifier/intentClassifier';
import { placeholderFor, withPlaceholders } from './entities/entityContext';
import type { EntityMatch } from './entities/entityMatch';
import type { EntityReader } from './entities/entityReader';
import { InvalidUtteranceError, UnknownSlotError } from './errors';
import type { ModelIntent } from './model/schema';
import { emptySlot } from './slots/alexaSlots';
import type { SampleMatcher, SampleMatch } from './slots/sampleMatcher';
import { answerForSlot, type SlotAnswer } from './slots/slotAnswer';
import { fillSlots, SEARCH_QUERY, type SlotFillerParts } from './slots/slotFiller';
import type { UtteranceWords } from './text/utteranceWords';
import type {
  Alternative,
  HeardSlot,
  Invocation,
  Nlu,
  UnderstandOptions,
  Understanding,
} from './types';

/** The confidence of words that say a sample as it is: Alexa always understands its own samples. */
const SAMPLE_CONFIDENCE = 1;

/**
 * Free text after one carrier word ("play {title}") says almost nothing of its own, so such a
 * sample is no sample said as it is: the classifier weighs it against the words read without a
 * slot, as Alexa's model weighs the words in the slot too. Read that way, words the classifier is
 * this sure of ("play it from the beginning", "play some jazz by miles davis") keep their reading.
 */
const THIN_LEAD_IN = 1;
/** Out of domain this surely, read without a slot, the words are no free text after one carrier word. */
const SURE = 0.9;
/** Free text after this many carrier words ("the post about …") is the slot however the rest reads. */
const STRONG_LEAD_IN = 3;
/**
 * Words the classifier leans to an intent with less than this, and whose slot value resolves to
 * none of its type's values ("put the kettle on": a station "kettle"), are about something else;
 * so are words whose only values resolve to nothing ("wie ist das Wetter in Tokio").
 */
const SURE_WITH_UNRESOLVED_VALUE = 0.8;

export interface EngineParts {
  readonly locale: Locale;
  readonly skillId: string;
  readonly intents: readonly ModelIntent[];
  readonly utteranceWords: UtteranceWords;
  readonly builtIns: BuiltInPhrases;
  readonly entities: EntityReader;
  readonly classifier: IntentClassifier;
  readonly slotFiller: SlotFillerParts;
  readonly samples: SampleMatcher;
  /** Per intent, the stems that mark what it is about (see keyWordsOf). */
  readonly keyWords: ReadonlyMap<string, ReadonlySet<string>>;
  /** The stems only requests out of domain say (see outOfDomainWordsOf). */
  readonly outOfDomainWords: ReadonlySet<string>;
  readonly fallbackThreshold: number;
  readonly trainingMs: number;
}

interface Ranking {
  readonly classifications: readonly NluClassification[];
  readonly words: readonly string[];
}

/** A custom type's slot whose words resolved to none of its values (ER_SUCCESS_NO_MATCH). */
function isUnresolved(slot: HeardSlot): boolean {
  return (
    slot.resolutions?.resolutionsPerAuthority?.some(
      (resolution) => resolution.status.code === 'ER_SUCCESS_NO_MATCH',
    ) ?? false
  );
}

/** A custom type's slot whose words resolved to one of its values (ER_SUCCESS_MATCH). */
function isResolved(slot: HeardSlot): boolean {
  return (
    slot.resolutions?.resolutionsPerAuthority?.some(
      (resolution) => resolution.status.code === 'ER_SUCCESS_MATCH',
    ) ?? false
  );
}

export class NluEngine implements Nlu {
  readonly locale: Locale;
  readonly skillId: string;
  readonly intentNames: readonly string[];
  readonly trainingMs: number;
  private readonly intentsByName: ReadonlyMap<string, ModelIntent>;

  constructor(private readonly parts: EngineParts) {
    this.locale = parts.locale;
    this.skillId = parts.skillId;
    this.trainingMs = parts.trainingMs;
    const byName = new Map(parts.intents.map((i) => [i.name, i]));
    for (const name of parts.builtIns.intents) if (!byName.has(name)) byName.set(name, { name });
    this.intentsByName = byName;
    this.intentNames = [...byName.keys()];
  }

  invocation(utterance: string): Invocation {
    if (typeof utterance !== 'string')
      throw new InvalidUtteranceError('The utterance must be a string');
    return this.parts.utteranceWords.invocation(utterance);
  }

  async understand(utterance: string, options: UnderstandOptions = {}): Promise<Understanding> {
    if (typeof utterance !== 'string')
      throw new InvalidUtteranceError('The utterance must be a string');
    const eliciting = options.eliciting && this.elicitedIntent(options.eliciting);
    const words = this.parts.utteranceWords.of(utterance);
    if (words.length === 0)
      throw new InvalidUtteranceError(`Nothing to understand in "${utterance}"`);

    if (options.confirming) {
      const yesOrNo =
        this.parts.builtIns.answer(words) ??
        this.parts.builtIns.answer(this.parts.utteranceWords.withoutEdgeFillers(words));
      if (yesOrNo) return this.answer(yesOrNo, {}, 1, []);
    }
    const answer = eliciting && (await this.slotAnswer(eliciting.intent, eliciting.slot, words));
    // A value of the slot's type wins even over a built-in's phrase: asked "on or off?", "off" is no "stop".
    if (eliciting && answer?.kind === 'value')
      return this.answerWithSlot(eliciting.intent.name, eliciting.slot, answer);
    // Then a built-in's phrase ("help", "stop"), then words that stand where the samples put the slot.
    if (
      eliciting &&
      (answer?.kind === 'free-text' || answer?.kind === 'unknown-in-sample') &&
      !this.builtInOf(words)
    ) {
      return this.answerWithSlot(eliciting.intent.name, eliciting.slot, answer);
    }
    const understood = await this.understandRequest(words);
    // Unknown words said alone are the answer only when they are no request of their own.
    if (
      eliciting &&
      answer?.kind === 'unknown-alone' &&
      (understood.intent.name === FALLBACK_INTENT ||
        understood.confidence < this.parts.fallbackThreshold)
    ) {
      return this.answerWithSlot(eliciting.intent.name, eliciting.slot, answer);
    }
    return understood;
  }

  private elicitedIntent(eliciting: { intent: string; slot: string }): {
    intent: ModelIntent;
    slot: string;
  } {
    const intent = this.parts.intents.find((i) => i.name === eliciting.intent);
    if (!intent)
      throw new UnknownSlotError(
        `The model has no intent "${String(eliciting.intent)}" to elicit a slot of`,
      );
    if (!(intent.slots ?? []).some((s) => s.name === eliciting.slot)) {
      throw new UnknownSlotError(`Intent ${intent.name} has no slot "${String(eliciting.slot)}"`);
    }
    return { intent, slot: eliciting.slot };
  }

  private async slotAnswer(
    intent: ModelIntent,
    slot: string,
    words: readonly string[],
  ): Promise<SlotAnswer | undefined> {
    const candidates = [words, this.parts.utteranceWords.withoutEdgeFillers(words)];
    let best: SlotAnswer | undefined;
    for (const candidate of candidates) {
      const entities = await this.parts.entities.entitiesIn(candidate);
      const answer = answerForSlot(
        intent,
        slot,
        candidate,
        entities,
        this.parts.slotFiller,
        this.locale,
      );
      if (answer && (!best || (best.kind !== 'value' && answer.kind === 'value'))) best = answer;
    }
    return best;
  }

  private answerWithSlot(intent: string, slot: string, answer: SlotAnswer): Understanding {
    return {
      ...this.answer(intent, { ...answer.slots }, answer.confidence, []),
      elicitedSlot: slot,
    };
  }

  /** The built-in intent whose phrase the words are, as a whole or without politeness at the edges. */
  private builtInOf(words: readonly string[]): string | undefined {
    return (
      this.parts.builtIns.match(words) ??
      this.parts.builtIns.match(this.parts.utteranceWords.withoutEdgeFillers(words))
    );
  }

  /**
   * Whether the words are about a custom intent: they say one of its key words, or a value of a
   * slot type it has (as its placeholder).
   */
  private async isAbout(intent: string, words: readonly string[]): Promise<boolean> {
    if (BuiltInPhrases.isBuiltIn(intent)) return true;
    const types = new Set(
      (this.intentsByName.get(intent)?.slots ?? []).map((slot) => placeholderFor(slot.type)),
    );
    return words.some((word) => types.has(word)) || this.saysKeyWordOf(intent, words);
  }

  /** Whether the words say a stem only requests out of domain say. */
  private async saysOutOfDomainWord(words: readonly string[]): Promise<boolean> {
    const only = this.parts.outOfDomainWords;
    return (await this.parts.classifier.stems(words)).some((stem) => only.has(stem));
  }

  /** Whether the words say one of the intent's key words. */
  private async saysKeyWordOf(intent: string, words: readonly string[]): Promise<boolean> {
    const keyWords = this.parts.keyWords.get(intent);
    if (!keyWords) return false;
    return (await this.parts.classifier.stems(words)).some((stem) => keyWords.has(stem));
  }

  /** The sample the words say, as they are or without politeness at the edges ("please …"). */
  private async sampleSaid(
    words: readonly string[],
    entities: readonly EntityMatch[],
  ): Promise<SampleMatch | undefined> {
    const exact = this.parts.samples.match(words, entities);
    if (exact) return exact;
    const trimmed = this.parts.utteranceWords.withoutEdgeFillers(words);
    if (trimmed.length === words.length) return undefined;
    return this.parts.samples.match(trimmed, await this.parts.entities.entitiesIn(trimmed));
  }

  /**
   * An utterance understood as a request of its own: a built-in's phrase, then a sample said as
   * it is, then the classifier.
   */
  private async understandRequest(words: readonly string[]): Promise<Understanding> {
    const builtIn = this.builtInOf(words);
    if (builtIn) return this.answer(builtIn, {}, 1, []);

    const entities = await this.parts.entities.entitiesIn(words);
    const sample = await this.sampleSaid(words, entities);
    if (sample && !(sample.kind === 'free-text' && sample.carrierWords <= THIN_LEAD_IN))
      return this.answer(sample.intent, { ...sample.slots }, SAMPLE_CONFIDENCE, []);

    const ranking = await this.rank(words, entities);
    const [top] = ranking.classifications;
    const declaresFallback = this.intentsByName.has(FALLBACK_INTENT);
    const customPlaceholders = new Set([...this.parts.slotFiller.customTypes].map(placeholderFor));
    const namesAValue = ranking.words.some((w) => customPlaceholders.has(w));
    const candidates: NluClassification[] = [];
    for (const c of ranking.classifications) {
      if (c.intent === NONE_CLASS || !this.intentsByName.has(c.intent)) continue;
      // Alexa sends a built-in only for phrasings of it. The classifier may generalise a little
      // ("pause the post"), but only to words that say one of the built-in's own key words, and
      // never to words that name a value of the skill's own types.
      if (
        BuiltInPhrases.isBuiltIn(c.intent) &&
        (namesAValue || !(await this.saysKeyWordOf(c.intent, ranking.words)))
      )
        continue;
      candidates.push(c);
    }
    // Scores of the classes left, over what is left: a rejected built-in's share is nobody's.
    const none = ranking.classifications.find((c) => c.intent === NONE_CLASS)?.score ?? 0;
    const left = candidates.reduce((sum, c) => sum + c.score, none);
    if (left > 0)
      candidates.forEach((c, i) => (candidates[i] = { intent: c.intent, score: c.score / left }));
    const alternatives = candidates.map((c): Alternative => ({
      name: c.intent,
      confidence: c.score,
    }));
    let best = candidates[0];
    const outOfDomain =
      !top ||
      !best ||
      top.intent === NONE_CLASS ||
      best.score < this.parts.fallbackThreshold ||
      // Words with nothing of the intent in them ("wie ist das wetter in tokio" for players in a
      // quadrant) are out of domain, however the classifier leans.
      !(await this.isAbout(best.intent, ranking.words)) ||
      // So are words that say what only requests out of domain say ("set a timer for ten
      // minutes" is no reporting interval, "the wind tomorrow" no reading).
      (await this.saysOutOfDomainWord(ranking.words));
    if (outOfDomain && !declaresFallback) {
      // Without AMAZON.FallbackIntent Alexa maps out-of-domain words to the closest of the skill's
      // own intents; a built-in answers only its own phrasings (matched above), so it never wins here.
      best = candidates.find((c) => !BuiltInPhrases.isBuiltIn(c.intent));
    }
    if (!best || (outOfDomain && declaresFallback)) {
      // Without a FallbackIntent and with no intent of the skill's own, nothing matches: the
      // answer is a fallback the model does not declare, which Alexa never sends.
      const confidence = top?.intent === NONE_CLASS ? top.score : 1 - (best?.score ?? 0);
      return this.answer(FALLBACK_INTENT, {}, confidence, alternatives);
    }
    const intent = this.intentsByName.get(best.intent) ?? { name: best.intent };
    const slots = fillSlots(intent, words, entities, this.parts.slotFiller);
    const heard = Object.values(slots);
    const unresolved = heard.some(isUnresolved);
    const resolved = heard.some(isResolved);
    // The classifier's own lean, before a rejected built-in's share is spread over the rest: words
    // it read as much as "stop" as a light ("put the toaster on") are no surer for that.
    const lean = ranking.classifications.find((c) => c.intent === best.intent)?.score ?? best.score;
    if (declaresFallback && unresolved && (lean < SURE_WITH_UNRESOLVED_VALUE || !resolved)) {
      return this.answer(FALLBACK_INTENT, {}, 1 - best.score, alternatives);
    }
    return this.answer(intent.name, slots, best.score, alternatives.slice(1));
  }

  private answer(
    name: string,
    slots: Record<string, HeardSlot>,
    confidence: number,
    alternatives: readonly Alternative[],
  ): Understanding {
    const intent = this.intentsByName.get(name);
    const allSlots = Object.fromEntries(
      (intent?.slots ?? []).map((s) => [s.name, slots[s.name] ?? emptySlot(s.name)]),
    );
    const understood: Intent = { name, confirmationStatus: 'NONE', slots: allSlots };
    return {
      intent: understood,
      confidence,
      declared: this.parts.intents.some((i) => i.name === name),
      alternatives: alternatives.filter((a) => a.name !== name).slice(0, 4),
    };
  }

  /** The classifier's scores for words as they are. */
  private async ranking(words: readonly string[]): Promise<Ranking> {
    return { classifications: await this.parts.classifier.classify(words), words };
  }

  /**
   * Classifies the words with the entities found as their types' placeholders (as the samples are
   * trained), and with each free-text slot's words as a placeholder; the surest reading wins.
   */
  private async rank(words: readonly string[], entities: readonly EntityMatch[]): Promise<Ranking> {
    const { contexts, positions } = this.parts.slotFiller;
    const clear = this.parts.entities.clearEntities(words, entities);
    const freeTextReadings: { words: readonly string[]; onlyFor: string; leadIn: number }[] = [];
    for (const intent of this.parts.intents) {
      for (const slot of (intent.slots ?? []).filter((s) => s.type === SEARCH_QUERY)) {
        const span = positions.searchQuery(
          intent.name,
          slot.name,
          words,
          contexts.get(`${intent.name}.${slot.name}`),
        );
        if (!span) continue;
        const outside = clear.filter((e) => e.end <= span.start || e.start >= span.end);
        freeTextReadings.push({
          words: withPlaceholders(words, [
            ...outside,
            { start: span.start, end: span.end, slotType: SEARCH_QUERY },
          ]),
          onlyFor: intent.name,
          leadIn: span.leadIn,
        });
      }
    }
    // Words that are a value only perhaps ("most" in "the most recent post", a statistic's synonym)
    // are read both as the value and as words, as Alexa tags slots together with the intent: the
    // surer of the two is what the words say without free text.
    const [tagged, ...untagged] = this.parts.entities.taggings(words, clear);
    let plain = await this.ranking(withPlaceholders(words, tagged));
    for (const tagging of untagged) {
      const reading = await this.ranking(withPlaceholders(words, tagging));
      if ((reading.classifications[0]?.score ?? 0) > (plain.classifications[0]?.score ?? 0))
        plain = reading;
    }
    const plainTop = plain.classifications[0];
    // What the words say read without a slot: nothing of the skill's (out of domain), an intent
    // that may answer them, or a built-in whose words they do not say (no reading at all).
    const plainKind =
      plainTop === undefined
        ? 'nothing'
        : plainTop.intent === NONE_CLASS
          ? 'none'
          : !BuiltInPhrases.isBuiltIn(plainTop.intent) ||
              (await this.saysKeyWordOf(plainTop.intent, plain.words))
            ? 'intent'
            : 'nothing';
    const plainScore = plainTop?.score ?? 0;
    let best = plain;
    let bestIsPlain = true;
    for (const reading of freeTextReadings) {
      const classifications = await this.parts.classifier.classify(reading.words);
      const top = classifications[0];
      if (!top || top.intent !== reading.onlyFor) continue;
      const leadIn = reading.leadIn;
      const thin = leadIn <= THIN_LEAD_IN;
      let wins: boolean;
      if (!bestIsPlain) wins = top.score > (best.classifications[0]?.score ?? 0);
      else if (plainKind === 'nothing') wins = true;
      else if (plainKind === 'none') wins = leadIn >= STRONG_LEAD_IN || plainScore < SURE;
      // Read without a slot as a request the skill answers, the words keep that reading against
      // free text after one carrier word ("play it from the beginning" starts over).
      else if (thin) wins = plainScore < this.parts.fallbackThreshold && top.score > plainScore;
      else wins = top.score > plainScore;
      if (wins) {
        best = { classifications, words: reading.words };
        bestIsPlain = false;
      }
    }
    return best;
  }
}
