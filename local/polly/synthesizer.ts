/** A small pool of espeak-ng worker threads: speaks text and encodes MP3 for the Polly emulator, one job per worker at a time. */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { SynthesizerError } from './errors';

export const ESPEAK_EVENT_TYPES = ['word', 'sentence', 'mark', 'phoneme', 'end'] as const;

/** One espeak event: `position` counts code points from 1 in the text espeak was given, `ms` is audio time. */
export interface EspeakEvent {
  type: (typeof ESPEAK_EVENT_TYPES)[number];
  position: number;
  length: number;
  ms: number;
  /** The mark name for marks, the IPA phoneme for phonemes, a counter for words and sentences. */
  id?: string | undefined;
}

export interface Speech {
  /** 16-bit mono samples at `sampleRate` (espeak speaks at 22050 Hz). */
  samples: Int16Array;
  sampleRate: number;
  events: EspeakEvent[];
}

export interface Synthesizer {
  /** Speaks `input` (espeak reads it as SSML) with an espeak voice name such as "en-us+f2". */
  speak(input: string, voice: string): Promise<Speech>;
  encodeMp3(samples: Int16Array, sampleRate: number, kbps: number): Promise<Uint8Array>;
  /** Rejects queued jobs and terminates every worker. */
  close(): Promise<void>;
}

const WORKER_FILE = join(__dirname, 'espeakWorker.mjs');

// Typed arrays arrive from another thread, and under jest the test's realm has its own
// Int16Array constructor, so `instanceof` would fail; the built-in tag does not.
function typedArray<T extends ArrayBufferView>(tag: string) {
  return z.custom<T>((value) => Object.prototype.toString.call(value) === `[object ${tag}]`, {
    message: `expected ${tag}`,
  });
}

const eventSchema = z.object({
  type: z.enum(ESPEAK_EVENT_TYPES),
  position: z.number(),
  length: z.number(),
  ms: z.number(),
  id: z.string().optional(),
});

const replySchema = z.union([
  z.object({ kind: z.literal('ready'), voices: z.number() }),
  z.object({ kind: z.literal('startFailed'), message: z.string() }),
  z.object({
    id: z.number(),
    ok: z.literal(true),
    samples: typedArray<Int16Array>('Int16Array'),
    sampleRate: z.number(),
    events: z.array(eventSchema),
  }),
  z.object({ id: z.number(), ok: z.literal(true), bytes: typedArray<Uint8Array>('Uint8Array') }),
  z.object({ id: z.number(), ok: z.literal(false), message: z.string() }),
]);

type Reply = z.infer<typeof replySchema>;
type JobReply = Extract<Reply, { id: number }>;

type JobMessage =
  | { kind: 'synthesize'; input: string; voice: string }
  | { kind: 'encodeMp3'; samples: Int16Array; sampleRate: number; kbps: number };

interface Job {
  message: JobMessage;
  resolve(reply: Extract<JobReply, { ok: true }>): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: { id: number; job: Job } | undefined;
}

export async function startSynthesizer(options: { workers?: number } = {}): Promise<Synthesizer> {
  const size = Math.max(1, Math.floor(options.workers ?? 1));
  const queue: Job[] = [];
  const slots = new Set<Slot>();
  let nextId = 1;
  let closing = false;
  // Set when a dead worker could not be replaced: with no worker left, jobs fail at once instead of waiting.
  let broken: Error | undefined;

  const dispatch = (): void => {
    for (const slot of slots) {
      if (!slot.ready || slot.job !== undefined) continue;
      const job = queue.shift();
      if (job === undefined) return;
      const id = nextId++;
      slot.job = { id, job };
      // Samples are copied, not transferred: the caller may still read them (pcm and mp3 alike).
      slot.worker.postMessage({ id, ...job.message });
    }
  };

  const settle = (slot: Slot, reply: JobReply): void => {
    const current = slot.job;
    if (current === undefined || current.id !== reply.id) return;
    slot.job = undefined;
    if (reply.ok) current.job.resolve(reply);
    else current.job.reject(new SynthesizerError(`espeak worker: ${reply.message}`));
    dispatch();
  };

  /** Starts one worker; resolves when espeak is loaded in it. A worker that dies is replaced. */
  const spawn = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_FILE);
      const slot: Slot = { worker, ready: false };
      slots.add(slot);
      worker.on('message', (raw: unknown) => {
        const parsed = replySchema.safeParse(raw);
        if (!parsed.success) {
          const failed = slot.job;
          slot.job = undefined;
          failed?.job.reject(
            new SynthesizerError(`espeak worker sent a malformed reply: ${parsed.error.message}`),
          );
          dispatch();
          return;
        }
        const reply = parsed.data;
        if ('kind' in reply) {
          if (reply.kind === 'ready') {
            slot.ready = true;
            resolve();
            dispatch();
          } else {
            reject(new SynthesizerError(`espeak worker could not start: ${reply.message}`));
          }
          return;
        }
        settle(slot, reply);
      });
      worker.on('error', (error) => {
        // An uncaught error ends the worker; 'exit' follows and cleans up.
        slot.job?.job.reject(error);
        slot.job = undefined;
        if (!slot.ready) reject(error);
      });
      worker.on('exit', (code) => {
        slots.delete(slot);
        slot.job?.job.reject(new SynthesizerError(`espeak worker exited with code ${code}`));
        slot.job = undefined;
        if (!slot.ready)
          reject(new SynthesizerError(`espeak worker exited with code ${code} while starting`));
        else if (!closing) {
          spawn().catch((error: unknown) => {
            // Nothing is waiting on a replacement; fail the queued jobs rather than leave them hanging.
            const reason = error instanceof Error ? error : new SynthesizerError(String(error));
            if (![...slots].some((other) => other.ready)) broken = reason;
            for (const job of queue.splice(0)) job.reject(reason);
          });
        }
      });
    });

  const run = (message: JobMessage): Promise<Extract<JobReply, { ok: true }>> =>
    new Promise((resolve, reject) => {
      if (closing || broken !== undefined) {
        reject(broken ?? new SynthesizerError('the synthesizer is closed'));
        return;
      }
      queue.push({ message, resolve, reject });
      dispatch();
    });

  const close = async (): Promise<void> => {
    closing = true;
    for (const job of queue.splice(0)) job.reject(new SynthesizerError('the synthesizer closed'));
    await Promise.all([...slots].map((slot) => slot.worker.terminate()));
  };

  try {
    await Promise.all(Array.from({ length: size }, spawn));
  } catch (error) {
    await close();
    throw error;
  }

  return {
    async speak(input, voice) {
      const reply = await run({ kind: 'synthesize', input, voice });
      if (!('samples' in reply))
        throw new SynthesizerError('espeak worker answered a synthesis with no audio');
      return { samples: reply.samples, sampleRate: reply.sampleRate, events: reply.events };
    },
    async encodeMp3(samples, sampleRate, kbps) {
      const reply = await run({ kind: 'encodeMp3', samples, sampleRate, kbps });
      if (!('bytes' in reply))
        throw new SynthesizerError('espeak worker answered an encoding with no bytes');
      return reply.bytes;
    },
    close,
  };
}
