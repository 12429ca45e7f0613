/** Public API of the local SNS: topics, Lambda subscriptions, Publish with asynchronous at-least-once delivery, kept on disk. */
export { startSns, MAX_MESSAGE_BYTES, type LocalSns, type SnsOptions } from './server';
export {
  type DeadLetter,
  type DeliveryRecord,
  type DeliveryStatus,
  type SnsLambdaHandler,
} from './delivery';
export { deadLetterQueueEvent, type DeadLetterConsumer } from './deadLetters';
export { LOCAL_ACCOUNT_ID } from './store';
export { InterruptedAttemptError, SnsError, SnsStateFileError, type SnsErrorCode } from './errors';
