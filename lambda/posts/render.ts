/**
 * Rendering a post: split for Polly at sentence boundaries, synthesize PCM with a bounded pool that
 * backs off on throttling, encode one MP3 Alexa's <audio> accepts, store it, mark the post done.
 * Safe under repeated delivery: only a PROCESSING post is rendered, to the one key of that post.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { SynthesizeSpeechCommand, type PollyClient } from '@aws-sdk/client-polly';
import type { Context, SNSEvent } from 'aws-lambda';
import { SsmlError, splitForPolly } from '../../ssml';
import { fullJitterMs } from '../aws/backoff';
import { inPool } from '../aws/pool';
import { announcedPostId } from './announcement';
import { Mp3Stream, pcmDurationSeconds } from './audio';
import type { AudioStore } from './audioStore';
import type { PostsConfig } from './config';
import type { Post, PostsRepository } from './repository';
import { audioKeyOf } from './table';
import { PermanentRenderError, RenderDeadlineError } from './errors';

/** Polly renders PCM at 16 kHz (its only rates are 8 and 16 kHz); the MP3 keeps that rate. */
export const PCM_SAMPLE_RATE = 16000;

/** Errors no retry can fix: the post fails with Polly's reason. */
const PERMANENT_POLLY_ERRORS = new Set([
  'InvalidSsmlException',
  'TextLengthExceededException',
  'LanguageNotSupportedException',
  'EngineNotSupportedException',
  'InvalidSampleRateException',
  'MarksNotSupportedForFormatException',
  'SsmlMarksNotSupportedForTextTypeException',
  'LexiconNotFoundException',
  'ValidationException',
]);

/**
 * Time an attempt keeps back from the function's remaining time, to record its outcome (the
 * post COMPLETED, FAILED, or left for the next attempt) before Lambda's timeout ends it: a fifth
 * of the time, at most 10 s.
 */
export function renderReserveMs(remainingMs: number): number {
  return Math.min(10_000, remainingMs * 0.2);
}

export interface RenderDependencies {
  readonly config: PostsConfig;
  readonly posts: PostsRepository;
  readonly audio: AudioStore;
  readonly polly: PollyClient;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** SynthesizeSpeech attempts per piece before the render counts as failed for now. */
  readonly pieceAttempts?: number;
}

export type RenderOutcome = 'completed' | 'failed' | 'skipped';

/** Waits between SynthesizeSpeech attempts of a piece: up to 200 ms after the first, at most 5 s. */
const PIECE_BACKOFF = { baseMs: 100, maxMs: 5000 } as const;

