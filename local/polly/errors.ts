/** The Polly emulator's errors: Polly's error answers (the exception names the SDK maps to typed classes, and their HTTP statuses), and the synthesizer's own. */
import { PulseError } from '../../domain/errors';

/**
 * Status per error type, as Polly's service model declares them (the SDK's error schemas carry the
 * same numbers). The SDK picks the exception class from the `x-amzn-ErrorType` header, so the name
 * must be spelled exactly as here.
 */
export const POLLY_ERROR_STATUS = Object.freeze({
  ValidationException: 400,
  TextLengthExceededException: 400,
  InvalidSsmlException: 400,
  EngineNotSupportedException: 400,
  LanguageNotSupportedException: 400,
  InvalidSampleRateException: 400,
  MarksNotSupportedForFormatException: 400,
  SsmlMarksNotSupportedForTextTypeException: 400,
  InvalidNextTokenException: 400,
  LexiconNotFoundException: 404,
  // Polly answers throttling with 400, not 429 (its quotas page and the SDK's error schema agree).
  ThrottlingException: 400,
  ServiceQuotaExceededException: 402,
  ServiceFailureException: 500,
  UnknownOperationException: 404,
} as const);

export type PollyErrorType = keyof typeof POLLY_ERROR_STATUS;

/** What a fault injected with failNext says when the caller gives no message. */
export const INJECTED_MESSAGES: Readonly<Record<PollyErrorType, string>> = Object.freeze({
  ValidationException: 'Injected validation failure',
  TextLengthExceededException: 'Injected text length failure',
  InvalidSsmlException: 'Injected SSML failure',
  EngineNotSupportedException: 'Injected engine failure',
  LanguageNotSupportedException: 'Injected language failure',
  InvalidSampleRateException: 'Injected sample rate failure',
  MarksNotSupportedForFormatException: 'Injected speech marks failure',
  SsmlMarksNotSupportedForTextTypeException: 'Injected SSML marks failure',
  InvalidNextTokenException: 'Injected next token failure',
  LexiconNotFoundException: 'Injected lexicon failure',
  ThrottlingException: 'Rate exceeded',
  ServiceQuotaExceededException: 'Injected quota failure',
  ServiceFailureException: 'Internal service failure (injected by the local Polly emulator)',
  UnknownOperationException: 'Injected unknown operation',
});

/** Members some exceptions carry besides the message (ValidationException's reason and fields). */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** An error Polly answers with; its name is the exception's, as the SDK reports it. */
export class PollyError extends PulseError {
  override readonly name: PollyErrorType;
  readonly type: PollyErrorType;
  readonly status: number;
  readonly details: ErrorDetails;

  constructor(type: PollyErrorType, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = type;
    this.type = type;
    this.status = POLLY_ERROR_STATUS[type];
    this.details = details;
  }
}

export function isPollyErrorType(value: string): value is PollyErrorType {
  return Object.hasOwn(POLLY_ERROR_STATUS, value);
}

/** The espeak-ng workers failed: one could not start, died, or answered something unusable. */
export class SynthesizerError extends PulseError {
  override readonly name = 'SynthesizerError';
}
