/** The errors of station devices: a shadow Pulse cannot read, a change it may not ask for. */
import { PulseError } from '../../domain/errors';

/** The IoT data plane returned something that is not a classic shadow document. */
export class MalformedShadowError extends PulseError {
  override readonly name = 'MalformedShadowError';

  constructor(
    readonly stationId: string,
    problem: string,
  ) {
    super(`the shadow of station ${stationId} is not a shadow document: ${problem}`);
  }
}

/** A desired-state change outside the allow-list (domain/settings.ts); nothing was written. */
export class DisallowedChangeError extends PulseError {
  override readonly name = 'DisallowedChangeError';

  constructor(problem: string) {
    super(`not a change a station may be asked for: ${problem}`);
  }
}
