/**
 * What a Lambda bundle gets in place of `@aws-sdk/credential-provider-node` (scripts/bundle.ts).
 *
 * Lambda hands a function its role's keys in AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and
 * AWS_SESSION_TOKEN, and the SDK's default chain takes them from there, its first link. The rest
 * of the chain (SSO, shared files, processes, web identity, containers, the instance metadata
 * service, and the STS, SSO and sign-in clients they call) is about 115 KB that every function
 * compiled at each cold start and never ran: 7 to 9 ms of it here. The chain is bundled apart, as
 * credentialChain.js, and loaded only when the environment names a profile or holds no keys, so
 * every source of credentials the SDK knows still works, in the order it tries them.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { defaultProvider as sdkDefaultProvider } from '@aws-sdk/credential-provider-node';

type DefaultProvider = typeof sdkDefaultProvider;

/** The chain's first link takes the environment's keys only when no profile is named. */
function environmentHasKeys(profile: string | undefined): boolean {
  const env = process.env;
  return !profile && Boolean(env.AWS_ACCESS_KEY_ID) && Boolean(env.AWS_SECRET_ACCESS_KEY);
}

export const defaultProvider: DefaultProvider = (init = {}) => {
  let chain: ReturnType<DefaultProvider> | undefined;
  return async (identityProperties) => {
    if (environmentHasKeys(init.profile ?? process.env.AWS_PROFILE)) return fromEnv(init)();
    // A require, not an import: the chain is a file of its own beside the bundle, read on first use.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const full = require('./credentialChain') as { defaultProvider: DefaultProvider };
    chain ??= full.defaultProvider(init);
    return chain(identityProperties);
  };
};
