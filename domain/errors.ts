/** The common base of Pulse's own errors: every module's errors extend it, so a caller or a log can tell ours from the platform's. */
export class PulseError extends Error {
  override readonly name: string = 'PulseError';
}

/** A station catalog that cannot be used: a malformed entry, a repeated id, a name meaning two stations. */
export class CatalogError extends PulseError {
  override readonly name = 'CatalogError';

  constructor(problem: string) {
    super(`station catalog: ${problem}`);
  }
}
