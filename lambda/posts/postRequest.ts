/** A new post as the API receives it: checked against Polly's voices, engines, limits and SSML rules. */
import * as v from 'valibot';
import { DEFAULT_VOICES, POLLY_VOICES, plainTextOf, pollyVoice, validateSsml } from '../../ssml';
import type { NewPost } from './repository';
import { PostRejected } from './errors';

/** The most characters a post may have: StartSpeechSynthesisTask's limit, and Pulse's. */
export const MAX_POST_CHARACTERS = 100_000;
export const MAX_TITLE_CHARACTERS = 200;

/**
 * A new post's fields as the posts API takes them. The MCP server's create_post describes the same
 * fields to its clients (in zod, which its SDK needs) and creates posts through these checks.
 */
export const newPostBody = v.object({
  text: v.string('text is required and must be a string'),
  title: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(MAX_TITLE_CHARACTERS, `title must be at most ${MAX_TITLE_CHARACTERS} characters`),
    ),
  ),
  voice: v.optional(v.string()),
  textType: v.optional(v.picklist(['text', 'ssml'], 'textType must be "text" or "ssml"'), 'text'),
  locale: v.optional(v.string()),
  engine: v.optional(v.picklist(['standard', 'neural'], 'engine must be "standard" or "neural"')),
});

function defaultTitle(plain: string): string {
  const firstSentence = plain.split(/(?<=[.!?])\s/)[0] ?? plain;
  const words = firstSentence.trim().split(/\s+/);
  let title = '';
  for (const word of words) {
    if ((title + ' ' + word).trim().length > 60) break;
    title = `${title} ${word}`.trim();
  }
  return title || firstSentence.slice(0, 60);
}

/** Checks a request body and returns the post to store; throws PostRejected saying what is wrong. */
export function checkNewPost(
  raw: unknown,
  options: { postId: string; defaultEngine: 'standard' | 'neural' },
): NewPost {
  const parsed = v.safeParse(newPostBody, raw);
  if (!parsed.success) {
    throw new PostRejected('InvalidRequest', parsed.issues.map((i) => i.message).join('; '));
  }
  const { text, textType } = parsed.output;
  const engine = parsed.output.engine ?? options.defaultEngine;

  if (text.length > MAX_POST_CHARACTERS) {
    throw new PostRejected(
      'TextTooLong',
      `text has ${text.length.toLocaleString('en-US')} characters; a post may have at most ${MAX_POST_CHARACTERS.toLocaleString('en-US')}`,
    );
  }
  if (textType === 'ssml') {
    const verdict = validateSsml(text, engine === 'neural' ? 'polly-neural' : 'polly-standard');
    if (!verdict.ok) {
      throw new PostRejected(
        'InvalidSsml',
        `Polly's ${engine} engine would reject this SSML: ${verdict.issues.join('; ')}`,
      );
    }
  }
  const plain = textType === 'ssml' ? plainTextOf(text) : text.trim();
  if (plain.trim() === '') throw new PostRejected('EmptyText', 'text must not be empty');

  const voiceId = parsed.output.voice?.trim() || undefined;
  const requestedLocale = parsed.output.locale?.trim() || undefined;
  const voice = voiceId === undefined ? undefined : pollyVoice(voiceId);
  if (voiceId !== undefined && voice === undefined) {
    throw new PostRejected(
      'UnknownVoice',
      `unknown voice "${voiceId}"; voices: ${POLLY_VOICES.map((v) => v.id).join(', ')}`,
    );
  }
  const locale = requestedLocale ?? voice?.languageCode ?? 'en-US';
  const speakers = POLLY_VOICES.filter((v) => v.languageCode === locale);
  if (speakers.length === 0) {
    const locales = [...new Set(POLLY_VOICES.map((v) => v.languageCode))].join(', ');
    throw new PostRejected('UnsupportedLocale', `no voice speaks ${locale}; locales: ${locales}`);
  }
  if (voice && voice.languageCode !== locale) {
    throw new PostRejected(
      'VoiceLanguageMismatch',
      `${voice.id} speaks ${voice.languageCode}, not ${locale}; ${locale} voices: ${speakers.map((v) => v.id).join(', ')}`,
    );
  }
  const chosen =
    voice ??
    pollyVoice(DEFAULT_VOICES[locale as keyof typeof DEFAULT_VOICES] ?? '') ??
    speakers.find((v) => v.engines.includes(engine)) ??
    speakers[0]!;
  if (!chosen.engines.includes(engine)) {
    const able = speakers.filter((v) => v.engines.includes(engine)).map((v) => v.id);
    throw new PostRejected(
      'EngineNotSupported',
      `${chosen.id} has no ${engine} voice${able.length ? `; ${locale} voices with one: ${able.join(', ')}` : ''}`,
    );
  }
  return {
    postId: options.postId,
    title: parsed.output.title?.trim() || defaultTitle(plain),
    text,
    textType,
    voice: chosen.id,
    engine,
    locale,
    characters: text.length,
  };
}
