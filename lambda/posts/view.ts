/** A post as the ways in show it: what it is, where it stands, and a presigned URL of its audio once it is COMPLETED. */
import type { AudioUrls } from './audioUrls';
import type { Post, PostStatus } from './repository';

export interface PostView {
  readonly postId: string;
  readonly title: string;
  readonly voice: string;
  readonly locale: string;
  readonly status: PostStatus;
  /** Presigned, valid for the configured time; only once COMPLETED. */
  readonly audioUrl?: string;
  readonly durationSeconds?: number;
  readonly characters: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Why it FAILED. */
  readonly error?: { readonly code: string; readonly message: string };
}

export async function postView(
  post: Post,
  audio: AudioUrls,
  audioUrlSeconds: number,
): Promise<PostView> {
  return {
    postId: post.postId,
    title: post.title,
    voice: post.voice,
    locale: post.locale,
    status: post.status,
    ...(post.status === 'COMPLETED' && post.audioKey
      ? { audioUrl: await audio.url(post.audioKey, audioUrlSeconds) }
      : {}),
    ...(post.durationSeconds === undefined ? {} : { durationSeconds: post.durationSeconds }),
    characters: post.characters,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    ...(post.error ? { error: post.error } : {}),
  };
}
