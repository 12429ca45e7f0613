/**
 * The SDK's whole credential chain (SSO, shared files, processes, web identity, containers, the
 * instance metadata service), bundled apart from every function as `credentialChain.js` beside its
 * `index.js` (scripts/bundle.ts). A function loads it only when its environment holds no keys,
 * which on Lambda does not happen: see envCredentials.ts.
 */
export { defaultProvider } from '@aws-sdk/credential-provider-node';
