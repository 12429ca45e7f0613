/**
 * What an Alexa response sounds like, locally: its SSML spoken by the local Polly in the voice it
 * names, with each <audio> clip kept in its place as a URL to play between the spoken parts.
 */
import { SynthesizeSpeechCommand, type PollyClient, type VoiceId } from '@aws-sdk/client-polly';
import { DEFAULT_VOICES, unescapeXml } from '../../ssml';

export type AudioSegment =
  | { readonly kind: 'speech'; readonly mp3: Buffer }
  | { readonly kind: 'clip'; readonly url: string };

const VOICE = /<voice\s+name=["']([^"']+)["']\s*>/;
const AUDIO = /<audio\s+src=(["'])(.*?)\1\s*\/>/g;

/** The voice a response speaks in: its <voice name>, else the locale's default. */
function voiceOf(ssml: string, locale: string): string {
  return (
    VOICE.exec(ssml)?.[1] ?? DEFAULT_VOICES[locale as keyof typeof DEFAULT_VOICES] ?? 'Matthew'
  );
}

/** The SSML's body without <speak> and <voice>, which Polly takes as a request parameter instead. */
function body(ssml: string): string {
  return ssml
    .replace(/^\s*<speak>/, '')
    .replace(/<\/speak>\s*$/, '')
    .replace(VOICE, '')
    .replace(/<\/voice>/g, '');
}

export async function renderSpeech(
  ssml: string,
  locale: string,
  polly: PollyClient,
): Promise<AudioSegment[]> {
  const voice = voiceOf(ssml, locale);
  const parts: (string | { url: string })[] = [];
  let at = 0;
  const text = body(ssml);
  for (const match of text.matchAll(AUDIO)) {
    parts.push(text.slice(at, match.index));
    parts.push({ url: unescapeXml(match[2]!) });
    at = match.index + match[0].length;
  }
  parts.push(text.slice(at));

  const segments: AudioSegment[] = [];
  for (const part of parts) {
    if (typeof part !== 'string') {
      segments.push({ kind: 'clip', url: part.url });
      continue;
    }
    if (part.replace(/<[^>]*>/g, '').trim() === '') continue;
    const { AudioStream } = await polly.send(
      new SynthesizeSpeechCommand({
        Text: `<speak>${part}</speak>`,
        TextType: 'ssml',
        VoiceId: voice as VoiceId,
        OutputFormat: 'mp3',
      }),
    );
    if (!AudioStream) throw new Error('Polly returned no audio');
    segments.push({ kind: 'speech', mp3: Buffer.from(await AudioStream.transformToByteArray()) });
  }
  return segments;
}
