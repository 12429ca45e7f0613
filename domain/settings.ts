/** What a user may change on a station by voice: the allow-list of desired-state fields and values. */
import * as v from 'valibot';
import { LIGHT_STATES } from './vocabulary';

/** Reporting intervals, in seconds, that the stations' firmware supports. */
export const REPORTING_INTERVALS_SECONDS = [10, 30, 60, 300, 900] as const;

export const desiredChangeSchema = v.union([
  v.strictObject({ light: v.picklist(LIGHT_STATES) }),
  v.strictObject({
    reportingIntervalSeconds: v.pipe(
      v.number(),
      v.check(
        (s) => isAllowedReportingInterval(s),
        `reporting interval must be one of ${REPORTING_INTERVALS_SECONDS.join(', ')} seconds`,
      ),
    ),
  }),
]);

export type DesiredChange = v.InferOutput<typeof desiredChangeSchema>;

export function isAllowedReportingInterval(seconds: number): boolean {
  return (REPORTING_INTERVALS_SECONDS as readonly number[]).includes(seconds);
}
