/** Public API of the local Kinesis stand-in: kinesalite, its client, streams, and Lambda event source mappings. */
export { startKinesis, type LocalKinesis, type LocalKinesisOptions } from './server';
export { ensureStreams, kinesisClient, openShards, reshard } from './client';
export { startEventSourceMapping } from './eventSourceMapping';
export type {
  DiscardedBatchInfo,
  EventSourceMapping,
  EventSourceMappingOptions,
  EventSourceMappingStats,
  ShardStats,
  StartingPosition,
} from './types';
export {
  type KinesisEventHandler,
  type KinesisTumblingWindowEvent,
  type KinesisTumblingWindowHandler,
  type WindowState,
} from './contract';
