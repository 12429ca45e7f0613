/** Polly speech marks from espeak-ng's events: words, sentences and <mark>s located in the caller's own text, visemes from phonemes. */
import type { EspeakEvent } from './synthesizer';

export type SpeechMarkType = 'sentence' | 'word' | 'ssml' | 'viseme';
export type TextType = 'text' | 'ssml';

/** A mark as Polly writes it; `start`/`end` are UTF-8 byte offsets into the request's Text. */
export interface SpeechMark {
  time: number;
  type: SpeechMarkType;
  start?: number;
  end?: number;
  value: string;
}

/** One word as the caller wrote it: `start`/`end` bound the word itself, `raw*` include its punctuation (UTF-16 indices). */
export interface WordSpan {
  start: number;
  end: number;
  rawStart: number;
  rawEnd: number;
}

export interface MarkTag {
  name: string;
  start: number;
  end: number;
  /** Index of the first word after the mark (words.length when none follows). */
  beforeWord: number;
}

/** What the caller's text says, located: words, sentences (word index ranges), <mark> tags, billed characters. */
export interface TextLayout {
  words: WordSpan[];
  sentences: Array<{ first: number; last: number }>;
  marks: MarkTag[];
  billedCharacters: number;
  totalCharacters: number;
}

// Characters trimmed off a word's ends: Polly's word marks name the word, not its punctuation.
const LEADING_PUNCTUATION = new Set([...`"'([{¿¡“‘«„‚`]);
const TRAILING_PUNCTUATION = new Set([...`.,!?;:"')]}…“”’»`]);
const SENTENCE_END = /[.!?…]/;
const BREAKING_TAGS = new Set(['speak', 'p', 's']);
const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const ENTITY = /^&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/;
const MARK_NAME = /\bname\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** One unit of text: a code point, or in SSML an entity reference standing for one character. */
interface Unit {
  start: number;
  end: number;
  char: string;
}

function decodeEntity(body: string): string {
  if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
  if (body.startsWith('#')) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
  return PREDEFINED_ENTITIES[body] ?? '\uFFFD';
}

function unitsOf(source: string, from: number, to: number, entities: boolean): Unit[] {
  const units: Unit[] = [];
  let index = from;
  while (index < to) {
    const entity = entities && source[index] === '&' ? ENTITY.exec(source.slice(index, to)) : null;
    if (entity?.[1] !== undefined) {
      let char: string;
      try {
        char = decodeEntity(entity[1]);
      } catch (error) {
        // An out-of-range numeric reference; SSML validation reports it, here it is just a character.
        if (!(error instanceof RangeError)) throw error;
        char = '\uFFFD';
      }
      units.push({ start: index, end: index + entity[0].length, char });
      index += entity[0].length;
      continue;
    }
    const char = String.fromCodePoint(source.codePointAt(index) ?? 0xfffd);
    units.push({ start: index, end: index + char.length, char });
    index += char.length;
  }
  return units;
}

class LayoutBuilder {
  readonly words: WordSpan[] = [];
  readonly sentences: Array<{ first: number; last: number }> = [];
  readonly marks: MarkTag[] = [];
  billedCharacters = 0;
  private sentenceFirst = 0;

  constructor(private readonly source: string) {}

  /** Splits a run of text into words; `entities` when it is SSML character data. */
  addText(from: number, to: number, entities: boolean): void {
    const units = unitsOf(this.source, from, to, entities);
    this.billedCharacters += units.length;
    let token: Unit[] = [];
    for (const unit of units) {
      if (/\s/.test(unit.char)) {
        this.addToken(token);
        token = [];
      } else {
        token.push(unit);
      }
    }
    this.addToken(token);
  }

