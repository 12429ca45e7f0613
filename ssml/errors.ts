/** The one error type ssml/ throws for SSML that a target would refuse, carrying every problem found. */

export class SsmlError extends Error {
  readonly issues: readonly string[];

  constructor(issues: readonly string[], summary = 'Invalid SSML') {
    super(`${summary}: ${issues.join('; ')}`);
    this.name = 'SsmlError';
    this.issues = Object.freeze([...issues]);
  }
}
