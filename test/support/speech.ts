/** Reading a skill response the way a listener hears it, after checking its SSML is valid for Alexa. */
import type { ResponseEnvelope, ui } from 'ask-sdk-model';
import { plainTextOf, validateSsml } from '../../ssml';

function checkedText(speech: ui.OutputSpeech | undefined): string {
  if (!speech) return '';
  if (speech.type !== 'SSML') throw new Error(`expected SSML output speech, got ${speech.type}`);
  const verdict = validateSsml(speech.ssml, 'alexa');
  if (!verdict.ok) throw new Error(`invalid SSML (${verdict.issues.join('; ')}): ${speech.ssml}`);
  return plainTextOf(speech.ssml);
}

/** What Alexa says, as plain text; throws when the SSML would be rejected. */
export function spoken(envelope: ResponseEnvelope): string {
  return checkedText(envelope.response.outputSpeech);
}

export function reprompted(envelope: ResponseEnvelope): string {
  return checkedText(envelope.response.reprompt?.outputSpeech);
}
