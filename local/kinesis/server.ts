/** Local Kinesis Data Streams: kinesalite in process on 127.0.0.1, in memory or persisted on LevelDB. */
import type { Server } from 'node:http';
import { serveOnLoopback } from '../loopback';

// kinesalite ships no types; this is the part of its API Pulse uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kinesalite = require('kinesalite') as (options: {
  path?: string;
  createStreamMs?: number;
  deleteStreamMs?: number;
  updateStreamMs?: number;
  shardLimit?: number;
}) => Server;

export interface LocalKinesis {
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes the LevelDB store, so the same `path` can be opened again. */
  close(): Promise<void>;
}

export interface LocalKinesisOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** LevelDB directory: streams and records survive a restart. Omitted keeps everything in memory. */
  path?: string;
  /**
   * Shards allowed across all streams. kinesalite's default of 10 runs out as soon as tests create
   * a stream each; 500 is the AWS default quota in the large regions.
   */
  shardLimit?: number;
}

/** Starts kinesalite; streams become ACTIVE (and are deleted or updated) without kinesalite's default 500 ms delays. */
export async function startKinesis(options: LocalKinesisOptions = {}): Promise<LocalKinesis> {
  const server = kinesalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    shardLimit: options.shardLimit ?? 500,
  });
  return serveOnLoopback(server, options.port);
}
