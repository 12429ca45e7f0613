/** Public API of the local Kinesis stand-in: kinesalite, its client, streams, and Lambda event source mappings. */
export { startKinesis, type LocalKinesis, type LocalKinesisOptions } from './server';
export { ensureStreams, kinesisClient, openShards, reshard } from './client';
export * from './eventSourceMapping';
export { StreamNotActiveError } from './errors';