export function createRenderer(deps: RenderDependencies) {
  const { config, posts, audio, polly, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const pieceAttempts = deps.pieceAttempts ?? 6;

  async function synthesize(post: Post, piece: string, signal: AbortSignal): Promise<Uint8Array> {
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      try {
        const { AudioStream } = await polly.send(
          new SynthesizeSpeechCommand({
            Text: piece,
            TextType: post.textType,
            VoiceId: post.voice as never,
            Engine: post.engine,
            OutputFormat: 'pcm',
            SampleRate: String(PCM_SAMPLE_RATE),
          }),
          { abortSignal: signal },
        );
        if (!AudioStream) throw new Error('Polly returned no audio stream');
        return await AudioStream.transformToByteArray();
      } catch (error) {
        signal.throwIfAborted();
        const name = error instanceof Error ? error.name : 'Error';
        if (PERMANENT_POLLY_ERRORS.has(name)) {
          throw new PermanentRenderError(name, (error as Error).message);
        }
        if (attempt >= pieceAttempts) throw error;
        // Throttling, 5xx and network errors pass: back off and try again.
        await Promise.race([
          sleep(fullJitterMs(attempt, PIECE_BACKOFF, random)),
          new Promise<never>((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
          ),
        ]);
      }
    }
  }

  async function render(
    post: Post,
    signal: AbortSignal,
  ): Promise<{ mp3: Buffer; durationSeconds: number }> {
    let pieces: string[];
    try {
      pieces = splitForPolly(post.text, post.textType, {
        locale: post.locale,
        engine: post.engine,
      });
    } catch (error) {
      if (error instanceof SsmlError) throw new PermanentRenderError('InvalidSsml', error.message);
      throw error;
    }
    if (pieces.length === 0)
      throw new PermanentRenderError('EmptyText', 'the post has nothing to say');
    // Each piece is encoded as soon as it and every piece before it have arrived, so encoding
    // overlaps waiting on Polly instead of following it.
    const mp3 = await Mp3Stream.create(PCM_SAMPLE_RATE);
    const arrived = new Map<number, Uint8Array>();
    let next = 0;
    await inPool([...pieces.keys()], config.pollyConcurrency[post.engine], async (index) => {
      arrived.set(index, await synthesize(post, pieces[index]!, signal));
      for (let pcm = arrived.get(next); pcm; pcm = arrived.get(next)) {
        mp3.write(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
        arrived.delete(next);
        next += 1;
      }
    });
    return { mp3: mp3.end(), durationSeconds: pcmDurationSeconds(mp3.samples, PCM_SAMPLE_RATE) };
  }

  async function renderClaimed(postId: string, signal: AbortSignal): Promise<RenderOutcome> {
    const claimed = await posts.claimRender(postId, now());
    if (!claimed) {
      logger.info('post not rendered: it is not PROCESSING (done already, or unknown)', {
        postId,
      });
      return 'skipped';
    }
    const key = audioKeyOf(postId);
    try {
      const { mp3, durationSeconds } = await render(claimed, signal);
      await audio.put(key, mp3, durationSeconds, signal);
      if (await posts.complete(postId, { audioKey: key, durationSeconds }, now()))
        return 'completed';
      // Another delivery finished first. If it ended FAILED, this audio must not linger.
      const current = await posts.get(postId);
      if (current?.status !== 'COMPLETED') await audio.remove(key);
      return 'skipped';
    } catch (caught) {
      // Whatever an aborted call threw, the cause is the deadline.
      const error: unknown = signal.aborted ? signal.reason : caught;
      if (error instanceof PermanentRenderError) {
        await posts.fail(postId, { code: error.code, message: error.message }, now());
        return 'failed';
      }
      if (error instanceof RenderDeadlineError) {
        logger.warn('render stopped before the function timed out', {
          postId,
          attempt: claimed.renderAttempts,
        });
        if (claimed.renderAttempts >= config.maxRenderAttempts) {
          await posts.fail(
            postId,
            {
              code: 'RenderTimedOut',
              message: `no attempt finished in time (${claimed.renderAttempts} attempts): ${error.message}`,
            },
            now(),
          );
          return 'failed';
        }
        // Left PROCESSING: the thrown error makes Lambda deliver it again.
        throw error;
      }
      if (claimed.renderAttempts >= config.maxRenderAttempts) {
        const message = error instanceof Error ? error.message : String(error);
        await posts.fail(
          postId,
          {
            code: 'RenderFailed',
            message: `gave up after ${claimed.renderAttempts} attempts: ${message}`,
          },
          now(),
        );
        return 'failed';
      }
      // A passing cause: throw, so the delivery is retried.
      throw error;
    }
  }

  return {
    /**
     * Renders the post if it is PROCESSING. With `remainingMs` (the Lambda context's remaining
     * time) the attempt stops itself before the function's timeout, keeping
     * `renderReserveMs` to record what became of the post.
     */
    async renderPost(postId: string, remainingMs?: number): Promise<RenderOutcome> {
      const deadline = new AbortController();
      const timer =
        remainingMs === undefined
          ? undefined
          : setTimeout(
              () =>
                deadline.abort(
                  new RenderDeadlineError(
                    `the render did not finish within ${Math.round((remainingMs - renderReserveMs(remainingMs)) / 1000)} s of the function's time`,
                  ),
                ),
              Math.max(0, remainingMs - renderReserveMs(remainingMs)),
            );
      try {
        return await renderClaimed(postId, deadline.signal);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export function createRenderHandler(deps: RenderDependencies) {
  const renderer = createRenderer(deps);
  return async (event: SNSEvent, context?: Context): Promise<void> => {
    for (const record of event.Records) {
      const postId = announcedPostId(record.Sns.Message);
      if (!postId) {
        deps.logger.error('announcement names no post; dropped', {
          messageId: record.Sns.MessageId,
          message: record.Sns.Message.slice(0, 200),
        });
        continue;
      }
      const outcome = await renderer.renderPost(postId, context?.getRemainingTimeInMillis());
      deps.logger.info('post rendered', { postId, outcome });
    }
  };
}
