/** Lambda entry point of aggregate (Kinesis event source with tumbling windows); loading it calls nothing. */
import type { Context, KinesisStreamTumblingWindowEvent } from 'aws-lambda';
import { createAggregateHandler, type AggregateHandler } from './aggregate';
import { ingestDependencies } from './ingestDependencies';

let aggregate: AggregateHandler | undefined;

export async function handler(event: KinesisStreamTumblingWindowEvent, context: Context) {
  aggregate ??= createAggregateHandler(ingestDependencies('aggregate'));
  return aggregate(event, context);
}
