/** Posts: list the latest, play one by recency or title, pause and resume it. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { Intent, Slot } from '../../../domain/names';
import type { Post } from '../../posts/repository';
import { answer } from '../answer';
import { logger } from '../logger';
import { SEARCHED_POSTS, audioUrl, isPlayable, playOnDevice } from '../playing';
import { isIntent, isRequestType, playerState } from '../request/requests';
import { rawSlotValue } from '../request/slots';
import type { SkillDependencies } from '../services';
import type { Voice } from '../voice';

/** Alexa plays at most 240 s of <audio> in one response; longer posts go through AudioPlayer. */
export const MAX_SSML_AUDIO_SECONDS = 240;

/** How many posts a list reads out. */
const LISTED_POSTS = 5;

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9ß]+/)
    .filter((word) => word.length > 1);
}

/**
 * Words a spoken title may keep or drop that name nothing ("the weather", "die neue Saison",
 * "den Wochenrückblick"): English and German articles, as people say them before a title.
 */
const ARTICLES = new Set([
  'the',
  'an',
  'der',
  'die',
  'das',
  'den',
  'dem',
  'des',
  'ein',
  'eine',
  'einen',
  'einem',
  'einer',
  'eines',
]);

/** The words of a title that name something; all of them when it is only articles ("The"). */
function titleWords(text: string): string[] {
  const all = words(text);
  const named = all.filter((word) => !ARTICLES.has(word));
  return named.length === 0 ? all : named;
}

/**
 * The post whose title best covers the spoken words (half of them at least), with or without the
 * articles either says; of two that cover them alike, the one whose title the words cover more,
 * then the newest (posts come newest first).
 */
export function postByTitle(posts: readonly Post[], spoken: string): Post | undefined {
  const wanted = titleWords(spoken);
  if (wanted.length === 0) return undefined;
  let best: { post: Post; score: number; coverage: number } | undefined;
  for (const post of posts) {
    const title = new Set(titleWords(post.title));
    if (title.size === 0) continue;
    const said = wanted.filter((word) => title.has(word));
    const score = said.length / wanted.length;
    const coverage = new Set(said).size / title.size;
    if (score < 0.5) continue;
    if (!best || score > best.score || (score === best.score && coverage > best.coverage))
      best = { post, score, coverage };
  }
  return best?.post;
}

/** "Your latest posts are “Weather”, ready to play, and “Draft”, still being prepared." */
function listOf(voice: Voice, posts: readonly Post[]): string {
  const { t, list } = voice;
  const items = posts.map((post) =>
    t('posts.item', { title: post.title, status: t(`posts.status.${post.status}`) }),
  );
  return t('posts.list', { count: posts.length, list: list(items) });
}

export function postsHandlers({
  posts,
  postAudio,
  voiceOf,
}: Pick<SkillDependencies, 'posts' | 'postAudio' | 'voiceOf'>): RequestHandler[] {
  const latestPosts = async (limit: number) => (await posts.list({ limit })).posts;

  /** Plays a post: within the speech when it is short, on the device's player when not; or says why it cannot. */
  async function play(input: HandlerInput, voice: Voice, post: Post): Promise<Response> {
    const { t } = voice;
    if (post.status === 'PROCESSING') {
      return answer(input, voice, {
        sentences: [t('posts.processing', { title: post.title })],
        card: 'cards.posts',
      });
    }
    if (!isPlayable(post)) {
      return answer(input, voice, {
        sentences: [t('posts.failed', { title: post.title })],
        card: 'cards.posts',
      });
    }
    const url = await audioUrl(postAudio, post);
    if ((post.durationSeconds ?? Infinity) <= MAX_SSML_AUDIO_SECONDS) {
      return answer(input, voice, {
        sentences: [t('posts.intro', { title: post.title })],
        audio: url,
        card: { title: 'cards.posts', text: post.title },
        endSession: true,
      });
    }
    return answer(input, voice, {
      sentences: [t('posts.playing', { title: post.title })],
      directives: [playOnDevice(post, url)],
      endSession: true,
    });
  }

  const ReadLatestPost: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.ReadLatestPost),
    async handle(input) {
      const voice = voiceOf(input);
      const [latest] = await latestPosts(1);
      if (!latest) return answer(input, voice, { sentences: [voice.t('posts.none')] });
      return play(input, voice, latest);
    },
  };

  const ListPosts: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.ListPosts),
    async handle(input) {
      const voice = voiceOf(input);
      const latest = await latestPosts(LISTED_POSTS);
      const sentence = latest.length === 0 ? voice.t('posts.none') : listOf(voice, latest);
      return answer(input, voice, { sentences: [sentence], card: 'cards.posts' });
    },
  };

  const PlayPost: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.PlayPost),
    async handle(input) {
      const voice = voiceOf(input);
      const { t } = voice;
      const spoken = rawSlotValue(input, Slot.Title);
      if (!spoken) return answer(input, voice, { question: t('posts.missingTitle') });
      const searched = await latestPosts(SEARCHED_POSTS);
      const post = postByTitle(searched, spoken);
      if (post) return play(input, voice, post);
      const latest = searched.length === 0 ? t('posts.none') : listOf(voice, searched.slice(0, 3));
      return answer(input, voice, { question: t('posts.notFound', { spoken, latest }) });
    },
  };

  const Pause: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, Intent.Pause) ||
      isRequestType(input, 'PlaybackController.PauseCommandIssued'),
    handle: (input) =>
      answer(input, voiceOf(input), {
        directives: [{ type: 'AudioPlayer.Stop' }],
        endSession: true,
      }),
  };

  /** Resumes the post the device was playing, where it stopped, with a fresh URL. */
  const Resume: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, Intent.Resume) ||
      isRequestType(input, 'PlaybackController.PlayCommandIssued'),
    async handle(input) {
      const voice = voiceOf(input);
      const state = playerState(input);
      const post = state?.token ? await posts.get(state.token) : undefined;
      if (!isPlayable(post)) {
        return answer(input, voice, { sentences: [voice.t('posts.nothingToResume')] });
      }
      const url = await audioUrl(postAudio, post);
      return answer(input, voice, {
        directives: [playOnDevice(post, url, state?.offsetInMilliseconds ?? 0)],
        endSession: true,
      });
    },
  };

  /** AudioPlayer reports what the device is doing; these requests take no speech, only an empty answer. */
  const AudioPlayerEvent: RequestHandler = {
    canHandle: (input) => input.requestEnvelope.request.type.startsWith('AudioPlayer.'),
    handle(input) {
      const request = input.requestEnvelope.request;
      if (request.type === 'AudioPlayer.PlaybackFailed') {
        logger.error('a post failed to play on the device', {
          request: request as unknown as Record<string, unknown>,
        });
      }
      return answer(input, voiceOf(input), {});
    },
  };

  return [ReadLatestPost, ListPosts, PlayPost, Pause, Resume, AudioPlayerEvent];
}
