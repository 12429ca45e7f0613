/** Per-call deadlines: a dependency call that hangs or fails comes back as a DependencyError saying how. */
import { DependencyError, type Dependency, type DependencyFailure } from './errors';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

function classify(error: unknown, signal: AbortSignal): DependencyFailure {
  if (signal.aborted) return 'timeout';
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.name === 'TimeoutError' || code === 'ETIMEDOUT') return 'timeout';
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return 'unavailable';
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== undefined && status >= 500) return 'unavailable';
  }
  return 'rejected';
}

function rejectWhenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * Runs one dependency call under a deadline. The call gets an AbortSignal that fires at the
 * deadline; whatever goes wrong comes back as a DependencyError saying which call and how.
 */
export async function withDeadline<T>(
  dependency: Dependency,
  operation: string,
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
  isExpected: (error: unknown) => boolean = () => false,
): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // The SDK honours the signal on the wire, but not during its retry back-off: race it too.
    return await Promise.race([call(signal), rejectWhenAborted(signal)]);
  } catch (error) {
    if (isExpected(error)) throw error;
    throw new DependencyError(dependency, classify(error, signal), operation, { cause: error });
  }
}
