/**
 * The skill's messaging credentials (client ID and secret), for Login with Amazon. In AWS the
 * secret lives in Secrets Manager, read at run time and kept for the life of the function's
 * instance; only the local stack passes it as a variable, for its emulator's made-up client.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { withDeadline } from '../aws/deadline';
import { NotificationsNotConfiguredError } from './errors';
import type { ClientCredentials } from './lwaTokens';
import type { NotifyConfig } from './notifyConfig';

/** What the template stores while the ASK CLI has passed no SkillClientSecret yet. */
export const UNSET_SECRET = 'none';

export interface CredentialsSource {
  get(): Promise<ClientCredentials>;
  /** Login with Amazon refused them (the secret was changed): read them again next time. */
  forget(): void;
}

export function clientCredentials(
  config: Pick<NotifyConfig, 'clientId' | 'clientSecret' | 'clientSecretArn'>,
  secrets: () => SecretsManagerClient,
  timeoutMs: number,
): CredentialsSource {
  let kept: Promise<ClientCredentials> | undefined;

  async function read(): Promise<ClientCredentials> {
    const { clientId, clientSecret, clientSecretArn } = config;
    if (!clientId)
      throw new NotificationsNotConfiguredError(
        'no skill messaging client ID (SkillClientId): deploy with `ask deploy` once the skill has credentials (see README, Proactive Events)',
      );
    if (clientSecret) return { clientId, clientSecret };
    if (!clientSecretArn)
      throw new NotificationsNotConfiguredError('no skill messaging client secret configured');
    const { SecretString } = await withDeadline(
      'secretsmanager',
      'GetSecretValue skill client secret',
      timeoutMs,
      (abortSignal) =>
        secrets().send(new GetSecretValueCommand({ SecretId: clientSecretArn }), { abortSignal }),
    );
    if (!SecretString || SecretString === UNSET_SECRET)
      throw new NotificationsNotConfiguredError(
        'the skill messaging client secret (SkillClientSecret) has not been set',
      );
    return { clientId, clientSecret: SecretString };
  }

  return {
    get() {
      // Kept once read; a failed read is tried again next time.
      kept ??= read().catch((error: unknown) => {
        kept = undefined;
        throw error;
      });
      return kept;
    },
    forget() {
      kept = undefined;
    },
  };
}
