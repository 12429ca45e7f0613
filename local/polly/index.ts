/** Public API of the local Amazon Polly emulator (espeak-ng speaks; a devDependency, never bundled into a Lambda). */
export { startPolly, type PollyEmulator, type PollyOptions, type PollyStats } from './pollyService';
export { POLLY_RATE_LIMITS, type RateLimit, type ThrottleOptions } from './faults';
export { POLLY_ERROR_STATUS, type PollyErrorType } from './errors';
export { MAX_BILLED_CHARACTERS, MAX_TOTAL_CHARACTERS } from './requests';
export { espeakVoiceFor } from './voices';
