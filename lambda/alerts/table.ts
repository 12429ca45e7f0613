/** The alerts table design: a user's alerts in one partition, and an index of every alert on a subject for evaluation. */
import type { AlertSubject } from './types';

export const ALERTS_TABLE = {
  /** One partition per Alexa user: listing and deleting a user's alerts is one Query. */
  partitionKey: { name: 'userId', type: 'S' },
  sortKey: { name: 'alertId', type: 'S' },
  /**
   * Every alert on one subject (a station's sensor type, or the players), whoever set it: what an
   * evaluation reads after a rollup is written. It projects everything, so that an evaluation
   * judges from the index alone, and only a change of state touches the table.
   */
  subjectIndex: {
    name: 'bySubject',
    partitionKey: { name: 'subject', type: 'S' },
    sortKey: { name: 'userId', type: 'S' },
  },
} as const;

export const DEFAULT_ALERTS_TABLE = 'pulse-alerts';

/** The index key of a subject: `players`, or `sensor#<station ID>#<sensor type>`. */
export function subjectKey(subject: AlertSubject): string {
  return subject.kind === 'players' ? 'players' : `sensor#${subject.stationId}#${subject.sensor}`;
}
