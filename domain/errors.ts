/** The common base of Pulse's own errors: every module's errors extend it, so a caller or a log can tell ours from the platform's. */
export class PulseError extends Error {
  override readonly name: string = 'PulseError';
}
