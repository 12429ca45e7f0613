/**
 * The sweeper, run on a schedule: a post PROCESSING for longer than any render can take has
 * lost its announcement (a crash, a dead letter nobody read): it is announced again, or FAILED
 * once its render attempts or re-announcements are spent. Nothing stays PROCESSING for ever.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Announce } from './announcement';
import type { PostsConfig } from './config';
import type { PostsRepository } from './repository';

export interface SweepDependencies {
  readonly config: PostsConfig;
  readonly posts: PostsRepository;
  readonly announce: Announce;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface SweepOutcome {
  /** Posts announced again. */
  readonly reannounced: string[];
  /** Posts marked FAILED. */
  readonly failed: string[];
}

/** A post announced again this often without any render finishing it is given up. */
export const MAX_SWEEPS = 2;
/** Posts looked at per run; a backlog is taken over the next runs. */
const POSTS_PER_RUN = 100;

export function createSweeper({
  config,
  posts,
  announce,
  logger,
  now = () => new Date(),
}: SweepDependencies) {
  return async (): Promise<SweepOutcome> => {
    const outcome: SweepOutcome = { reannounced: [], failed: [] };
    const startedAt = now();
    const stuck = await posts.pendingSince(
      new Date(startedAt.getTime() - config.stuckAfterMs),
      POSTS_PER_RUN,
    );
    const minutes = Math.round(config.stuckAfterMs / 60_000);
    for (const pending of stuck) {
      const post = await posts.get(pending.postId);
      if (post?.status !== 'PROCESSING' || post.updatedAt !== pending.updatedAt) continue;
      const sweeps = post.sweeps ?? 0;
      if (post.renderAttempts >= config.maxRenderAttempts || sweeps >= MAX_SWEEPS) {
        const failed = await posts.fail(
          post.postId,
          {
            code: 'RenderStuck',
            message: `no render finished it: PROCESSING for over ${minutes} minutes after ${post.renderAttempts} render attempts and ${sweeps} re-announcements`,
          },
          now(),
          pending,
        );
        if (failed) outcome.failed.push(post.postId);
        continue;
      }
      // Touched first: another sweep run meanwhile leaves it alone, and a failed publish is
      // retried at the next sweep after the bound.
      if (!(await posts.markSwept(post.postId, pending, now()))) continue;
      try {
        await announce(post.postId);
        outcome.reannounced.push(post.postId);
      } catch (error) {
        logger.error('could not announce a stuck post again; the next sweep tries again', {
          postId: post.postId,
          error: error as Error,
        });
      }
    }
    if (outcome.reannounced.length + outcome.failed.length > 0)
      logger.warn('swept posts stuck PROCESSING', { ...outcome });
    return outcome;
  };
}
