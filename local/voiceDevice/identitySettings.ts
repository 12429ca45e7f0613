/** The simulated Echo's Alexa user and device from the environment: PULSE_ALEXA_USER_ID and PULSE_ALEXA_DEVICE_ID. */
import { z } from 'zod';
import { readEnvironment } from '../../lambda/aws/environment';
import { DEVICE_ID_PREFIX, USER_ID_PREFIX, type EchoIdentity } from './identity';

const ID_BODY = '[A-Za-z0-9_-]+';

function escaped(text: string): string {
  return text.replace(/\./g, '\\.');
}

/** Unset or empty: the default. */
const id = (prefix: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()))
    .refine(
      (value) => value === undefined || new RegExp(`^${escaped(prefix)}${ID_BODY}$`).test(value),
      {
        message: `must look like ${prefix}<letters, digits, "-" or "_">`,
      },
    );

const environment = z.object({
  /** The Alexa account as the skill sees it (context.System.user.userId). */
  PULSE_ALEXA_USER_ID: id(USER_ID_PREFIX),
  /** The Echo as the skill sees it (context.System.device.deviceId). */
  PULSE_ALEXA_DEVICE_ID: id(DEVICE_ID_PREFIX),
});

/**
 * The ids set in the environment; what is not set stays the Echo's default, derived from the
 * skill id and so the same at every start: what a user set up in one session is theirs in the next.
 */
export function identityFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Partial<EchoIdentity> {
  const e = readEnvironment(environment, env, 'simulated Echo');
  return {
    ...(e.PULSE_ALEXA_USER_ID ? { userId: e.PULSE_ALEXA_USER_ID } : {}),
    ...(e.PULSE_ALEXA_DEVICE_ID ? { deviceId: e.PULSE_ALEXA_DEVICE_ID } : {}),
  };
}
