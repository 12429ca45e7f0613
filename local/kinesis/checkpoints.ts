/** Event source mapping checkpoints on disk: the last processed sequence number of every shard, written atomically. */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const checkpointFile = z.object({
  version: z.literal(1),
  streamName: z.string(),
  /** Shard ID to the sequence number of the last record processed; resuming reads AFTER it. */
  shards: z.record(z.string(), z.string().regex(/^\d+$/)),
});

/** The checkpoints saved for `streamName`, empty when the file does not exist yet. */
export function loadCheckpoints(file: string, streamName: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  let saved: z.infer<typeof checkpointFile>;
  try {
    saved = checkpointFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    // Starting over from the starting position would silently replay or skip the stream.
    throw new Error(`Cannot read Kinesis checkpoints from ${file}`, { cause: error });
  }
  if (saved.streamName !== streamName)
    throw new Error(
      `${file} holds checkpoints of stream ${saved.streamName}, not ${streamName}: give each mapping its own file`,
    );
  return new Map(Object.entries(saved.shards));
}

/** Writes to a temporary file and renames it, so a crash leaves the previous checkpoints, never half a file. */
export function saveCheckpoints(
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
