/** The simulated Echo's Alexa user and device from the environment: PULSE_ALEXA_USER_ID and PULSE_ALEXA_DEVICE_ID. */
import { z } from 'zod';
import { ConfigError } from '../../lambda/aws/errors';
import { readEnvironment } from '../../lambda/aws/environment';
import { identityProblems, type EchoIdentity } from './identity';

/** Unset or empty: the default. */
const optionalId = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));

const environment = z.object({
  /** The Alexa account as the skill sees it (context.System.user.userId). */
  PULSE_ALEXA_USER_ID: optionalId,
  /** The Echo as the skill sees it (context.System.device.deviceId). */
  PULSE_ALEXA_DEVICE_ID: optionalId,
});

/**
 * The ids set in the environment; what is not set stays the Echo's default, derived from the
 * skill id and so the same at every start: what a user set up in one session is theirs in the next.
 */
export function identityFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): Partial<EchoIdentity> {
  const e = readEnvironment(environment, env, 'simulated Echo');
  const identity = {
    ...(e.PULSE_ALEXA_USER_ID ? { userId: e.PULSE_ALEXA_USER_ID } : {}),
    ...(e.PULSE_ALEXA_DEVICE_ID ? { deviceId: e.PULSE_ALEXA_DEVICE_ID } : {}),
  };
  const problems = identityProblems(identity).map((problem) =>
    problem
      .replace('identity.userId', 'PULSE_ALEXA_USER_ID')
      .replace('identity.deviceId', 'PULSE_ALEXA_DEVICE_ID'),
  );
  if (problems.length > 0) {
    throw new ConfigError(`invalid simulated Echo configuration:\n${problems.join('\n')}`);
  }
  return identity;
}
