/**
 * The AudioPlayer's built-in intents beyond pause and resume, and the device's Next and Previous
 * buttons: move through the posts, start one over, repeat, and say honestly what Pulse's player
 * does not do (it plays one post at a time, in order, newest first: no loop, no shuffle).
 */
import type { HandlerInput, RequestHandler } from 'ask-sdk-core';
import type { Response } from 'ask-sdk-model';
import { Intent, type IntentName } from '../../../domain/names';
import { answer } from '../answer';
import type { MessageKey } from '../i18n';
import { SEARCHED_POSTS, audioUrl, isPlayable, playOnDevice, type PlayablePost } from '../playing';
import { lastAnswer } from '../request/lastAnswer';
import { isIntent, isRequestType, playerState } from '../request/requests';
import type { SkillDependencies } from '../services';
import type { Voice } from '../voice';

const MODES: readonly (readonly [IntentName, MessageKey])[] = [
  [Intent.LoopOn, 'playback.loopOn'],
  [Intent.LoopOff, 'playback.loopOff'],
  [Intent.ShuffleOn, 'playback.shuffleOn'],
  [Intent.ShuffleOff, 'playback.shuffleOff'],
];

export function playbackHandlers({
  posts,
  postAudio,
  voiceOf,
}: Pick<SkillDependencies, 'posts' | 'postAudio' | 'voiceOf'>): RequestHandler[] {
  const say = (input: HandlerInput, voice: Voice, key: MessageKey): Response =>
    answer(input, voice, { sentences: [voice.t(key)] });

  /** Plays a post on the device from its start; spoken requests hear which post it is. */
  async function play(
    input: HandlerInput,
    voice: Voice,
    post: PlayablePost,
    spoken: MessageKey,
  ): Promise<Response> {
    const url = await audioUrl(postAudio, post);
    return answer(input, voice, {
      sentences: [voice.t(spoken, { title: post.title })],
      directives: [playOnDevice(post, url)],
      endSession: true,
    });
  }

  /** The post the device holds (playing, paused or finished), if it is still one that plays. */
  async function postInPlayer(input: HandlerInput): Promise<PlayablePost | undefined> {
    const token = playerState(input)?.token;
    const post = token ? await posts.get(token) : undefined;
    return isPlayable(post) ? post : undefined;
  }

  /** Next goes to the next older post in the list ("your latest posts are …"), Previous to the newer one. */
  async function step(input: HandlerInput, direction: 1 | -1): Promise<Response> {
    const voice = voiceOf(input);
    const token = playerState(input)?.token;
    if (!token) return say(input, voice, 'playback.nothingPlaying');
    const playable = (await posts.list({ limit: SEARCHED_POSTS })).posts.filter(isPlayable);
    const index = playable.findIndex((post) => post.postId === token);
    if (index < 0) return say(input, voice, 'playback.notFound');
    const target = playable[index + direction];
    if (!target) {
      return say(input, voice, direction === 1 ? 'playback.noNext' : 'playback.noPrevious');
    }
    return play(input, voice, target, 'posts.playing');
  }

  const Next: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, Intent.Next) || isRequestType(input, 'PlaybackController.NextCommandIssued'),
    handle: (input) => step(input, 1),
  };

  const Previous: RequestHandler = {
    canHandle: (input) =>
      isIntent(input, Intent.Previous) ||
      isRequestType(input, 'PlaybackController.PreviousCommandIssued'),
    handle: (input) => step(input, -1),
  };

  const StartOver: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.StartOver),
    async handle(input) {
      const voice = voiceOf(input);
      const post = await postInPlayer(input);
      if (!post) return say(input, voice, 'playback.nothingPlaying');
      return play(input, voice, post, 'playback.startOver');
    },
  };

  /** In a conversation, says the last answer again; with a post in the player, plays it again. */
  const Repeat: RequestHandler = {
    canHandle: (input) => isIntent(input, Intent.Repeat),
    async handle(input) {
      const voice = voiceOf(input);
      const last = lastAnswer(input);
      if (last) return answer(input, voice, { again: last });
      const post = await postInPlayer(input);
      if (post) return play(input, voice, post, 'playback.startOver');
      return say(input, voice, 'playback.nothingToRepeat');
    },
  };

  /** Loop and shuffle: Pulse plays each post once, in order; it says so rather than pretend. */
  const PlaybackMode: RequestHandler = {
    canHandle: (input) => MODES.some(([intent]) => isIntent(input, intent)),
    handle(input) {
      const [, key] = MODES.find(([intent]) => isIntent(input, intent))!;
      return say(input, voiceOf(input), key);
    },
  };

  return [Next, Previous, StartOver, Repeat, PlaybackMode];
}
