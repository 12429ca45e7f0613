/** Lambda entry point of persist (Kinesis event source); loading it calls nothing. */
import type { Context, KinesisStreamEvent } from 'aws-lambda';
import { ingestDependencies } from './ingestDependencies';
import { createPersistHandler, type PersistHandler } from './persist';

let persist: PersistHandler | undefined;

export async function handler(event: KinesisStreamEvent, context: Context) {
  persist ??= createPersistHandler(ingestDependencies('persist'));
  return persist(event, context);
}
