/** What a user may change on a station by voice: the allow-list of desired-state fields and values. */
import * as z from 'zod/mini';
import { LIGHT_STATES } from './vocabulary';
import './zodMessages';

/** Reporting intervals, in seconds, that the stations' firmware supports. */
export const REPORTING_INTERVALS_SECONDS = [10, 30, 60, 300, 900] as const;

export const desiredChangeSchema = z.union([
  z.strictObject({ light: z.enum(LIGHT_STATES) }),
  z.strictObject({
    reportingIntervalSeconds: z.number().check(
      z.refine((s) => isAllowedReportingInterval(s), {
        message: `reporting interval must be one of ${REPORTING_INTERVALS_SECONDS.join(', ')} seconds`,
      }),
    ),
  }),
]);

export type DesiredChange = z.infer<typeof desiredChangeSchema>;

export function isAllowedReportingInterval(seconds: number): boolean {
  return (REPORTING_INTERVALS_SECONDS as readonly number[]).includes(seconds);
}
