/**
 * Login with Amazon access tokens for the Proactive Events API: the client-credentials grant with
 * the skill's messaging credentials and scope `alexa::proactive_events`, kept until shortly
 * before it expires, and fetched again when the API refuses it.
 */
import { fullJitterMs } from '../aws/backoff';
import { AlexaApiError } from './errors';

/** Amazon's token endpoint; LWA_TOKEN_URL points elsewhere (the local stack's emulator). */
export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';
export const PROACTIVE_EVENTS_SCOPE = 'alexa::proactive_events';

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface TokenSource {
  /** A token valid for at least another minute. */
  token(): Promise<string>;
  /** Forgets the kept token: the API refused it. */
  invalidate(): void;
}

export interface TokenSourceOptions {
  readonly tokenUrl: string;
  /** Read when a token is needed (the secret may live in Secrets Manager). */
  readonly credentials: () => Promise<ClientCredentials>;
  /** Told when LWA refuses the client (`invalid_client`): the secret may have changed since it was read. */
  readonly onClientRefused?: () => void;
  readonly timeoutMs: number;
  /** Attempts when LWA throttles or fails on its side (429, 5xx, no answer). */
  readonly maxAttempts?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly fetch?: typeof fetch;
}

/** A token is not used in its last minute: a request made with it must still find it valid. */
const EXPIRY_MARGIN_MS = 60_000;

interface TokenResponse {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function lwaTokenSource(options: TokenSourceOptions): TokenSource {
  const { tokenUrl, credentials, timeoutMs } = options;
  const maxAttempts = options.maxAttempts ?? 3;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepFor;
  const send = options.fetch ?? fetch;
  let kept: { token: string; validUntil: number } | undefined;
  let pending: Promise<string> | undefined;

  async function request(): Promise<string> {
    const { clientId, clientSecret } = await credentials();
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: PROACTIVE_EVENTS_SCOPE,
    });
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      let answer: TokenResponse = {};
      try {
        const response = await send(tokenUrl, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8',
            Accept: 'application/json',
          },
          body: body.toString(),
          signal: AbortSignal.timeout(timeoutMs),
        });
        status = response.status;
        answer = (await response.json().catch(() => ({}))) as TokenResponse;
      } catch (error) {
        if (attempt >= maxAttempts)
          throw new AlexaApiError('lwa', 0, `Login with Amazon did not answer: ${String(error)}`, {
            cause: error,
          });
        await sleep(fullJitterMs(attempt - 1, { baseMs: 200, maxMs: 2000 }));
        continue;
      }
      if (status === 200 && typeof answer.access_token === 'string') {
        const seconds = typeof answer.expires_in === 'number' ? answer.expires_in : 3600;
        kept = {
          token: answer.access_token,
          validUntil: now() + seconds * 1000 - EXPIRY_MARGIN_MS,
        };
        return answer.access_token;
      }
      const why = `${String(answer.error ?? 'error')}: ${String(answer.error_description ?? '')}`;
      if (answer.error === 'invalid_client') options.onClientRefused?.();
      const passing = status === 429 || status >= 500;
      if (!passing || attempt >= maxAttempts)
        throw new AlexaApiError(
          'lwa',
          status,
          `Login with Amazon refused the token (${status} ${why})`,
        );
      await sleep(fullJitterMs(attempt - 1, { baseMs: 200, maxMs: 2000 }));
    }
  }

  return {
    async token() {
      if (kept && kept.validUntil > now()) return kept.token;
      // One request for every caller waiting at once.
      pending ??= request().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    invalidate() {
      kept = undefined;
    },
  };
}
