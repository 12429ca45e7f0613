/** Reads the words out of SSML, for cards and logs: markup stripped, entities decoded, whitespace collapsed. */
import { unescapeXml } from './escape';
import { tokenize, type SsmlToken } from './tokens';

// Tags that separate words when spoken; other tags (emphasis, say-as, …) sit inside a word run,
// so dropping them without a space keeps "<say-as …>3</say-as>." as "3." rather than "3 .".
const SEPARATING_TAGS = new Set(['speak', 'p', 's', 'break', 'audio', 'voice', 'amazon:breath']);

function isSeparating(name: string | undefined): boolean {
  return name !== undefined && SEPARATING_TAGS.has(name.replace(/^\//, ''));
}

/** What a token says: text decoded, CDATA verbatim, a space for a separating tag, nothing for other markup. */
function textOf(token: SsmlToken): string {
  switch (token.kind) {
    case 'text':
      return unescapeXml(token.raw);
    case 'cdata':
      return token.text;
    case 'open':
    case 'close':
      return isSeparating(token.name) ? ' ' : '';
    case 'malformed':
      // Tag-shaped, it is still a tag to a reader; a lone "<" is text.
      return token.name === undefined ? token.raw : isSeparating(token.name) ? ' ' : '';
    case 'doctype':
      return token.complete ? '' : token.raw;
    case 'comment':
    case 'instruction':
      return '';
  }
}

/**
 * The text an SSML document (or fragment) speaks. Works on any string, well-formed or not, because it is
 * used to show what would have been said even when validation failed.
 */
export function plainTextOf(ssml: string): string {
  return tokenize(ssml).map(textOf).join('').replace(/\s+/g, ' ').trim();
}
