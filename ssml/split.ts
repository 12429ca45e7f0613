/** Splits a post into Amazon Polly SynthesizeSpeech requests within its character limits, each SSML piece a document of its own. */
import { SsmlError } from './errors';
import { XML_REFERENCE, escapeXml, unescapeXml } from './escape';
import { LIMITS, type SsmlTarget } from './tags';
import { isXmlName, tokenize, type SsmlToken } from './tokens';
import { validateSsml } from './validate';
import type { PollyEngine } from './voices';

export type PollyTextType = 'text' | 'ssml';

export interface SplitOptions {
  /** Text Polly bills in one request (SSML markup is not billed). Default and maximum: 3000. */
  readonly maxBilledCharacters?: number;
  /** One request's characters, markup included. Default and maximum: 6000. */
  readonly maxTotalCharacters?: number;
  /** Whose sentence and word rules (and abbreviations) to cut by; the runtime's default locale otherwise. */
  readonly locale?: string;
  /** The engine whose SSML the pieces must be: neural and standard voices accept different tags. Default standard. */
  readonly engine?: PollyEngine;
}

/**
 * The smallest thing a piece holds: a start or end tag, a grapheme or character reference of text, or a
 * whole element that must not be cut (an empty one, or one whose content is atomic).
 */
interface Atom {
  readonly kind: 'open' | 'close' | 'content';
  /** Element name; '' for text. */
  readonly name: string;
  readonly raw: string;
  /** Code points of raw, as Polly and validateSsml count characters. */
  readonly size: number;
  /** Code points of the text Polly bills: entities decoded, markup left out. */
  readonly billed: number;
  /** What sentence and word segmentation reads for this atom. */
  readonly spoken: string;
  /** Whether a piece holding only this and markup would say or do anything. */
  readonly audible: boolean;
}

interface Limits {
  readonly billed: number;
  readonly total: number;
}

const CUT_SENTENCE = 3;
const CUT_WORD = 2;
const CUT_GRAPHEME = 1;

// Splitting these would change what is said: say-as or phoneme of half a word, an alias read twice.
const ATOMIC_ELEMENTS = new Set(['say-as', 'sub', 'phoneme', 'w']);
// A maximum duration applies to everything inside; split, each half would get the whole duration.
const MAX_DURATION = /\samazon:max-duration\s*=/;
// Sentence and paragraph elements end a sentence whatever their punctuation; a newline tells the segmenter.
const SENTENCE_ELEMENTS = new Set(['p', 's']);
const PAUSE_ELEMENTS = new Set(['break', 'amazon:breath']);