  private addToken(units: Unit[]): void {
    const first = units[0];
    const last = units.at(-1);
    if (first === undefined || last === undefined) return;
    let head = 0;
    let tail = units.length;
    while (head < tail && LEADING_PUNCTUATION.has(units[head]?.char ?? '')) head += 1;
    while (tail > head && TRAILING_PUNCTUATION.has(units[tail - 1]?.char ?? '')) tail -= 1;
    const endsSentence = units.slice(tail).some((unit) => SENTENCE_END.test(unit.char));
    const coreFirst = units[head];
    const coreLast = units[tail - 1];
    if (coreFirst === undefined || coreLast === undefined || head >= tail) {
      // Punctuation on its own ("lamb</prosody>." or " - ") belongs to the word before it.
      const previous = this.words.at(-1);
      if (previous !== undefined && this.words.length > this.sentenceFirst) {
        previous.rawEnd = last.end;
        if (endsSentence) this.breakSentence();
      }
      return;
    }
    this.words.push({
      start: coreFirst.start,
      end: coreLast.end,
      rawStart: first.start,
      rawEnd: last.end,
    });
    if (endsSentence) this.breakSentence();
  }

  addMark(name: string, start: number, end: number): void {
    this.marks.push({ name, start, end, beforeWord: this.words.length });
  }

  breakSentence(): void {
    if (this.words.length > this.sentenceFirst) {
      this.sentences.push({ first: this.sentenceFirst, last: this.words.length - 1 });
    }
    this.sentenceFirst = this.words.length;
  }
}

/** Index just past the end of a tag that starts at `from` (quotes may hide a ">"), or the text's end. */
function tagEnd(source: string, from: number): number {
  let quote: string | undefined;
  for (let index = from + 1; index < source.length; index += 1) {
    const char = source[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return index + 1;
    }
  }
  return source.length;
}

function skipPast(source: string, from: number, terminator: string): number {
  const found = source.indexOf(terminator, from);
  return found === -1 ? source.length : found + terminator.length;
}

/**
 * Locates the words, sentences and marks of the request's text. Plain text is read as it is; SSML is
 * scanned without a full parser (validation has already judged it), tags separating words, <s> and
 * <p> ending sentences, entity references counting as one billed character, and tags not billed.
 */
export function layoutOf(source: string, textType: TextType): TextLayout {
  const builder = new LayoutBuilder(source);
  if (textType === 'text') {
    builder.addText(0, source.length, false);
  } else {
    let index = 0;
    while (index < source.length) {
      const open = source.indexOf('<', index);
      const textEnd = open === -1 ? source.length : open;
      if (textEnd > index) builder.addText(index, textEnd, true);
      if (open === -1) break;
      if (source.startsWith('<!--', open)) {
        index = skipPast(source, open, '-->');
      } else if (source.startsWith('<![CDATA[', open)) {
        const close = source.indexOf(']]>', open);
        const contentEnd = close === -1 ? source.length : close;
        builder.addText(open + 9, contentEnd, false);
        index = close === -1 ? source.length : close + 3;
      } else if (source.startsWith('<?', open)) {
        index = skipPast(source, open, '?>');
      } else {
        index = tagEnd(source, open);
        const tag = source.slice(open, index);
        const name = /^<\/?\s*([^\s/>]+)/.exec(tag)?.[1] ?? '';
        if (BREAKING_TAGS.has(name)) builder.breakSentence();
        if (name === 'mark' && !tag.startsWith('</')) {
          const match = MARK_NAME.exec(tag);
          builder.addMark(match?.[1] ?? match?.[2] ?? '', open, index);
        }
      }
    }
  }
  builder.breakSentence();
  return {
    words: builder.words,
    sentences: builder.sentences,
    marks: builder.marks,
    billedCharacters: builder.billedCharacters,
    totalCharacters: [...source].length,
  };
}

