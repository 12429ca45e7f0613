/**
 * Tumbling-window delivery: the shard's records grouped into windows by arrival time, the
 * handler's state carried from one invocation of a window to the next, a final invoke once the
 * window is over, and the window's records checkpointed only when that final invoke succeeds.
 */
import {
  MAX_WINDOW_STATE_BYTES,
  readWindowResponse,
  stateBytes,
  windowBoundary,
  windowStartMs,
  type WindowState,
} from './contract';
import { plainBatch, type Batch, type Delivery, type Outcome } from './delivery';
import type { PendingRecord, ShardReader } from './shardReader';

/**
 * Records of a window that arrive up to this long after its end may still be on their way into
 * the shard: kinesalite stamps a record before its write completes, and on a busy machine the
 * write can lag; Kinesis too makes records readable a moment after their arrival time.
 */
const WINDOW_CLOSE_GRACE_MS = 1000;

interface OpenWindow {
  readonly startMs: number;
  readonly endMs: number;
  state: WindowState;
  /** Last record of the window handled so far: the checkpoint once the final invoke succeeds. */
  lastSequenceNumber?: string;
  /** The state outgrew 1 MB: the next invoke ends this part of the window. */
  terminateEarly: boolean;
}

export interface TumblingWindowsOptions {
  readonly windowSeconds: number;
  readonly shardId: string;
  readonly eventSourceArn: string;
  readonly checkpoint: (sequenceNumber: string) => void;
  /** A window's final invoke succeeded. */
  readonly windowClosed: () => void;
}

export class TumblingWindows implements Delivery {
  private window: OpenWindow | undefined;

  constructor(private readonly options: TumblingWindowsOptions) {}

  private startOf(record: PendingRecord | undefined): number {
    return record === undefined
      ? Number.POSITIVE_INFINITY
      : windowStartMs(record.arrivalMs, this.options.windowSeconds);
  }

  nextBatch(reader: ShardReader, batchSize: number): Batch | 'idle' | 'finished' {
    const { buffer } = reader;
    if (this.window === undefined) {
      const first = buffer[0];
      if (first === undefined) return reader.ended ? 'finished' : 'idle';
      const startMs = this.startOf(first);
      this.window = {
        startMs,
        endMs: startMs + this.options.windowSeconds * 1000,
        state: {},
        terminateEarly: false,
      };
    }
    const window = this.window;
    if (window.terminateEarly) return { records: [], final: true, terminatedEarly: true };
    // A record stamped earlier than the open window (clock steps back) joins it: closed windows stay closed.
    let inWindow = 0;
    while (this.startOf(buffer[inWindow]) <= window.startMs) inWindow += 1;
    if (inWindow > batchSize) return plainBatch(buffer.slice(0, batchSize));
    const over =
      inWindow < buffer.length ||
      reader.ended ||
      (reader.tipSeenAt ?? Number.NEGATIVE_INFINITY) >= window.endMs + WINDOW_CLOSE_GRACE_MS;
    if (over) return { records: buffer.slice(0, inWindow), final: true, terminatedEarly: false };
    if (inWindow > 0) return plainBatch(buffer.slice(0, inWindow));
    return 'idle';
  }

  /** Idle: poll again after the poll interval, or as soon as the open window can close. */
  idleSleepMs(pollIntervalMs: number): number {
    if (this.window === undefined) return pollIntervalMs;
    const untilClose = this.window.endMs + WINDOW_CLOSE_GRACE_MS - Date.now();
    return Math.max(1, Math.min(pollIntervalMs, untilClose));
  }

  event(batch: Batch) {
    // Lambda sends a fresh JSON document each time: a handler that mutates its event cannot change a retry.
    const Records = batch.records.map((pending) => structuredClone(pending.record));
    const window = this.window;
    // nextBatch opened the window of every batch it handed out.
    if (window === undefined) return { Records };
    return {
      Records,
      window: { start: windowBoundary(window.startMs), end: windowBoundary(window.endMs) },
      // A copy: the handler may mutate its event, the mapping's state only changes by what it returns.
      state: structuredClone(window.state),
      shardId: this.options.shardId,
      eventSourceARN: this.options.eventSourceArn,
      isFinalInvokeForWindow: batch.final,
      isWindowTerminatedEarly: batch.terminatedEarly,
    };
  }

  outcome(response: unknown, sequenceNumbers: readonly string[]): Outcome {
    return readWindowResponse(response, sequenceNumbers);
  }

  done(records: readonly PendingRecord[]): void {
    const last = records.at(-1);
    if (last === undefined) return;
    if (this.window) this.window.lastSequenceNumber = last.sequenceNumber;
    else this.options.checkpoint(last.sequenceNumber);
  }

  succeeded(batch: Batch, state: WindowState | undefined): void {
    const window = this.window;
    if (window === undefined || state === undefined) return;
    if (!batch.final) {
      window.state = state;
      window.terminateEarly = stateBytes(state) > MAX_WINDOW_STATE_BYTES;
      return;
    }
    this.closeWindowPart(window, batch.terminatedEarly);
    if (!batch.terminatedEarly) this.options.windowClosed();
  }

  partlySucceeded(state: WindowState | undefined): void {
    if (this.window && state) this.window.state = state;
  }

  /** A final invoke given up closes its window without it: the state is dropped. */
  discarded(batch: Batch): void {
    if (this.window && batch.final) this.closeWindowPart(this.window, batch.terminatedEarly);
  }

  emptyBatchKey(batch: Batch): string {
    return `final:${this.window?.startMs ?? 'none'}:${batch.terminatedEarly}`;
  }

  windowInfo(batch: Batch) {
    const window = this.window;
    return window
      ? {
          window: {
            start: windowBoundary(window.startMs),
            end: windowBoundary(window.endMs),
            isFinalInvokeForWindow: batch.final,
          },
        }
      : {};
  }

  /** An open window whose end had not passed at `since` holds nothing back yet. */
  drainedSince(since: number): boolean {
    return this.window === undefined || this.window.endMs > since;
  }

  stats() {
    return this.window === undefined
      ? {}
      : {
          openWindow: {
            start: windowBoundary(this.window.startMs),
            end: windowBoundary(this.window.endMs),
          },
        };
  }

  /** After a final invoke: checkpoint the window's records, then a fresh state (same window if it was terminated early). */
  private closeWindowPart(window: OpenWindow, terminatedEarly: boolean): void {
    if (window.lastSequenceNumber !== undefined) this.options.checkpoint(window.lastSequenceNumber);
    if (terminatedEarly) {
      window.state = {};
      window.terminateEarly = false;
    } else {
      this.window = undefined;
    }
  }
}