// ICU ends a sentence at every period before a capital, so "Dr. Smith" and "z. B. Berlin" would be
// cut. Cutting there loses nothing, but Polly then reads "Dr." alone with a falling voice.
const INITIAL = /(?:^|[\s.(["'„“‚‘])\p{L}\.$/u;
const ORDINAL = /(?:^|\s)\d{1,4}\.$/u;
const TITLES: Readonly<Record<string, readonly string[]>> = {
  en: ['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'St', 'Mt', 'Capt', 'Col', 'Gen', 'Lt', 'Sgt', 'Rev', 'vs'],
  de: ['Dr', 'Prof', 'Hr', 'Fr', 'Nr', 'St', 'Str', 'bzw', 'vgl', 'ca', 'sog', 'ggf', 'evtl'],
};
// Without a locale (or for one with no list) any of them may appear.
const ALL_TITLES = [...new Set(Object.values(TITLES).flat())];

function codePoints(value: string): number {
  return [...value].length;
}

function cannotSplit(issue: string): SsmlError {
  return new SsmlError([issue], 'Cannot split for Polly');
}

function invalid(issue: string): SsmlError {
  return new SsmlError([issue], 'Invalid SSML');
}

// ---- SSML tokens -------------------------------------------------------------------------------

/** What a piece is made of: start tags, end tags and text (CDATA as escaped text). */
type Token =
  | { readonly type: 'open'; readonly name: string; readonly raw: string; readonly empty: boolean }
  | { readonly type: 'close'; readonly name: string }
  | { readonly type: 'text'; readonly raw: string };

function pieceToken(token: SsmlToken, isFirst: () => boolean): Token | undefined {
  switch (token.kind) {
    case 'text':
      return { type: 'text', raw: token.raw };
    case 'cdata':
      return { type: 'text', raw: escapeXml(token.text) };
    case 'comment':
      return undefined;
    case 'instruction':
      if (token.target === 'xml' && isFirst()) return undefined;
      throw invalid(
        `processing instruction <?${token.target}?> is not allowed (character ${token.at})`,
      );
    case 'doctype':
      throw invalid('DOCTYPE declarations are not allowed in SSML');
    case 'open':
    case 'close':
      if (isXmlName(token.name)) {
        return token.kind === 'close'
          ? { type: 'close', name: token.name }
          : { type: 'open', name: token.name, raw: token.raw, empty: token.empty };
      }
      break;
    case 'malformed':
      break;
  }
  throw invalid(`malformed markup at character ${token.at}: ${JSON.stringify(`${token.raw}…`)}`);
}

/** Start tags, end tags and text, in order; comments and the XML declaration dropped. */
function readTokens(ssml: string): Token[] {
  const tokens: Token[] = [];
  for (const token of tokenize(ssml)) {
    const piece = pieceToken(token, () => ssml.slice(0, token.at).trim() === '');
    if (piece !== undefined) tokens.push(piece);
  }
  return tokens;
}

function isBlankText(token: Token): boolean {
  return token.type === 'text' && token.raw.trim() === '';
}

/** The tokens of the one root element, after checking that every element is closed in order. */
function rootTokens(tokens: readonly Token[]): Token[] {
  const start = tokens.findIndex((token) => !isBlankText(token));
  const root = tokens[start];
  if (root === undefined) throw invalid('SSML is empty');
  if (root.type !== 'open') throw invalid('text outside the root element');
  if (root.name !== 'speak') throw invalid(`root element must be <speak>, not <${root.name}>`);
  const open: string[] = [];
  let end = start;
  for (; end < tokens.length; end += 1) {
    const token = tokens[end];
    if (token?.type === 'open' && !token.empty) open.push(token.name);
    if (token?.type === 'close') {
      const expected = open.pop();
      if (expected !== token.name) {
        throw invalid(
          `</${token.name}> closes ${expected === undefined ? 'nothing' : `<${expected}>`}`,
        );
      }
    }
    if (open.length === 0) break;
  }
  const unclosed = open.at(-1);
  if (unclosed !== undefined) throw invalid(`<${unclosed}> is never closed`);
  if (!tokens.slice(end + 1).every(isBlankText)) {
    throw invalid('content after the root element');
  }
  return tokens.slice(start, end + 1);
}

// ---- segmentation ------------------------------------------------------------------------------

interface Segment {
  readonly segment: string;
  readonly index: number;
  readonly isWordLike: boolean;
}

// V8 slows down quadratically iterating the segments of one long string (80,000 characters: a second
// for graphemes), so long text is segmented in chunks, cut only where the granularity always breaks.
const CHUNK_CHARACTERS = 1024;
// After a space or ideographic full stop and before a letter, digit or punctuation mark: no grapheme
// or word continues across it (nothing there can combine with what precedes).
const WORD_CHUNK_ENDS = /[ 。！？](?=[\p{L}\p{N}\p{P}])/gu;
// A line feed ends a sentence, as does a full stop, space, capital (the rule that splits "Dr. Smith").
const SENTENCE_CHUNK_ENDS = /\n|[.!?] (?=\p{Lu})|[。！？](?=[\p{L}\p{N}])/gu;

function chunkEnds(text: string, chunkEnd: RegExp): number[] {
  const ends: number[] = [];
  let start = 0;
  for (const match of text.matchAll(chunkEnd)) {
    const end = match.index + match[0].length;
    if (end - start >= CHUNK_CHARACTERS) {
      ends.push(end);
      start = end;
    }
  }
  ends.push(text.length);
  return ends;
}

function* segmentsOf(
  text: string,
  segmenter: Intl.Segmenter,
  chunkEnd: RegExp,
): Generator<Segment> {
  let start = 0;
  for (const end of chunkEnds(text, chunkEnd)) {
    for (const { segment, index, isWordLike } of segmenter.segment(text.slice(start, end))) {
      yield { segment, index: start + index, isWordLike: isWordLike === true };
    }
    start = end;
  }
}

// ---- atoms -------------------------------------------------------------------------------------

function textAtom(raw: string, spoken: string): Atom {
  const billed = codePoints(spoken);
  const audible = /\S/.test(spoken);
  return { kind: 'content', name: '', raw, size: codePoints(raw), billed, spoken, audible };
}

// Printable ASCII, tabs and line feeds never join a grapheme cluster (a carriage return may, with a line feed).
const SINGLE_CHARACTER_GRAPHEMES = /^[\t\n\x20-\x7e]*$/;

/** Grapheme clusters, asking the segmenter (a microsecond a character) only for text that needs it. */
function graphemesOf(text: string, graphemes: Intl.Segmenter): string[] {
  const clusters: string[] = [];
  let start = 0;
  for (const end of chunkEnds(text, WORD_CHUNK_ENDS)) {
    const chunk = text.slice(start, end);
    if (SINGLE_CHARACTER_GRAPHEMES.test(chunk)) clusters.push(...chunk);
    else for (const { segment } of graphemes.segment(chunk)) clusters.push(segment);
    start = end;
  }
  return clusters;
}

function graphemeAtoms(text: string, graphemes: Intl.Segmenter): Atom[] {
  return graphemesOf(text, graphemes).map((grapheme) => textAtom(grapheme, grapheme));
}

/** Each character reference stays whole; the text between is cut only between graphemes. */
function escapedTextAtoms(raw: string, graphemes: Intl.Segmenter): Atom[] {
  const atoms: Atom[] = [];
  let last = 0;
  for (const match of raw.matchAll(XML_REFERENCE)) {
    const reference = match[0];
    atoms.push(...graphemeAtoms(raw.slice(last, match.index), graphemes));
    atoms.push(textAtom(reference, unescapeXml(reference)));
    last = match.index + reference.length;
  }
  atoms.push(...graphemeAtoms(raw.slice(last), graphemes));
  return atoms;
}

function tagAtom(token: Token & { type: 'open' | 'close' }): Atom {
  const raw = token.type === 'open' ? token.raw : `</${token.name}>`;
  const spoken = SENTENCE_ELEMENTS.has(token.name) ? '\n' : '';
  return {
    kind: token.type,
    name: token.name,
    raw,
    size: codePoints(raw),
    billed: 0,
    spoken,
    audible: false,
  };
}

function emptyElementAtom(token: Token & { type: 'open' }): Atom {
  const pause = PAUSE_ELEMENTS.has(token.name);
  return {
    kind: 'content',
    name: token.name,
    raw: token.raw,
    size: codePoints(token.raw),
    billed: 0,
    spoken: pause ? ' ' : '',
    // A <mark> alone makes no sound; a <break> alone is still a pause the author asked for.
    audible: token.name !== 'mark',
  };
}

function rawOf(token: Token): string {
  if (token.type === 'close') return `</${token.name}>`;
  return token.raw;
}

/** A whole element as one atom; returns it and the index just past its end tag. */
function wholeElementAtom(tokens: readonly Token[], start: number): [Atom, number] {
  let depth = 0;
  let raw = '';
  let spoken = '';
  let end = start;
  for (; end < tokens.length; end += 1) {
    const token = tokens[end];
    if (token === undefined) break;
    raw += rawOf(token);
    if (token.type === 'text') spoken += unescapeXml(token.raw);
    if (token.type === 'open' && !token.empty) depth += 1;
    if (token.type === 'close') depth -= 1;
    if (depth === 0) break;
  }
  const first = tokens[start];
  const name = first?.type === 'open' ? first.name : '';
  const atom: Atom = {
    kind: 'content',
    name,
    raw,
    size: codePoints(raw),
    billed: codePoints(spoken),
    spoken,
    audible: /\S/.test(spoken),
  };
  return [atom, end + 1];
}

function isAtomicStart(token: Token): boolean {
  return (
    token.type === 'open' &&
    !token.empty &&
    (ATOMIC_ELEMENTS.has(token.name) || (token.name === 'prosody' && MAX_DURATION.test(token.raw)))
  );
}

function ssmlAtoms(tokens: readonly Token[], graphemes: Intl.Segmenter): Atom[] {
  const atoms: Atom[] = [];
  for (let index = 0; index < tokens.length;) {
    const token = tokens[index];
    if (token === undefined) break;
    if (isAtomicStart(token)) {
      const [atom, next] = wholeElementAtom(tokens, index);
      atoms.push(atom);
      index = next;
      continue;
    }
    if (token.type === 'text') atoms.push(...escapedTextAtoms(token.raw, graphemes));
    else if (token.type === 'open' && token.empty) atoms.push(emptyElementAtom(token));
    else atoms.push(tagAtom(token));
    index += 1;
  }
  return atoms;
}

// ---- where to cut ------------------------------------------------------------------------------

function languageOf(locale: string | undefined): string | undefined {
  return locale === undefined ? undefined : new Intl.Locale(locale).language;
}

function endsWithTitle(text: string, titles: readonly string[]): boolean {
  return titles.some(
    (title) => text.endsWith(`${title}.`) && /(?:^|[\s(])$/.test(text.slice(0, -title.length - 1)),
  );
}

function endsWithAbbreviation(sentence: string, language: string | undefined): boolean {
  const text = sentence.trimEnd();
  if (INITIAL.test(text)) return true;
  if (language === 'de' && ORDINAL.test(text)) return true;
  const titles = (language === undefined ? undefined : TITLES[language]) ?? ALL_TITLES;
  return endsWithTitle(text, titles);
}

/** Offsets in spoken text where a sentence starts, leaving out those that follow an abbreviation. */
function sentenceStarts(spoken: string, locale: string | undefined): Set<number> {
  const language = languageOf(locale);
  const starts = new Set<number>();
  let previous = '';
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  for (const { segment, index } of segmentsOf(spoken, segmenter, SENTENCE_CHUNK_ENDS)) {
    if (index > 0 && !endsWithAbbreviation(previous, language)) starts.add(index);
    previous = segment;
  }
  return starts;
}

/** Offsets where a word starts after a space, or meets the previous word directly (as in Japanese). */
function wordStarts(spoken: string, locale: string | undefined): Set<number> {
  const starts = new Set<number>();
  let previousWordLike = false;
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  for (const { index, isWordLike } of segmentsOf(spoken, segmenter, WORD_CHUNK_ENDS)) {
    const afterSpace = index > 0 && /\s/.test(spoken[index - 1] ?? '');
    if (index > 0 && (afterSpace || (isWordLike && previousWordLike))) starts.add(index);
    previousWordLike = isWordLike;
  }
  return starts;
}

/** How good a cut before each atom is (index n: after the last), from the text the atoms speak. */
function cutQuality(atoms: readonly Atom[], locale: string | undefined): Uint8Array {
  const offsets: number[] = [];
  let spoken = '';
  for (const atom of atoms) {
    offsets.push(spoken.length);
    spoken += atom.spoken;
  }
  offsets.push(spoken.length);
  const sentences = sentenceStarts(spoken, locale);
  const words = wordStarts(spoken, locale);
  return Uint8Array.from(offsets, (offset) =>
    sentences.has(offset) ? CUT_SENTENCE : words.has(offset) ? CUT_WORD : CUT_GRAPHEME,
  );
}

// ---- packing -----------------------------------------------------------------------------------

function closingSize(name: string): number {
  return codePoints(name) + 3;
}

/** The open elements after the atoms from..to, given those open at from. */
function stackAfter(
  stack: readonly Atom[],
  atoms: readonly Atom[],
  from: number,
  to: number,
): Atom[] {
  const open = [...stack];
  for (const atom of atoms.slice(from, to)) {
    if (atom.kind === 'open') open.push(atom);
    if (atom.kind === 'close') open.pop();
  }
  return open;
}

/** Index just past the last atom that fits in a piece starting at from with these elements open. */
function fittingEnd(
  atoms: readonly Atom[],
  from: number,
  stack: readonly Atom[],
  limits: Limits,
): number {
  let total = stack.reduce((sum, open) => sum + open.size + closingSize(open.name), 0);
  let billed = 0;
  let end = from;
  for (; end < atoms.length; end += 1) {
    const atom = atoms[end];
    if (atom === undefined) break;
    const closing =
      atom.kind === 'open' ? closingSize(atom.name) : atom.kind === 'close' ? -atom.size : 0;
    if (total + atom.size + closing > limits.total || billed + atom.billed > limits.billed) break;
    total += atom.size + closing;
    billed += atom.billed;
  }
  return end;
}

/** Index of the first atom in from..end that says or does something, or end when none does. */
function firstAudible(atoms: readonly Atom[], from: number, end: number): number {
  for (let at = from; at < end; at += 1) if (atoms[at]?.audible === true) return at;
  return end;
}

/**
 * The best cut in (from, end]: the highest quality, then the latest, but after something audible (a
 * piece of whitespace and tags would be dropped, and its whitespace with it). End tags just after
 * the cut join the piece; start tags just before it move to the next.
 */
function bestCut(atoms: readonly Atom[], quality: Uint8Array, from: number, end: number): number {
  const audible = firstAudible(atoms, from, end);
  let cut = end;
  for (let at = end - 1; at > audible; at -= 1) {
    if ((quality[at] ?? 0) > (quality[cut] ?? 0)) cut = at;
  }
  // An end tag costs the same inside the piece as the closing the piece would add anyway.
  while (atoms[cut]?.kind === 'close') cut += 1;
  let before = cut;
  while (before > from && atoms[before - 1]?.kind === 'open') before -= 1;
  return before > from ? before : cut;
}

function describeAtom(atom: Atom): string {
  if (atom.kind === 'close') return `</${atom.name}>`;
  if (atom.name === '') return `the text ${JSON.stringify(atom.raw)}`;
  return `${atom.raw.length > 60 ? `${atom.raw.slice(0, 57)}...` : atom.raw}`;
}

function piece(stack: readonly Atom[], atoms: readonly Atom[], from: number, to: number): string {
  const open = stackAfter(stack, atoms, from, to);
  const closing = open.map((atom) => `</${atom.name}>`).reverse();
  return [
    ...stack.map((atom) => atom.raw),
    ...atoms.slice(from, to).map((atom) => atom.raw),
    ...closing,
  ].join('');
}

/** Greedy: each piece as long as the limits allow, ending at the best cut within that length. */
function pack(atoms: readonly Atom[], quality: Uint8Array, limits: Limits): string[] {
  const pieces: string[] = [];
  let stack: Atom[] = [];
  for (let from = 0; from < atoms.length;) {
    const end = fittingEnd(atoms, from, stack, limits);
    const blocked = atoms[end];
    if (end === from && blocked !== undefined) {
      throw cannotSplit(
        `${describeAtom(blocked)} needs more than ${limits.billed} billed or ${limits.total} characters in all, with the elements around it`,
      );
    }
    const to = end === atoms.length ? end : bestCut(atoms, quality, from, end);
    if (atoms.slice(from, to).some((atom) => atom.audible))
      pieces.push(piece(stack, atoms, from, to));
    stack = stackAfter(stack, atoms, from, to);
    from = to;
  }
  return pieces;
}

// ---- public ------------------------------------------------------------------------------------

function targetOf(engine: PollyEngine | undefined): SsmlTarget {
  const chosen = engine ?? 'standard';
  if (chosen !== 'standard' && chosen !== 'neural') {
    throw new RangeError(`unknown Polly engine "${String(chosen)}"; use standard or neural`);
  }
  return chosen === 'neural' ? 'polly-neural' : 'polly-standard';
}

function checkedLimit(value: number | undefined, maximum: number, name: string): number {
  const limit = value ?? maximum;
  if (!Number.isInteger(limit) || limit < 1 || limit > maximum) {
    throw new RangeError(
      `${name} must be a whole number from 1 to ${maximum} (Polly's limit), not ${limit}`,
    );
  }
  return limit;
}

function limitsOf(options: SplitOptions, target: SsmlTarget): Limits {
  const { maxCharacters, maxBilledCharacters = maxCharacters } = LIMITS[target];
  return {
    billed: checkedLimit(options.maxBilledCharacters, maxBilledCharacters, 'maxBilledCharacters'),
    total: checkedLimit(options.maxTotalCharacters, maxCharacters, 'maxTotalCharacters'),
  };
}

function checkTextType(textType: PollyTextType): void {
  if (textType !== 'text' && textType !== 'ssml') {
    throw new RangeError(`unknown text type "${String(textType)}"; use text or ssml`);
  }
}

function atomsOf(input: string, textType: PollyTextType, locale: string | undefined): Atom[] {
  const graphemes = new Intl.Segmenter(locale, { granularity: 'grapheme' });
  if (textType === 'text') return graphemeAtoms(input, graphemes);
  return ssmlAtoms(rootTokens(readTokens(input)), graphemes);
}

/** Every distinct reason Polly would refuse one of the pieces. */
function pieceIssues(pieces: readonly string[], target: SsmlTarget): string[] {
  const issues = new Set<string>();
  for (const ssml of pieces) {
    const result = validateSsml(ssml, target);
    if (!result.ok) result.issues.forEach((issue) => issues.add(issue));
  }
  return [...issues];
}

/**
 * The characters Polly bills for this input: all of plain text; for SSML, the text content with
 * character references counted as the one character they stand for, markup not at all. Throws
 * SsmlError for SSML that is not well-formed.
 */
export function billedCharacters(input: string, textType: PollyTextType): number {
  checkTextType(textType);
  if (textType === 'text') return codePoints(input);
  return rootTokens(readTokens(input)).reduce(
    (sum, token) => sum + (token.type === 'text' ? codePoints(unescapeXml(token.raw)) : 0),
    0,
  );
}

/**
 * Splits a post into the requests Polly's SynthesizeSpeech takes: each within the billed and total
 * character limits, cut between sentences, or between words only where one sentence does not fit, or
 * between graphemes only where one word does not fit. Text pieces are plain text that joined give the
 * input back (less any run of whitespace longer than a request). SSML pieces are each a <speak> document: elements a cut falls inside are closed at the
 * end of one piece and opened again, attributes and all, at the start of the next; no cut falls inside
 * a tag, a character reference, or a <say-as>, <sub>, <phoneme>, <w> or max-duration <prosody>.
 * Nothing to say gives no pieces. Throws SsmlError for SSML the engine would refuse, or content that
 * cannot be cut small enough (an atomic element longer than a request); RangeError for bad options.
 */
export function splitForPolly(
  input: string,
  textType: PollyTextType,
  options: SplitOptions = {},
): string[] {
  checkTextType(textType);
  const target = targetOf(options.engine);
  const limits = limitsOf(options, target);
  if (textType === 'ssml' && input.trim() === '') throw invalid('SSML is empty');
  const atoms = atomsOf(input, textType, options.locale);
  const pieces = pack(atoms, cutQuality(atoms, options.locale), limits);
  if (textType === 'text') return pieces;
  const issues = pieceIssues(pieces, target);
  if (issues.length > 0) throw new SsmlError(issues, `SSML not accepted by ${target}`);
  return pieces;
}
