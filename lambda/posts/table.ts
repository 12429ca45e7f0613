/** The posts table design: one item per post, and an index that lists them newest first. */

export const POSTS_TABLE = {
  partitionKey: { name: 'postId', type: 'S' },
  /** Every post sits in one feed partition of the index, sorted by creation time. */
  feedIndex: {
    name: 'byCreatedAt',
    partitionKey: { name: 'feed', type: 'S' },
    sortKey: { name: 'createdAt', type: 'S' },
  },
  /**
   * Only a post still PROCESSING carries `renderQueue`: a sparse index of those posts by their
   * last update, so that the sweeper finds the stuck ones without reading every post.
   */
  pendingIndex: {
    name: 'pendingByUpdatedAt',
    partitionKey: { name: 'renderQueue', type: 'S' },
    sortKey: { name: 'updatedAt', type: 'S' },
  },
} as const;

export const POSTS_FEED = 'posts';

/** The one value of `renderQueue`, set while a post is PROCESSING and removed when it ends. */
export const RENDER_QUEUE = 'pending';

export const DEFAULT_POSTS_TABLE = 'pulse-posts';
export const DEFAULT_POSTS_BUCKET = 'pulse-posts-audio';

/** Where a post's audio lives in the bucket: one key per post, so a re-render never makes a second file. */
export function audioKeyOf(postId: string): string {
  return `posts/${postId}.mp3`;
}
