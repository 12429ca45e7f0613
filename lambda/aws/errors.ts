/** The errors of the AWS layer: a dependency call that failed, and a function's settings that do not hold. */
import { PulseError } from '../../domain/errors';

export type Dependency = 'dynamodb' | 'iot-data' | 'sns' | 'secretsmanager';

export type DependencyFailure = 'timeout' | 'unavailable' | 'rejected';

/** A dependency call failed: which one, which call, and how (timed out, unavailable, rejected). */
export class DependencyError extends PulseError {
  override readonly name = 'DependencyError';

  constructor(
    readonly dependency: Dependency,
    readonly failure: DependencyFailure,
    readonly operation: string,
    options: { cause: unknown },
  ) {
    super(`${dependency} ${operation} failed: ${failure}`, options);
  }
}

/** A function's environment does not hold valid settings: it cannot start until they are fixed. */
export class ConfigError extends PulseError {
  override readonly name = 'ConfigError';
}
