/** Public API of the local S3: s3rver on the loopback interface, anonymous requests refused, and its clients. */
export { startS3, type LocalS3, type LocalS3Options } from './server';
export { ensureBucket, s3ClientConfigForLocal } from './client';
