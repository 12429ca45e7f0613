/** Posts: list the latest, play one by recency or title, and the AudioPlayer requests that follow. */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response, interfaces } from 'ask-sdk-model';
import { Intent, Slot } from '../../../domain/names';
import type { Post } from '../../posts/repository';
import { answer } from '../answer';
import { conversationOf, type Conversation } from '../conversation';
import { logger } from '../logger';
import { rawSlotValue } from '../slots';
import { isIntent, isRequestType } from './requests';

/** Alexa plays at most 240 s of <audio> in one response; longer posts go through AudioPlayer. */
export const MAX_SSML_AUDIO_SECONDS = 240;

/** How many recent posts a title is looked for in (and Next and Previous move through), and how many are read out in a list. */
export const SEARCHED_POSTS = 50;
const LISTED_POSTS = 5;

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9ß]+/)
    .filter((word) => word.length > 1);
}

/** The post whose title best covers the spoken words (half of them at least); newest wins a tie. */
export function postByTitle(posts: readonly Post[], spoken: string): Post | undefined {
  const wanted = words(spoken);
  if (wanted.length === 0) return undefined;
  let best: { post: Post; score: number } | undefined;
  for (const post of posts) {
    const title = new Set(words(post.title));
    const score = wanted.filter((word) => title.has(word)).length / wanted.length;
    if (score >= 0.5 && (!best || score > best.score)) best = { post, score };
  }
  return best?.post;
}

function listOf(conversation: Conversation, posts: readonly Post[]): string {
  const { t, list } = conversation;
  const items = posts.map((post) =>
    t('posts.item', { title: post.title, status: t(`posts.status.${post.status}`) }),
  );
  return t('posts.list', { count: posts.length, list: list(items) });
}

/** Plays a post, or says honestly why it cannot. */
async function playPost(
  input: HandlerInput,
  conversation: Conversation,
  post: Post,
): Promise<Response> {
  const { t, services } = conversation;
  if (post.status === 'PROCESSING') {
    return answer(input, conversation, {
      sentences: [t('posts.processing', { title: post.title })],
      card: 'cards.posts',
    });
  }
  if (post.status === 'FAILED' || !post.audioKey) {
    return answer(input, conversation, {
      sentences: [t('posts.failed', { title: post.title })],
      card: 'cards.posts',
    });
  }
  const url = await services.postAudio.store.url(post.audioKey, services.postAudio.urlSeconds);
  if ((post.durationSeconds ?? Infinity) <= MAX_SSML_AUDIO_SECONDS) {
    const speech = conversation
      .speech()
      .sentence(t('posts.intro', { title: post.title }))
      .audio(url)
      .toSsml();
    return input.responseBuilder
      .speak(speech)
      .withSimpleCard(t('cards.posts'), post.title)
      .withShouldEndSession(true)
      .getResponse();
  }
  const speech = conversation
    .speech()
    .sentence(t('posts.playing', { title: post.title }))
    .toSsml();
  return input.responseBuilder
    .speak(speech)
    .addAudioPlayerPlayDirective('REPLACE_ALL', url, post.postId, 0, undefined, {
      title: post.title,
    })
    .withShouldEndSession(true)
    .getResponse();
}

async function latestPosts(conversation: Conversation, limit: number): Promise<Post[]> {
  return (await conversation.services.posts.list({ limit })).posts;
}

export const ReadLatestPostHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.ReadLatestPost),
  async handle(input) {
    const conversation = conversationOf(input);
    const [latest] = await latestPosts(conversation, 1);
    if (!latest) return answer(input, conversation, { sentences: [conversation.t('posts.none')] });
    return playPost(input, conversation, latest);
  },
};

export const ListPostsHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.ListPosts),
  async handle(input) {
    const conversation = conversationOf(input);
    const posts = await latestPosts(conversation, LISTED_POSTS);
    const sentence =
      posts.length === 0 ? conversation.t('posts.none') : listOf(conversation, posts);
    return answer(input, conversation, { sentences: [sentence], card: 'cards.posts' });
  },
};

export const PlayPostHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.PlayPost),
  async handle(input) {
    const conversation = conversationOf(input);
    const { t } = conversation;
    const spoken = rawSlotValue(input, Slot.Title);
    if (!spoken)
      return answer(input, conversation, { sentences: [], question: t('posts.missingTitle') });
    const posts = await latestPosts(conversation, SEARCHED_POSTS);
    const post = postByTitle(posts, spoken);
    if (post) return playPost(input, conversation, post);
    const latest = posts.length === 0 ? t('posts.none') : listOf(conversation, posts.slice(0, 3));
    return answer(input, conversation, {
      sentences: [],
      question: t('posts.notFound', { spoken, latest }),
    });
  },
};

/** Where the device's player stands, from the request's AudioPlayer context. */
export function playerState(
  input: HandlerInput,
): interfaces.audioplayer.AudioPlayerState | undefined {
  return input.requestEnvelope.context?.AudioPlayer;
}

/** Resumes the post the device was playing, where it stopped, with a fresh URL. */
async function resume(input: HandlerInput, speakIfNothing: boolean): Promise<Response> {
  const conversation = conversationOf(input);
  const state = playerState(input);
  const post = state?.token ? await conversation.services.posts.get(state.token) : undefined;
  if (!post?.audioKey || post.status !== 'COMPLETED') {
    if (!speakIfNothing) return input.responseBuilder.getResponse();
    return answer(input, conversation, { sentences: [conversation.t('posts.nothingToResume')] });
  }
  const { store, urlSeconds } = conversation.services.postAudio;
  const url = await store.url(post.audioKey, urlSeconds);
  return input.responseBuilder
    .addAudioPlayerPlayDirective(
      'REPLACE_ALL',
      url,
      post.postId,
      state?.offsetInMilliseconds ?? 0,
      undefined,
      {
        title: post.title,
      },
    )
    .withShouldEndSession(true)
    .getResponse();
}

export const PauseHandler: RequestHandler = {
  canHandle: (input) =>
    isIntent(input, Intent.Pause) || isRequestType(input, 'PlaybackController.PauseCommandIssued'),
  handle: (input) =>
    input.responseBuilder.addAudioPlayerStopDirective().withShouldEndSession(true).getResponse(),
};

export const ResumeHandler: RequestHandler = {
  canHandle: (input) =>
    isIntent(input, Intent.Resume) || isRequestType(input, 'PlaybackController.PlayCommandIssued'),
  // A button press (PlaybackController) may not be answered with speech.
  handle: (input) => resume(input, isIntent(input, Intent.Resume)),
};

/** AudioPlayer reports what the device is doing; these requests take no speech, only an empty answer. */
export const AudioPlayerEventHandler: RequestHandler = {
  canHandle: (input) => input.requestEnvelope.request.type.startsWith('AudioPlayer.'),
  handle(input) {
    const request = input.requestEnvelope.request;
    if (request.type === 'AudioPlayer.PlaybackFailed') {
      logger.error('a post failed to play on the device', {
        request: request as unknown as Record<string, unknown>,
      });
    }
    return input.responseBuilder.getResponse();
  },
};
