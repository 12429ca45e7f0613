/** Event source mapping checkpoints: the last processed sequence number of every shard, kept on disk and written atomically. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CheckpointFileError } from './errors';

const checkpointFile = z.object({
  version: z.literal(1),
  streamName: z.string(),
  /** Shard ID to the sequence number of the last record processed; resuming reads AFTER it. */
  shards: z.record(z.string(), z.string().regex(/^\d+$/)),
});

/** The checkpoints saved for `streamName`, empty when the file does not exist yet. */
function loadCheckpoints(file: string, streamName: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  let saved: z.infer<typeof checkpointFile>;
  try {
    saved = checkpointFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    // Starting over from the starting position would silently replay or skip the stream.
    throw new CheckpointFileError(`Cannot read Kinesis checkpoints from ${file}`, { cause: error });
  }
  if (saved.streamName !== streamName)
    throw new CheckpointFileError(
      `${file} holds checkpoints of stream ${saved.streamName}, not ${streamName}: give each mapping its own file`,
    );
  return new Map(Object.entries(saved.shards));
}

/** Writes to a temporary file and renames it, so a crash leaves the previous checkpoints, never half a file. */
function saveCheckpoints(
  file: string,
  streamName: string,
  checkpoints: ReadonlyMap<string, string>,
): void {
  const content: z.infer<typeof checkpointFile> = {
    version: 1,
    streamName,
    shards: Object.fromEntries(checkpoints),
  };
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`);
  renameSync(temporary, file);
}

/** One mapping's checkpoints: in memory, and saved to its file (when it has one) on every change. */
export class Checkpoints {
  private readonly saved: Map<string, string>;

  constructor(
    private readonly file: string | undefined,
    private readonly streamName: string,
  ) {
    this.saved = file === undefined ? new Map() : loadCheckpoints(file, streamName);
  }

  get(shardId: string): string | undefined {
    return this.saved.get(shardId);
  }

  set(shardId: string, sequenceNumber: string): void {
    this.saved.set(shardId, sequenceNumber);
    this.save();
  }

  forget(shardId: string): void {
    this.saved.delete(shardId);
    this.save();
  }

  save(): void {
    if (this.file !== undefined) saveCheckpoints(this.file, this.streamName, this.saved);
  }
}
