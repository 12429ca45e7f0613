/** Checks SSML against what Alexa or an Amazon Polly engine accepts, before they refuse it at run time. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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

export type ValidationResult = { ok: true } | { ok: false; issues: string[] };

interface ElementNode {
  readonly kind: 'element';
  readonly name: string;
  /** Attribute values with entities decoded. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlNode[];
}

interface TextNode {
  readonly kind: 'text';
  readonly text: string;
}

type XmlNode = ElementNode | TextNode;

interface Parsed {
  readonly nodes: readonly XmlNode[];
  readonly issues: readonly string[];
}

interface Placed {
  readonly element: ElementNode;
  readonly ancestors: readonly ElementNode[];
}

const ATTRIBUTES_KEY = ':@';
const TEXT_KEY = '#text';
const CDATA_KEY = '#cdata';
const COMMENT_KEY = '#comment';

// Entities stay raw so we can check them ourselves: fast-xml-parser accepts "&foo;" and a bare "&" or "<"
// in attribute values, which Alexa and Polly reject.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  allowBooleanAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  commentPropName: COMMENT_KEY,
  cdataPropName: CDATA_KEY,
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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

function wellFormednessIssues(ssml: string): string[] {
  const result = XMLValidator.validate(ssml, { allowBooleanAttributes: false });
  if (result === true) return [];
  const { msg, line, col } = result.err;
  return [`not well-formed XML: ${msg} (line ${line}, column ${col})`];
}

function textOf(children: unknown): string {
  if (!Array.isArray(children)) return '';
  return children.map((child) => (isRecord(child) ? String(child[TEXT_KEY] ?? '') : '')).join('');
}

function rawTextNode(raw: string): Parsed {
  const invalid = findInvalidReference(raw);
  const issues =
    invalid === undefined ? [] : [`text contains "${invalid}", which is not an XML reference`];
  return { nodes: [{ kind: 'text', text: unescapeXml(raw) }], issues };
}

function attributeIssue(element: string, name: string, raw: string): string | undefined {
  if (raw.includes('<')) return `<${element} ${name}="${shorten(raw)}"> contains a raw "<"`;
  const invalid = findInvalidReference(raw);
  return invalid === undefined
    ? undefined
    : `<${element} ${name}="${shorten(raw)}"> contains "${invalid}", which is not an XML reference`;
}

function attributesOf(
  element: string,
  raw: unknown,
): { map: Map<string, string>; issues: string[] } {
  const map = new Map<string, string>();
  const issues: string[] = [];
  if (!isRecord(raw)) return { map, issues };
  for (const [name, value] of Object.entries(raw)) {
    const text = String(value);
    const issue = attributeIssue(element, name, text);
    if (issue !== undefined) issues.push(issue);
    map.set(name, unescapeXml(text));
  }
  return { map, issues };
}

function elementNode(name: string, item: Record<string, unknown>): Parsed {
  const attributes = attributesOf(name, item[ATTRIBUTES_KEY]);
  const children = toNodes(item[name]);
  const node: ElementNode = {
    kind: 'element',
    name,
    attributes: attributes.map,
    children: children.nodes,
  };
  return { nodes: [node], issues: [...attributes.issues, ...children.issues] };
}

function toNode(item: unknown): Parsed {
  if (!isRecord(item)) return { nodes: [], issues: [] };
  const name = Object.keys(item).find((key) => key !== ATTRIBUTES_KEY);
  if (name === undefined || name === COMMENT_KEY || name === '?xml')
    return { nodes: [], issues: [] };
  if (name === TEXT_KEY) return rawTextNode(String(item[TEXT_KEY]));
  if (name === CDATA_KEY)
    return { nodes: [{ kind: 'text', text: textOf(item[CDATA_KEY]) }], issues: [] };
  if (name.startsWith('?')) {
    return { nodes: [], issues: [`processing instruction <${name}?> is not allowed`] };
  }
  return elementNode(name, item);
}

/** Converts fast-xml-parser's preserveOrder output into typed nodes, checking references on the way. */
function toNodes(items: unknown): Parsed {
  const parts = Array.isArray(items) ? items.map(toNode) : [];
  return {
    nodes: parts.flatMap((part) => part.nodes),
    issues: parts.flatMap((part) => part.issues),
  };
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

function audioCountIssues(elements: readonly Placed[], target: SsmlTarget): string[] {
  const { maxAudioTags } = LIMITS[target];
  const count = elements.filter(({ element }) => element.name === 'audio').length;
  // With no audio allowed at all, each <audio> is already reported as not accepted.
  return maxAudioTags > 0 && count > maxAudioTags
    ? [`${count} <audio> tags; ${target} plays at most ${maxAudioTags} in one response`]
    : [];
}

function lengthIssues(ssml: string, root: ElementNode, target: SsmlTarget): string[] {
  const { maxCharacters, maxBilledCharacters } = LIMITS[target];
  const issues: string[] = [];
  const length = codePointLength(ssml);
  if (length > maxCharacters) {
    issues.push(`too long: ${length} characters; ${target} accepts at most ${maxCharacters}`);
  }
  if (maxBilledCharacters !== undefined) {
    const billed = [...texts(root)].reduce((sum, text) => sum + codePointLength(text), 0);
    if (billed > maxBilledCharacters) {
      issues.push(
        `too many billed characters: ${billed} of text; ${target} accepts at most ${maxBilledCharacters}`,
      );
    }
  }
  return issues;
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

/** The parsed nodes, or the reason fast-xml-parser refused a document its own validator passed. */
function parse(ssml: string): Parsed | string {
  try {
    return toNodes(parser.parse(ssml) as unknown);
  } catch (error) {
    // It refuses names such as "constructor" or "__proto__" to guard against prototype pollution.
    return `could not parse: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function collectIssues(ssml: string, target: SsmlTarget): string[] {
  if (!SSML_TARGETS.includes(target)) return [`unknown target "${String(target)}"`];
  if (typeof ssml !== 'string' || ssml.trim() === '') return ['SSML is empty'];
  const characterIssues = [...forbiddenCharacterIssues(ssml), ...doctypeIssues(ssml)];
  const syntaxIssues = wellFormednessIssues(ssml);
  if (syntaxIssues.length > 0) return [...characterIssues, ...syntaxIssues];
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
