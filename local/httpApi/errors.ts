/** The local HTTP API's errors. */
import { PulseError } from '../../domain/errors';

/** A route the HTTP API cannot serve as given: a malformed or repeated route key, or authorization without a token. */
export class RouteError extends PulseError {
  override readonly name = 'RouteError';
}
