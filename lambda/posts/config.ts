/** Settings of the posts service (API, render, the skill's playback), read from the environment and checked. */
import * as v from 'valibot';
import { nameVariable, readEnvironment, wholeNumberVariable } from '../aws/environment';
import { DEFAULT_POSTS_BUCKET, DEFAULT_POSTS_TABLE } from './table';

const name = (fallback: string) => v.optional(nameVariable(), fallback);

const environment = v.object({
  POSTS_TABLE: name(DEFAULT_POSTS_TABLE),
  POSTS_BUCKET: name(DEFAULT_POSTS_BUCKET),
  /** The SNS topic new posts are announced on; the API needs it, readers do not. */
  POSTS_TOPIC_ARN: v.optional(v.pipe(v.string(), v.startsWith('arn:'))),
  /** The Polly engine posts are rendered with unless a post asks for another. */
  PULSE_POLLY_ENGINE: v.optional(v.picklist(['standard', 'neural']), 'standard'),
  /** SynthesizeSpeech calls in flight per render; by default sized to the engine's rate limit. */
  PULSE_POLLY_CONCURRENCY: v.optional(wholeNumberVariable(1, 64)),
  /** Render attempts (SNS deliveries and Lambda retries together) before a post is FAILED. */
  PULSE_RENDER_MAX_ATTEMPTS: v.optional(wholeNumberVariable(1, 20), 3),
  /**
   * A post PROCESSING this long without any render touching it is swept: announced again, or
   * FAILED once its attempts are spent. Longer than one attempt can take (the render's timeout
   * plus Lambda's retry delay).
   */
  PULSE_POST_STUCK_MINUTES: v.optional(wholeNumberVariable(10, 1440), 15),
  /** How long a presigned audio URL stays valid. */
  PULSE_AUDIO_URL_SECONDS: v.optional(wholeNumberVariable(60, 604800), 3600),
});

export interface PostsConfig {
  readonly table: string;
  readonly bucket: string;
  readonly topicArn?: string;
  readonly engine: 'standard' | 'neural';
  /** SynthesizeSpeech calls in flight per render, by the post's engine. */
  readonly pollyConcurrency: Readonly<Record<'standard' | 'neural', number>>;
  readonly maxRenderAttempts: number;
  readonly stuckAfterMs: number;
  readonly audioUrlSeconds: number;
}

/** The render function's timeout in AWS, which the local stack gives its context too. */
export const RENDER_TIMEOUT_SECONDS = 300;

/**
 * Polly allows 80 SynthesizeSpeech calls a second on the standard engine and 8 on neural (per
 * account and region); a render keeps about a tenth of that in flight, leaving room for others.
 */
const DEFAULT_CONCURRENCY = { standard: 8, neural: 2 } as const;

export function readPostsConfig(env: NodeJS.ProcessEnv = process.env): PostsConfig {
  const e = readEnvironment(environment, env, 'posts');
  return {
    table: e.POSTS_TABLE,
    bucket: e.POSTS_BUCKET,
    ...(e.POSTS_TOPIC_ARN === undefined ? {} : { topicArn: e.POSTS_TOPIC_ARN }),
    engine: e.PULSE_POLLY_ENGINE,
    pollyConcurrency: {
      standard: e.PULSE_POLLY_CONCURRENCY ?? DEFAULT_CONCURRENCY.standard,
      neural: e.PULSE_POLLY_CONCURRENCY ?? DEFAULT_CONCURRENCY.neural,
    },
    maxRenderAttempts: e.PULSE_RENDER_MAX_ATTEMPTS,
    stuckAfterMs: e.PULSE_POST_STUCK_MINUTES * 60_000,
    audioUrlSeconds: e.PULSE_AUDIO_URL_SECONDS,
  };
}
