/** Local DynamoDB: dynalite in process on 127.0.0.1, in memory or persisted on LevelDB. */
import type { Server } from 'node:http';
import { serveOnLoopback } from '../loopback';

// dynalite ships no types; this is the part of its API Pulse uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}) => Server;

export interface LocalDynamo {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts dynalite on 127.0.0.1; `path` persists tables across restarts, omitted keeps them in memory. */
export async function startDynamo(
  options: { port?: number; path?: string } = {},
): Promise<LocalDynamo> {
  const server = dynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  return serveOnLoopback(server, options.port);
}
