/** A new post as the API receives it: checked against Polly's voices, engines, limits and SSML rules. */
import * as z from 'zod/mini';
import '../../domain/zodMessages';
import { DEFAULT_VOICES, POLLY_VOICES, plainTextOf, pollyVoice, validateSsml } from '../../ssml';
import type { NewPost } from './repository';
import { PostRejected } from './errors';

/** The most characters a post may have: StartSpeechSynthesisTask's limit, and Pulse's. */
export const MAX_POST_CHARACTERS = 100_000;
export const MAX_TITLE_CHARACTERS = 200;

/** A new post's fields as the posts API takes them: the one schema of every way in that creates posts. */
export const newPostBody = z.object({
  text: z
    .string({ error: 'text is required and must be a string' })
    .check(
      z.describe(
        `What the post says: plain text, or SSML with textType "ssml"; at most ${MAX_POST_CHARACTERS.toLocaleString('en-US')} characters.`,
      ),
    ),
  title: z
    .optional(
      z
        .string()
        .check(
          z.maxLength(
            MAX_TITLE_CHARACTERS,
            `title must be at most ${MAX_TITLE_CHARACTERS} characters`,
          ),
        ),
    )
    .check(z.describe('A title; by default the first words of the text.')),
  voice: z
    .optional(z.string())
    .check(z.describe("A Polly voice, e.g. Matthew, Amy or Vicki; by default the locale's.")),
  textType: z._default(
    z.enum(['text', 'ssml'], { error: 'textType must be "text" or "ssml"' }),
    'text',
  ),
  locale: z
    .optional(z.string())
    .check(z.describe("en-US, en-GB, de-DE…; by default the voice's, or en-US.")),
  engine: z
    .optional(z.enum(['standard', 'neural'], { error: 'engine must be "standard" or "neural"' }))
    .check(z.describe("Polly's engine; by default the deployment's.")),
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
  const parsed = newPostBody.safeParse(raw);
  if (!parsed.success) {
    throw new PostRejected('InvalidRequest', parsed.error.issues.map((i) => i.message).join('; '));
  }
  const { text, textType } = parsed.data;
  const engine = parsed.data.engine ?? options.defaultEngine;

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

  const voiceId = parsed.data.voice?.trim() || undefined;
  const requestedLocale = parsed.data.locale?.trim() || undefined;
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
    title: parsed.data.title?.trim() || defaultTitle(plain),
    text,
    textType,
    voice: chosen.id,
    engine,
    locale,
    characters: text.length,
  };
}
