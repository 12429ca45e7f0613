/** The one reader of SSML markup: a document or fragment as tags, text, comments, CDATA, processing instructions and DOCTYPEs, in order. */

interface At {
  /** Offset of the token's first character in the source. */
  readonly at: number;
  /** The token as written. */
  readonly raw: string;
}

export interface RawAttribute {
  readonly name: string;
  /** The value as written, between its quotes: references not decoded. */
  readonly raw: string;
  /** Offset of the attribute's name in the source. */
  readonly at: number;
}

export type SsmlToken =
  | (At & { readonly kind: 'text' })
  | (At & {
      readonly kind: 'open';
      readonly name: string;
      readonly attributes: readonly RawAttribute[];
      /** A self-closing tag (`<break/>`). */
      readonly empty: boolean;
    })
  | (At & { readonly kind: 'close'; readonly name: string })
  | (At & { readonly kind: 'cdata'; readonly text: string })
  | (At & { readonly kind: 'comment' })
  | (At & { readonly kind: 'instruction'; readonly target: string })
  /** `complete` is false for a "<!DOCTYPE" that never ends. */
  | (At & { readonly kind: 'doctype'; readonly complete: boolean })
  /**
   * Markup that is not a well-formed tag: one whose attributes do not parse (`name` is the tag's
   * name as written, with "/" before it for an end tag), or a "<" that starts no markup at all.
   */
  | (At & { readonly kind: 'malformed'; readonly name?: string });

// One pass, first alternative that matches at each "<": comment, CDATA, processing instruction,
// DOCTYPE, end tag, start tag with well-formed attributes, anything else tag-shaped up to its ">"
// (quotes may hold ">"), an unfinished DOCTYPE, and a lone "<".
const MARKUP = new RegExp(
  [
    /(?<comment><!--[\s\S]*?-->)/,
    /<!\[CDATA\[(?<cdata>[\s\S]*?)\]\]>/,
    /<\?(?<target>[^\s?]*)[\s\S]*?\?>/,
    /(?<doctype><!DOCTYPE(?:[^>[]|\[[^\]]*\])*>)/,
    /<\/(?<closing>[^\s/>]+)\s*>/,
    /<(?<opening>[^\s/>!?]+)(?<attributes>(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(?<slash>\/?)>/,
    /<(?<loose>\/?[^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*>/,
    /(?<unfinished><!DOCTYPE)/,
    /</,
  ]
    .map((part) => part.source)
    .join('|'),
  'g',
);

const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

// XML's NameStartChar, and the NameChar it adds (combining marks first: they combine with nothing there).
const NAME_START =
  ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_MORE = '\\u0300-\\u036F\\-.0-9\\u00B7\\u203F-\\u2040';
const NAME = new RegExp(`^[${NAME_START}][${NAME_MORE}${NAME_START}]*$`);

/** True for a name XML allows for an element or attribute (the spec's Name production, BMP only). */
export function isXmlName(name: string): boolean {
  return NAME.test(name);
}

function attributesOf(source: string, offset: number): RawAttribute[] {
  return [...source.matchAll(ATTRIBUTE)].map((match) => ({
    name: match[1] ?? '',
    raw: match[2] ?? match[3] ?? '',
    at: offset + match.index + match[0].indexOf(match[1] ?? ''),
  }));
}

function markupToken(
  raw: string,
  at: number,
  groups: Record<string, string | undefined>,
): SsmlToken {
  const { cdata, target, closing, opening, attributes, slash, loose } = groups;
  if (groups.comment !== undefined) return { kind: 'comment', at, raw };
  if (cdata !== undefined) return { kind: 'cdata', at, raw, text: cdata };
  if (target !== undefined) return { kind: 'instruction', at, raw, target };
  if (
    groups.doctype !== undefined ||
    groups.unfinished !== undefined ||
    loose?.startsWith('!DOCTYPE')
  ) {
    return { kind: 'doctype', at, raw, complete: groups.unfinished === undefined };
  }
  if (closing !== undefined) return { kind: 'close', at, raw, name: closing };
  if (opening !== undefined) {
    const offset = at + 1 + opening.length;
    return {
      kind: 'open',
      at,
      raw,
      name: opening,
      attributes: attributesOf(attributes ?? '', offset),
      empty: slash === '/',
    };
  }
  return loose === undefined
    ? { kind: 'malformed', at, raw }
    : { kind: 'malformed', at, raw, name: loose };
}

/**
 * Every token of the source, in order, with nothing left out: joined, their raw text is the source.
 * Never throws; what is wrong is for the caller to judge (a reader of text for a card forgives what a
 * validator reports).
 */
export function tokenize(source: string): SsmlToken[] {
  const tokens: SsmlToken[] = [];
  let last = 0;
  for (const match of source.matchAll(MARKUP)) {
    if (match.index > last)
      tokens.push({ kind: 'text', at: last, raw: source.slice(last, match.index) });
    tokens.push(markupToken(match[0], match.index, match.groups ?? {}));
    last = match.index + match[0].length;
  }
  if (last < source.length) tokens.push({ kind: 'text', at: last, raw: source.slice(last) });
  return tokens;
}

/** Line and column (both from 1) of an offset, for messages about where a document goes wrong. */
export function positionOf(source: string, offset: number): { line: number; column: number } {
  const lines = source.slice(0, offset).split(/\r?\n/);
  return { line: lines.length, column: (lines.at(-1) ?? '').length + 1 };
}
