/** Reads the words out of SSML, for cards and logs: markup stripped, entities decoded, whitespace collapsed. */
import { unescapeXml } from './escape';

// Tags that separate words when spoken; other tags (emphasis, say-as, …) sit inside a word run,
// so dropping them without a space keeps "<say-as …>3</say-as>." as "3." rather than "3 .".
const SEPARATING_TAGS = new Set(['speak', 'p', 's', 'break', 'audio', 'voice', 'amazon:breath']);

const MARKUP =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^>[]|\[[^\]]*\])*>|<\/?([^\s/>]+)(?:[^>"']|"[^"]*"|'[^']*')*>/g;

function replacementFor(cdata: string | undefined, tagName: string | undefined): string {
  if (cdata !== undefined) return cdata;
  return tagName !== undefined && SEPARATING_TAGS.has(tagName) ? ' ' : '';
}

/**
 * The text an SSML document (or fragment) speaks. Works on any string, well-formed or not, because it is
 * used to show what would have been said even when validation failed.
 */
export function plainTextOf(ssml: string): string {
  let text = '';
  let last = 0;
  for (const match of ssml.matchAll(MARKUP)) {
    text += unescapeXml(ssml.slice(last, match.index)) + replacementFor(match[1], match[2]);
    last = match.index + match[0].length;
  }
  text += unescapeXml(ssml.slice(last));
  return text.replace(/\s+/g, ' ').trim();
}
