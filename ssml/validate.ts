/** Checks SSML against what Alexa or an Amazon Polly engine accepts, before they refuse it at run time. */
import { SsmlError } from './errors';
import { findInvalidReference, isXmlChar, unescapeXml } from './escape';
import {
  LIMITS,
  SSML_TARGETS,
  TAGS,
  attributeRule,
  isAlexaTarget,
  tagRule,
  type SsmlTarget,
} from './tags';
import { isXmlName, positionOf, tokenize, type RawAttribute, type SsmlToken } from './tokens';

export type ValidationResult = { ok: true } | { ok: false; issues: string[] };

interface ElementNode {
  readonly kind: 'element';
  readonly name: string;
  /** Attribute values with entities decoded. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlNode[];
}

interface TextNode {
  readonly kind: 'text';
  readonly text: string;
}

type XmlNode = ElementNode | TextNode;

interface Placed {
  readonly element: ElementNode;
  readonly ancestors: readonly ElementNode[];
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

function codePointLength(value: string): number {
  return [...value].length;
}

function forbiddenCharacterIssues(ssml: string): string[] {
  for (const character of ssml) {
    const codePoint = character.codePointAt(0) ?? -1;
    if (!isXmlChar(codePoint)) {
      const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
      return [`contains U+${hex}, a character XML does not allow`];
    }
  }
  return [];
}

function doctypeIssues(ssml: string): string[] {
  return /<!DOCTYPE/i.test(ssml) ? ['DOCTYPE declarations are not allowed in SSML'] : [];
}

function attributeIssue(element: string, name: string, raw: string): string | undefined {
  if (raw.includes('<')) return `<${element} ${name}="${shorten(raw)}"> contains a raw "<"`;
  const invalid = findInvalidReference(raw);
  return invalid === undefined
    ? undefined
    : `<${element} ${name}="${shorten(raw)}"> contains "${invalid}", which is not an XML reference`;
}

// ---- reading the document ----------------------------------------------------------------------

/** Where a document stops being XML: the first such place, as XML parsers report one. */
class NotWellFormed {
  constructor(
    readonly problem: string,
    readonly at: number,
  ) {}
}

// "&" must start a reference: a name, or a number in decimal or hex (whether XML defines it is
// checked later, where the issue can name it).
const REFERENCE_SYNTAX = /&(?:#x[0-9a-fA-F]*|#[0-9]*|\w{1,20});/y;
const XML_SPACE = /^[ \t\n\r]*$/;

function textSyntax(token: SsmlToken & { kind: 'text' }): void {
  for (let at = token.raw.indexOf('&'); at !== -1; at = token.raw.indexOf('&', at + 1)) {
    REFERENCE_SYNTAX.lastIndex = at;
    if (!REFERENCE_SYNTAX.test(token.raw)) {
      throw new NotWellFormed("char '&' is not expected.", token.at + at);
    }
  }
}

/** What is wrong with the attributes of a tag that does not parse, in the words XML parsers use. */
function attributeSyntax(tag: string, attributes: string): string {
  let rest = attributes;
  while (rest.trim() !== '') {
    const match = /^(\s*)([^\s=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|(["']))?)?/.exec(rest);
    if (!match) return `Attributes for '${tag}' have open quote.`;
    const [whole, space, name, assignment, openQuote] = match;
    if (space === '') return `Attribute '${name}' has no space in starting.`;
    if (openQuote !== undefined) return `Attributes for '${tag}' have open quote.`;
    if (assignment === undefined) return `boolean attribute '${name}' is not allowed.`;
    if (!/["']$/.test(assignment)) return `Attribute '${name}' is without value.`;
    if (!isXmlName(name ?? '')) return `Attribute '${name}' is an invalid name.`;
    rest = rest.slice(whole.length);
  }
  return `Tag '${tag}' is not well-formed.`;
}

function malformedProblem(token: SsmlToken & { kind: 'malformed' }, ssml: string): string {
  if (token.name === undefined) {
    // A "<" that starts no markup: nothing after it, a space, or a tag that never ends.
    const [, name = '', rest = ''] = /^<([^\s>]*)([\s\S]*)/.exec(ssml.slice(token.at)) ?? [];
    if (name === '') return "Invalid space after '<'.";
    return /["']/.test(rest)
      ? `Attributes for '${name}' have open quote.`
      : `Tag '${name}' is never closed with '>'.`;
  }
  const closing = token.name.startsWith('/');
  const name = closing ? token.name.slice(1) : token.name;
  if (!isXmlName(name)) return `Tag '${name}' is an invalid name.`;
  if (closing) return `Closing tag '${name}' can't have attributes or invalid starting.`;
  return attributeSyntax(name, token.raw.slice(1 + name.length, -1).replace(/\/$/, ''));
}

function attributeMap(element: string, attributes: readonly RawAttribute[], issues: string[]) {
  const map = new Map<string, string>();
  for (const attribute of attributes) {
    if (!isXmlName(attribute.name)) {
      throw new NotWellFormed(`Attribute '${attribute.name}' is an invalid name.`, attribute.at);
    }
    if (map.has(attribute.name)) {
      throw new NotWellFormed(`Attribute '${attribute.name}' is repeated.`, attribute.at);
    }
    const issue = attributeIssue(element, attribute.name, attribute.raw);
    if (issue !== undefined) issues.push(issue);
    map.set(attribute.name, unescapeXml(attribute.raw));
  }
  return map;
}

function textNode(raw: string, issues: string[]): TextNode {
  const invalid = findInvalidReference(raw);
  if (invalid !== undefined)
    issues.push(`text contains "${invalid}", which is not an XML reference`);
  return { kind: 'text', text: unescapeXml(raw) };
}

interface Parsed {
  /** The top level: the root element, and whatever stands beside it. */
  readonly nodes: readonly XmlNode[];
  /** What is wrong inside a well-formed document: references XML does not define, processing instructions. */
  readonly issues: readonly string[];
}

/** The document's nodes, or NotWellFormed at the first place it stops being XML. */
function read(ssml: string): Parsed {
  const nodes: XmlNode[] = [];
  const issues: string[] = [];
  const open: { element: ElementNode; at: number }[] = [];
  let sawElement = false;
  let rootClosed = false;
  const append = (node: XmlNode) => (open.at(-1)?.element.children ?? nodes).push(node);

  for (const token of tokenize(ssml)) {
    switch (token.kind) {
      case 'text': {
        if (open.length > 0) {
          textSyntax(token);
          append(textNode(token.raw, issues));
          break;
        }
        // A byte order mark may open a document.
        const outside = token.at === 0 ? token.raw.replace(/^\ufeff/, '') : token.raw;
        if (!XML_SPACE.test(outside)) {
          const offset = token.at + token.raw.length - outside.trimStart().length;
          throw new NotWellFormed(
            rootClosed
              ? 'Extra text at the end'
              : `char '${outside.trimStart()[0]}' is not expected.`,
            offset,
          );
        }
        break;
      }
      case 'cdata':
        append({ kind: 'text', text: token.text });
        break;
      case 'comment':
      case 'doctype':
        break;
      case 'instruction':
        if (token.target === 'xml') {
          if (token.at > (ssml.startsWith('\ufeff') ? 1 : 0)) {
            throw new NotWellFormed(
              'XML declaration allowed only at the start of the document.',
              token.at,
            );
          }
        } else {
          issues.push(`processing instruction <?${token.target}?> is not allowed`);
        }
        break;
      case 'open': {
        if (!isXmlName(token.name)) {
          throw new NotWellFormed(`Tag '${token.name}' is an invalid name.`, token.at + 1);
        }
        const attributes = attributeMap(token.name, token.attributes, issues);
        if (open.length === 0 && rootClosed) {
          throw new NotWellFormed('Multiple possible root nodes found.', token.at);
        }
        const element: ElementNode = {
          kind: 'element',
          name: token.name,
          attributes,
          children: [],
        };
        append(element);
        if (!token.empty) open.push({ element, at: token.at });
        sawElement = true;
        break;
      }
      case 'close': {
        if (!isXmlName(token.name)) {
          throw new NotWellFormed(`Tag '${token.name}' is an invalid name.`, token.at + 2);
        }
        const opened = open.pop();
        if (opened === undefined) {
          throw new NotWellFormed(`Closing tag '${token.name}' has not been opened.`, token.at);
        }
        if (opened.element.name !== token.name) {
          const { line, column } = positionOf(ssml, opened.at);
          throw new NotWellFormed(
            `Expected closing tag '${opened.element.name}' (opened in line ${line}, col ${column}) instead of closing tag '${token.name}'.`,
            token.at,
          );
        }
        if (open.length === 0) rootClosed = true;
        break;
      }
      case 'malformed':
        throw new NotWellFormed(malformedProblem(token, ssml), token.at);
    }
  }
  const unclosed = open.map(({ element }) => `'${element.name}'`);
  if (unclosed.length === 1) throw new NotWellFormed(`Unclosed tag ${unclosed[0]}.`, open[0]!.at);
  if (unclosed.length > 1) throw new NotWellFormed(`Unclosed tags ${unclosed.join(', ')}.`, 0);
  if (!sawElement) throw new NotWellFormed('Start tag expected.', 0);
  return { nodes, issues };
}

/** The document read, or the one issue saying where it stops being well-formed XML. */
function parse(ssml: string): Parsed | string {
  try {
    return read(ssml);
  } catch (error) {
    if (!(error instanceof NotWellFormed)) throw error;
    const { line, column } = positionOf(ssml, error.at);
    return `not well-formed XML: ${error.problem} (line ${line}, column ${column})`;
  }
}

function isElement(node: XmlNode): node is ElementNode {
  return node.kind === 'element';
}

function rootIssues(nodes: readonly XmlNode[]): string[] {
  const elements = nodes.filter(isElement);
  const strayText = nodes.some((node) => node.kind === 'text' && node.text.trim() !== '');
  const issues = strayText ? ['text outside the root element'] : [];
  if (elements.length !== 1) issues.push(`expected one root element, found ${elements.length}`);
  const root = elements[0];
  if (root !== undefined && root.name !== 'speak') {
    issues.push(`root element must be <speak>, not <${root.name}>`);
  }
  return issues;
}

function* placed(element: ElementNode, ancestors: readonly ElementNode[] = []): Generator<Placed> {
  yield { element, ancestors };
  for (const child of element.children) {
    if (isElement(child)) yield* placed(child, [...ancestors, element]);
  }
}

function* texts(node: XmlNode): Generator<string> {
  if (node.kind === 'text') {
    yield node.text;
    return;
  }
  for (const child of node.children) yield* texts(child);
}

function unknownTagIssue(name: string, target: SsmlTarget): string {
  const knownElsewhere = SSML_TARGETS.some((other) => tagRule(other, name) !== undefined);
  return knownElsewhere
    ? `<${name}> is not accepted by ${target}`
    : `unknown tag <${name}>; ${target} accepts ${Object.keys(TAGS[target]).join(', ')}`;
}

/** What is wrong with one attribute of a tag for a target, or undefined; also used by Speech to fail early. */
export function attributeProblem(
  target: SsmlTarget,
  tag: string,
  name: string,
  value: string,
): string | undefined {
  const rules = tagRule(target, tag);
  if (rules === undefined) return unknownTagIssue(tag, target);
  const rule = attributeRule(target, tag, name);
  if (rule === undefined) {
    const accepted = Object.keys(rules);
    const hint = accepted.length === 0 ? 'none' : accepted.join(', ');
    return `<${tag}> attribute "${name}" is not accepted by ${target} (accepted: ${hint})`;
  }
  const problem = rule.check?.(value);
  if (problem === undefined) return undefined;
  const written = `<${tag} ${name}="${shorten(value)}">`;
  return acceptedElsewhere(tag, name, value)
    ? `${written} is not accepted by ${target} (${problem})`
    : `${written} ${problem}`;
}

function acceptedElsewhere(tag: string, name: string, value: string): boolean {
  return SSML_TARGETS.some((other) => {
    const rule = attributeRule(other, tag, name);
    return rule !== undefined && rule.check?.(value) === undefined;
  });
}

function elementIssues({ element, ancestors }: Placed, target: SsmlTarget): string[] {
  const rules = tagRule(target, element.name);
  if (rules === undefined) return [unknownTagIssue(element.name, target)];
  const issues: string[] = [];
  if (element.name === 'speak' && ancestors.length > 0) issues.push('<speak> may only be the root');
  for (const [name, value] of element.attributes) {
    const problem = attributeProblem(target, element.name, name, value);
    if (problem !== undefined) issues.push(problem);
  }
  for (const [name, rule] of Object.entries(rules)) {
    if (rule.required === true && !element.attributes.has(name)) {
      issues.push(`<${element.name}> needs the ${name} attribute`);
    }
  }
  return issues;
}

function isSpeechcon(element: ElementNode): boolean {
  return element.name === 'say-as' && element.attributes.get('interpret-as') === 'interjection';
}

// Alexa speaks speechcons only in its own voice, and refuses them inside a Polly <voice>.
function speechconIssues(elements: readonly Placed[], target: SsmlTarget): string[] {
  if (!isAlexaTarget(target)) return [];
  return elements
    .filter(
      ({ element, ancestors }) => isSpeechcon(element) && ancestors.some((a) => a.name === 'voice'),
    )
    .map(() => 'speechcon <say-as interpret-as="interjection"> is not allowed inside <voice>');
}

// ---- the limits of a whole document --------------------------------------------------------------

function audioCountIssue(count: number, target: SsmlTarget): string[] {
  const { maxAudioTags } = LIMITS[target];
  // With no audio allowed at all, each <audio> is already reported as not accepted.
  return maxAudioTags > 0 && count > maxAudioTags
    ? [`${count} <audio> tags; ${target} plays at most ${maxAudioTags} in one response`]
    : [];
}

function sizeIssues(length: number, billed: () => number, target: SsmlTarget): string[] {
  const { maxCharacters, maxBilledCharacters } = LIMITS[target];
  const issues: string[] = [];
  if (length > maxCharacters) {
    issues.push(`too long: ${length} characters; ${target} accepts at most ${maxCharacters}`);
  }
  if (maxBilledCharacters !== undefined) {
    const count = billed();
    if (count > maxBilledCharacters) {
      issues.push(
        `too many billed characters: ${count} of text; ${target} accepts at most ${maxBilledCharacters}`,
      );
    }
  }
  return issues;
}

function audioCountIssues(elements: readonly Placed[], target: SsmlTarget): string[] {
  return audioCountIssue(elements.filter(({ element }) => element.name === 'audio').length, target);
}

function lengthIssues(ssml: string, root: ElementNode, target: SsmlTarget): string[] {
  return sizeIssues(
    codePointLength(ssml),
    () => [...texts(root)].reduce((sum, text) => sum + codePointLength(text), 0),
    target,
  );
}

/**
 * What only the whole of a well-formed document decides, read without parsing it: its <audio>
 * count, its length and the characters Polly bills. The issues, in their words and order, are the
 * full validator's. For SSML whose every part was checked as it was written (Speech's own);
 * anything else needs validateSsml.
 */
export function limitIssues(ssml: string, target: SsmlTarget): string[] {
  const audio = ssml.match(/<audio[\s/>]/g)?.length ?? 0;
  // Text is what lies outside the tags, each character reference one character.
  const billed = () => codePointLength(ssml.replace(/<[^>]*>/g, '').replace(/&[^;]*;/g, '_'));
  return [...audioCountIssue(audio, target), ...sizeIssues(codePointLength(ssml), billed, target)];
}

function treeIssues(ssml: string, root: ElementNode, target: SsmlTarget): string[] {
  const elements = [...placed(root)];
  return [
    ...elements.flatMap((placement) => elementIssues(placement, target)),
    ...speechconIssues(elements, target),
    ...audioCountIssues(elements, target),
    ...lengthIssues(ssml, root, target),
  ];
}

function collectIssues(ssml: string, target: SsmlTarget): string[] {
  if (!SSML_TARGETS.includes(target)) return [`unknown target "${String(target)}"`];
  if (typeof ssml !== 'string' || ssml.trim() === '') return ['SSML is empty'];
  const characterIssues = [...forbiddenCharacterIssues(ssml), ...doctypeIssues(ssml)];
  const parsed = parse(ssml);
  if (typeof parsed === 'string') return [...characterIssues, parsed];
  const structural = rootIssues(parsed.nodes);
  const root = parsed.nodes.find(isElement);
  const tree = structural.length === 0 && root !== undefined ? treeIssues(ssml, root, target) : [];
  return [...characterIssues, ...parsed.issues, ...structural, ...tree];
}

/** Every reason the target would refuse this SSML, or ok. Never throws. */
export function validateSsml(ssml: string, target: SsmlTarget): ValidationResult {
  const issues = collectIssues(ssml, target);
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}

/** Throws SsmlError listing every issue when the target would refuse this SSML. */
export function assertValidSsml(ssml: string, target: SsmlTarget): void {
  const result = validateSsml(ssml, target);
  if (!result.ok) throw new SsmlError(result.issues, `SSML not accepted by ${target}`);
}
