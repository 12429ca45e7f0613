/** XML escaping for SSML text and attribute values, and the reverse for reading SSML back. */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** A character or entity reference as XML writes one: "&#x1F600;", "&#38;", "&amp;" (the name captured). */
export const XML_REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g;

/** True for a code point XML 1.0 allows in a document (the spec's Char production). */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/**
 * Drops characters XML cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF):
 * no escape or character reference makes them legal, so keeping them would make the SSML unparseable.
 */
export function stripInvalidXmlCharacters(value: string): string {
  let kept = '';
  for (const character of value) {
    if (isXmlChar(character.codePointAt(0) ?? -1)) kept += character;
  }
  return kept;
}

/** Escapes & < > " ' so the result is safe both as element text and inside a quoted attribute value. */
export function escapeXml(value: string): string {
  return stripInvalidXmlCharacters(value).replace(
    /[&<>"']/g,
    (character) => ESCAPES[character] ?? '',
  );
}

function decodeReference(reference: string): string | undefined {
  if (!reference.startsWith('#')) {
    // Own keys only: "&constructor;" must not decode to an Object.prototype member.
    return Object.hasOwn(NAMED_ENTITIES, reference) ? NAMED_ENTITIES[reference] : undefined;
  }
  const codePoint = reference.startsWith('#x')
    ? Number.parseInt(reference.slice(2), 16)
    : Number.parseInt(reference.slice(1), 10);
  return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : undefined;
}

/**
 * Replaces the five predefined entities and numeric character references with their characters,
 * in one pass so that "&amp;lt;" becomes "&lt;" and not "<". Unknown references are left as they are.
 */
export function unescapeXml(value: string): string {
  return value.replace(
    XML_REFERENCE,
    (whole, reference: string) => decodeReference(reference) ?? whole,
  );
}

/**
 * Finds the first "&" in raw XML text that does not start a reference XML defines without a DTD,
 * which the parser used for validation lets through. Returns the offending snippet.
 */
export function findInvalidReference(raw: string): string | undefined {
  const reference = new RegExp(XML_REFERENCE.source, 'y');
  for (let at = raw.indexOf('&'); at !== -1; at = raw.indexOf('&', at + 1)) {
    reference.lastIndex = at;
    const match = reference.exec(raw);
    const name = match?.[1];
    if (name === undefined || decodeReference(name) === undefined) {
      return match?.[0] ?? raw.slice(at, at + 12);
    }
  }
  return undefined;
}
