/** Public API of the local Lambda event source mapping for Kinesis: polls every shard and invokes a handler under Lambda's contract. */
export { startEventSourceMapping } from './mapping';
export type {
  DiscardedBatchInfo,
  EventSourceMapping,
  EventSourceMappingOptions,
  EventSourceMappingStats,
  ShardStats,
  StartingPosition,
} from './types';
export type {
  KinesisEventHandler,
  KinesisTumblingWindowEvent,
  KinesisTumblingWindowHandler,
  WindowState,
} from './contract';
export { CheckpointFileError, DrainError, IncompleteRecordError, InvocationError } from './errors';
