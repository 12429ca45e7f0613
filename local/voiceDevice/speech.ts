/** What the Echo says: speech as SSML and as the words a listener hears, joined turn by turn. */
import type { ui } from 'ask-sdk-model';
import { escapeXml, plainTextOf } from '../../ssml';

/** Speech as SSML and as plain words. */
export interface Speech {
  readonly ssml: string;
  readonly text: string;
}

export const SILENCE: Speech = { ssml: '', text: '' };

/** The speech of an outputSpeech object, whichever form the skill chose. */
export function speechOf(outputSpeech: ui.OutputSpeech | undefined): Speech {
  if (!outputSpeech) return SILENCE;
  if (outputSpeech.type === 'SSML') {
    return { ssml: outputSpeech.ssml, text: plainTextOf(outputSpeech.ssml) };
  }
  return plainSpeech(outputSpeech.text.replace(/\s+/g, ' ').trim());
}

/** Plain text as speech. */
export function plainSpeech(text: string): Speech {
  return { ssml: `<speak>${escapeXml(text)}</speak>`, text };
}

/** SSML's content without its `<speak>` wrapper, to join speech end to end. */
function innerOf(ssml: string): string {
  return ssml
    .trim()
    .replace(/^<speak\b[^>]*>/i, '')
    .replace(/<\/speak>$/i, '')
    .trim();
}

/** Speech said one after the other, as one `<speak>`. */
export function joinSpeech(...parts: readonly Speech[]): Speech {
  const said = parts.filter((part) => part.ssml !== '');
  if (said.length === 0) return SILENCE;
  if (said.length === 1) return said[0]!;
  return {
    ssml: `<speak>${said.map((part) => innerOf(part.ssml)).join(' ')}</speak>`,
    text: said.map((part) => part.text).join(' '),
  };
}
