/**
 * The AudioPlayer's built-in intents beyond pause and resume, and the device's Next and Previous
 * buttons: move through the posts, start one over, repeat, and say honestly what Pulse's player
 * does not do (it plays one post at a time, in order, newest first: no loop, no shuffle).
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { Intent } from '../../../domain/names';
import type { Post } from '../../posts/repository';
import { answer } from '../answer';
import { conversationOf, type Conversation } from '../conversation';
import type { MessageKey } from '../i18n';
import { lastAnswer } from '../lastAnswer';
import { playerState, SEARCHED_POSTS } from './posts';
import { isIntent, isRequestType } from './requests';

/** A button press on the device (PlaybackController) may only be answered with AudioPlayer directives. */
function isButton(input: HandlerInput): boolean {
  return input.requestEnvelope.request.type.startsWith('PlaybackController.');
}

function say(input: HandlerInput, conversation: Conversation, key: MessageKey): Response {
  if (isButton(input)) return input.responseBuilder.getResponse();
  return answer(input, conversation, { sentences: [conversation.t(key)] });
}

/** Plays a post on the device from its start; spoken requests hear which post it is. */
async function play(
  input: HandlerInput,
  conversation: Conversation,
  post: Post & { audioKey: string },
  spoken: MessageKey,
): Promise<Response> {
  const { store, urlSeconds } = conversation.services.postAudio;
  const url = await store.url(post.audioKey, urlSeconds);
  const builder = input.responseBuilder.addAudioPlayerPlayDirective(
    'REPLACE_ALL',
    url,
    post.postId,
    0,
    undefined,
    { title: post.title },
  );
  if (!isButton(input)) {
    builder.speak(
      conversation
        .speech()
        .sentence(conversation.t(spoken, { title: post.title }))
        .toSsml(),
    );
  }
  return builder.withShouldEndSession(true).getResponse();
}

function isPlayable(post: Post | undefined): post is Post & { audioKey: string } {
  return post?.status === 'COMPLETED' && typeof post.audioKey === 'string';
}

/** The post the device holds (playing, paused or finished), if it is still one that plays. */
async function postInPlayer(input: HandlerInput, conversation: Conversation) {
  const token = playerState(input)?.token;
  const post = token ? await conversation.services.posts.get(token) : undefined;
  return isPlayable(post) ? post : undefined;
}

/** Next goes to the next older post in the list ("your latest posts are …"), Previous to the newer one. */
async function step(input: HandlerInput, direction: 1 | -1): Promise<Response> {
  const conversation = conversationOf(input);
  const token = playerState(input)?.token;
  if (!token) return say(input, conversation, 'playback.nothingPlaying');
  const { posts } = await conversation.services.posts.list({ limit: SEARCHED_POSTS });
  const playable = posts.filter(isPlayable);
  const index = playable.findIndex((post) => post.postId === token);
  if (index < 0) return say(input, conversation, 'playback.notFound');
  const target = playable[index + direction];
  if (!target) {
    return say(input, conversation, direction === 1 ? 'playback.noNext' : 'playback.noPrevious');
  }
  return play(input, conversation, target, 'posts.playing');
}

export const NextHandler: RequestHandler = {
  canHandle: (input) =>
    isIntent(input, Intent.Next) || isRequestType(input, 'PlaybackController.NextCommandIssued'),
  handle: (input) => step(input, 1),
};

export const PreviousHandler: RequestHandler = {
  canHandle: (input) =>
    isIntent(input, Intent.Previous) ||
    isRequestType(input, 'PlaybackController.PreviousCommandIssued'),
  handle: (input) => step(input, -1),
};

export const StartOverHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.StartOver),
  async handle(input) {
    const conversation = conversationOf(input);
    const post = await postInPlayer(input, conversation);
    if (!post) return say(input, conversation, 'playback.nothingPlaying');
    return play(input, conversation, post, 'playback.startOver');
  },
};

/** In a conversation, says the last answer again; with a post in the player, plays it again. */
export const RepeatHandler: RequestHandler = {
  canHandle: (input) => isIntent(input, Intent.Repeat),
  async handle(input) {
    const conversation = conversationOf(input);
    const last = lastAnswer(input);
    if (last) {
      const builder = input.responseBuilder.speak(last.ssml);
      if (last.reprompt) builder.reprompt(last.reprompt);
      return builder.withShouldEndSession(last.reprompt === undefined).getResponse();
    }
    const post = await postInPlayer(input, conversation);
    if (post) return play(input, conversation, post, 'playback.startOver');
    return say(input, conversation, 'playback.nothingToRepeat');
  },
};

const MODES: readonly (readonly [(typeof Intent)[keyof typeof Intent], MessageKey])[] = [
  [Intent.LoopOn, 'playback.loopOn'],
  [Intent.LoopOff, 'playback.loopOff'],
  [Intent.ShuffleOn, 'playback.shuffleOn'],
  [Intent.ShuffleOff, 'playback.shuffleOff'],
];

/** Loop and shuffle: Pulse plays each post once, in order; it says so rather than pretend. */
export const PlaybackModeHandler: RequestHandler = {
  canHandle: (input) => MODES.some(([intent]) => isIntent(input, intent)),
  handle(input) {
    const conversation = conversationOf(input);
    const [, key] = MODES.find(([intent]) => isIntent(input, intent))!;
    return say(input, conversation, key);
  },
};
