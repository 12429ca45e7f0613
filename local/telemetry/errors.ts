/** The errors of the simulation. */
import { PulseError } from '../../domain/errors';

/** Records the writer gave up on: PutRecords kept refusing them after every retry. */
export class RecordsDroppedError extends PulseError {
  override readonly name = 'RecordsDroppedError';
}
