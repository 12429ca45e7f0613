/** Posts on the device's player: which ones play, where their audio is, and the directive that plays one. */
import type { Post } from '../posts/repository';
import type { Directive } from './answer';
import type { SkillServices } from './services';

/** How many recent posts a title is looked for in, and Next and Previous move through. */
export const SEARCHED_POSTS = 50;

export type PlayablePost = Post & { readonly audioKey: string };

/** A post whose audio is ready. */
export function isPlayable(post: Post | undefined): post is PlayablePost {
  return post?.status === 'COMPLETED' && typeof post.audioKey === 'string' && post.audioKey !== '';
}

/** A presigned URL for the post's audio, fresh for each answer that plays it. */
export function audioUrl(
  { store, urlSeconds }: SkillServices['postAudio'],
  post: PlayablePost,
): Promise<string> {
  return store.url(post.audioKey, urlSeconds);
}

/** Plays the post on the device's player from `offsetMs`, replacing whatever it held. */
export function playOnDevice(post: Post, url: string, offsetMs = 0): Directive {
  return { type: 'AudioPlayer.Play', url, token: post.postId, offsetMs, title: post.title };
}
