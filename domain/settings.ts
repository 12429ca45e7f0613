/** What a user may change on a station by voice: the allow-list of desired-state fields and values. */
import { z } from 'zod';
import { LIGHT_STATES } from './vocabulary';

/** Reporting intervals, in seconds, that the stations' firmware supports. */
export const REPORTING_INTERVALS_SECONDS = [10, 30, 60, 300, 900] as const;

export const desiredChangeSchema = z.union([
  z.object({ light: z.enum(LIGHT_STATES) }).strict(),
  z
    .object({
      reportingIntervalSeconds: z
        .number()
        .refine((s) => (REPORTING_INTERVALS_SECONDS as readonly number[]).includes(s), {
          message: `reporting interval must be one of ${REPORTING_INTERVALS_SECONDS.join(', ')} seconds`,
        }),
    })
    .strict(),
]);

export type DesiredChange = z.infer<typeof desiredChangeSchema>;

export function isAllowedReportingInterval(seconds: number): boolean {
  return (REPORTING_INTERVALS_SECONDS as readonly number[]).includes(seconds);
}