/** What espeak is given, and where each of its code points came from in the caller's text. */
export interface EspeakInput {
  input: string;
  /** UTF-16 index in the caller's text of each code point espeak reads (plus one past the end). */
  sourceIndex: number[];
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * espeak-ng (as built here) always reads its input as SSML: plain "AT&T <b>" would lose "&T" and "<b>".
 * Plain text is therefore escaped, keeping a map from espeak's positions back to the caller's text.
 */
export function espeakInputFor(source: string, textType: TextType): EspeakInput {
  const sourceIndex: number[] = [];
  let input = '';
  for (let index = 0; index < source.length;) {
    const char = String.fromCodePoint(source.codePointAt(index) ?? 0xfffd);
    const written = textType === 'text' ? (ESCAPES[char] ?? char) : char;
    for (let count = [...written].length; count > 0; count -= 1) sourceIndex.push(index);
    input += written;
    index += char.length;
  }
  sourceIndex.push(source.length);
  return { input, sourceIndex };
}

/** Distance in characters within which an espeak word position still counts for a word (its positions drift after some tags). */
const POSITION_SLACK = 2;

function wordAt(words: readonly WordSpan[], index: number): number | undefined {
  let nearest: number | undefined;
  let nearestDistance = POSITION_SLACK + 1;
  for (const [position, word] of words.entries()) {
    if (index >= word.rawStart && index < word.rawEnd) return position;
    const distance = index < word.rawStart ? word.rawStart - index : index - (word.rawEnd - 1);
    if (distance < nearestDistance) {
      nearest = position;
      nearestDistance = distance;
    }
  }
  return nearest;
}

/**
 * When each word starts, in ms. espeak reports word events with positions that are mostly right but
 * not always (numbers give several events, <sub> reports its alias, positions drift after some tags);
 * each word takes the earliest event that falls on it, and words without one are spread between their
 * timed neighbours, so times never go backwards.
 */
export function wordTimes(
  words: readonly WordSpan[],
  events: readonly EspeakEvent[],
  sourceIndex: readonly number[],
  totalMs: number,
): number[] {
  const times: Array<number | undefined> = words.map(() => undefined);
  for (const event of events) {
    if (event.type !== 'word') continue;
    const index = sourceIndex[event.position - 1];
    if (index === undefined) continue;
    const word = wordAt(words, index);
    if (word === undefined) continue;
    const known = times[word];
    times[word] = known === undefined ? event.ms : Math.min(known, event.ms);
  }
  const filled: number[] = [];
  for (let index = 0; index < words.length; index += 1) {
    const own = times[index];
    if (own !== undefined) {
      filled.push(own);
      continue;
    }
    const previous = index - 1;
    const previousTime = previous >= 0 ? (filled[previous] ?? 0) : 0;
    let next = index + 1;
    while (next < words.length && times[next] === undefined) next += 1;
    const nextTime = next < words.length ? (times[next] ?? totalMs) : totalMs;
    const share = (index - previous) / (next - previous);
    filled.push(Math.round(previousTime + (nextTime - previousTime) * share));
  }
  for (let index = 1; index < filled.length; index += 1) {
    filled[index] = Math.max(filled[index] ?? 0, filled[index - 1] ?? 0);
  }
  return filled;
}

/** Polly's visemes, from the first IPA symbol of each espeak phoneme (a coarse match of Polly's tables). */
const VISEME_BY_SYMBOL: ReadonlyArray<readonly [string, string]> = [
  ['tʃ', 'S'],
  ['dʒ', 'S'],
  ['ʃ', 'S'],
  ['ʒ', 'S'],
  ['θ', 'T'],
  ['ð', 'T'],
  ['p', 'p'],
  ['b', 'p'],
  ['m', 'p'],
  ['f', 'f'],
  ['v', 'f'],
  ['t', 't'],
  ['d', 't'],
  ['n', 't'],
  ['l', 't'],
  ['ɾ', 't'],
  ['ɫ', 't'],
  ['k', 'k'],
  ['g', 'k'],
  ['ɡ', 'k'],
  ['ŋ', 'k'],
  ['h', 'k'],
  ['x', 'k'],
  ['ç', 'k'],
  ['s', 's'],
  ['z', 's'],
  ['ɹ', 'r'],
  ['r', 'r'],
  ['ʁ', 'r'],
  ['j', 'i'],
  ['w', 'u'],
  ['i', 'i'],
  ['ɪ', 'i'],
  ['y', 'i'],
  ['ʏ', 'i'],
  ['e', 'e'],
  ['ɛ', 'E'],
  ['ɜ', 'E'],
  ['ɝ', 'E'],
  ['œ', 'E'],
  ['æ', 'a'],
  ['a', 'a'],
  ['ɑ', 'a'],
  ['ɐ', 'a'],
  ['ə', '@'],
  ['ʌ', '@'],
  ['ɚ', '@'],
  ['o', 'o'],
  ['ø', 'o'],
  ['ɔ', 'O'],
  ['ɒ', 'O'],
  ['u', 'u'],
  ['ʊ', 'u'],
  ['ʉ', 'u'],
];

export function visemeOf(phoneme: string): string {
  const symbol = phoneme.replace(/[ˈˌːˑ]/g, '');
  if (symbol === '') return 'sil';
  return VISEME_BY_SYMBOL.find(([prefix]) => symbol.startsWith(prefix))?.[1] ?? 'sil';
}

function utf8Offsets(source: string): (index: number) => number {
  const offsets = new Array<number>(source.length + 1).fill(0);
  let bytes = 0;
  for (let index = 0; index < source.length;) {
    const codePoint = source.codePointAt(index) ?? 0;
    const units = codePoint > 0xffff ? 2 : 1;
    offsets[index] = bytes;
    if (units === 2) offsets[index + 1] = bytes;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    index += units;
  }
  offsets[source.length] = bytes;
  return (index) => offsets[index] ?? bytes;
}

const ORDER: Readonly<Record<SpeechMarkType, number>> = {
  sentence: 0,
  ssml: 1,
  word: 2,
  viseme: 3,
};

export interface MarkRequest {
  text: string;
  textType: TextType;
  types: readonly SpeechMarkType[];
  layout: TextLayout;
  events: readonly EspeakEvent[];
  sourceIndex: readonly number[];
  totalMs: number;
}

/** The speech marks Polly would return for the request, in time order. */
export function speechMarks(request: MarkRequest): SpeechMark[] {
  const { text, types, layout, events, totalMs } = request;
  const byteAt = utf8Offsets(text);
  const times = wordTimes(layout.words, events, request.sourceIndex, totalMs);
  const marks: SpeechMark[] = [];
  const located = (type: SpeechMarkType, time: number, start: number, end: number): SpeechMark => ({
    time,
    type,
    start: byteAt(start),
    end: byteAt(end),
    value: text.slice(start, end),
  });
  if (types.includes('sentence')) {
    for (const { first, last } of layout.sentences) {
      const from = layout.words[first];
      const to = layout.words[last];
      if (from === undefined || to === undefined) continue;
      marks.push(located('sentence', times[first] ?? 0, from.rawStart, to.rawEnd));
    }
  }
  if (types.includes('word')) {
    layout.words.forEach((word, index) => {
      marks.push(located('word', times[index] ?? 0, word.start, word.end));
    });
  }
  if (types.includes('ssml')) {
    const fired = events.filter((event) => event.type === 'mark');
    for (const mark of layout.marks) {
      const at = fired.findIndex((event) => event.id === mark.name);
      const [event] = at === -1 ? [] : fired.splice(at, 1);
      const time = event?.ms ?? times[mark.beforeWord] ?? totalMs;
      marks.push({ ...located('ssml', time, mark.start, mark.end), value: mark.name });
    }
  }
  if (types.includes('viseme')) {
    let previous: SpeechMark | undefined;
    for (const event of events) {
      if (event.type !== 'phoneme') continue;
      const value = visemeOf(event.id ?? '');
      // espeak reports pauses as empty phonemes, often several in a row; one silence is enough.
      if (previous !== undefined && previous.value === value && value === 'sil') continue;
      previous = { time: event.ms, type: 'viseme', value };
      marks.push(previous);
    }
  }
  return marks
    .map((mark, index) => ({ mark, index }))
    .sort(
      (a, b) =>
        a.mark.time - b.mark.time || ORDER[a.mark.type] - ORDER[b.mark.type] || a.index - b.index,
    )
    .map(({ mark }) => mark);
}

/** Polly's json output: one mark per line, keys in Polly's order. */
export function serializeMarks(marks: readonly SpeechMark[]): string {
  return marks
    .map(({ time, type, start, end, value }) =>
      JSON.stringify(
        start === undefined || end === undefined
          ? { time, type, value }
          : { time, type, start, end, value },
      ),
    )
    .map((line) => `${line}\n`)
    .join('');
}
