/** Public API of the local Kinesis stand-in: kinesalite, its client, streams, and Lambda event source mappings. */
export { startKinesis, type LocalKinesis, type LocalKinesisOptions } from './server';
export { ensureStreams, kinesisClient, openShards, reshard } from './client';
export {
  startEventSourceMapping,
  type DiscardedBatchInfo,
  type EventSourceMapping,
  type EventSourceMappingOptions,
  type EventSourceMappingStats,
  type ShardStats,
  type StartingPosition,
} from './eventSourceMapping';
export {
  type KinesisEventHandler,
  type KinesisTumblingWindowEvent,
  type KinesisTumblingWindowHandler,
  type WindowState,
} from './contract';
