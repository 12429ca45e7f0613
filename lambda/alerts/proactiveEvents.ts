/**
 * The Alexa Proactive Events API: one event for one user, POSTed to the region's development or
 * live stage with a Login with Amazon bearer token. Throttling (429), the live notification limit
 * (432), Amazon's failures (5xx) and no answer are retried with full-jitter back-off; a refused
 * token is fetched again once; a duplicate referenceId (409) means the event was accepted before.
 */
import { fullJitterMs } from '../aws/backoff';
import { AlexaApiError } from './errors';
import type { TokenSource } from './lwaTokens';

/** Where the Proactive Events API is, by the AWS region the stack is in (Alexa's NA, EU and FE). */
export const ALEXA_API_ENDPOINTS: Readonly<Record<string, string>> = {
  'us-east-1': 'https://api.amazonalexa.com',
  'eu-west-1': 'https://api.eu.amazonalexa.com',
  'us-west-2': 'https://api.fe.amazonalexa.com',
};

export function alexaApiEndpointFor(region: string | undefined): string {
  return ALEXA_API_ENDPOINTS[region ?? ''] ?? ALEXA_API_ENDPOINTS['us-east-1']!;
}

/** development: events reach only the developer's own test devices; live: customers (certified skills). */
export type ProactiveEventsStage = 'development' | 'live';

export function proactiveEventsUrl(endpoint: string, stage: ProactiveEventsStage): string {
  const base = endpoint.replace(/\/+$/, '');
  return stage === 'development'
    ? `${base}/v1/proactiveEvents/stages/development`
    : `${base}/v1/proactiveEvents`;
}

/** The request body Amazon documents (CreateProactiveEventRequest). */
export interface ProactiveEvent {
  readonly timestamp: string;
  readonly referenceId: string;
  readonly expiryTime: string;
  readonly event: { readonly name: string; readonly payload: Record<string, unknown> };
  readonly localizedAttributes: readonly Record<string, string>[];
  readonly relevantAudience:
    | { readonly type: 'Unicast'; readonly payload: { readonly user: string } }
    | { readonly type: 'Multicast'; readonly payload: Record<string, never> };
}

export interface ProactiveEventsClient {
  /** 'accepted' (202), or 'duplicate' (409: this referenceId was accepted before). Throws AlexaApiError. */
  send(event: ProactiveEvent): Promise<'accepted' | 'duplicate'>;
}

export interface DeliveryLogger {
  warn(message: string, extra: Record<string, unknown>): void;
  info(message: string, extra: Record<string, unknown>): void;
}

export interface ProactiveEventsClientOptions {
  readonly url: string;
  readonly tokens: TokenSource;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly logger: DeliveryLogger;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly fetch?: typeof fetch;
}

const RETRIED = new Set([429, 432]);
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Retry-After in seconds or as a date, capped; undefined when absent or unreadable. */
function retryAfterMs(header: string | null, maxMs: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, maxMs) : undefined;
}

export function proactiveEventsClient(
  options: ProactiveEventsClientOptions,
): ProactiveEventsClient {
  const { url, tokens, timeoutMs, maxAttempts, logger } = options;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const sleep = options.sleep ?? sleepFor;
  const send = options.fetch ?? fetch;

  return {
    async send(event) {
      const body = JSON.stringify(event);
      let tokenRefused = false;
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.token();
        let status = 0;
        let detail = '';
        let retryAfter: number | undefined;
        try {
          const response = await send(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          status = response.status;
          detail = (await response.text().catch(() => '')).slice(0, 1000);
          retryAfter = retryAfterMs(response.headers.get('retry-after'), maxDelayMs);
        } catch (error) {
          detail = String(error);
        }
        if (status === 202 || status === 200) return 'accepted';
        if (status === 409) {
          logger.info('proactive event was accepted before (same referenceId)', {
            referenceId: event.referenceId,
          });
          return 'duplicate';
        }
        if ((status === 401 || status === 403) && !tokenRefused) {
          // The kept token may have expired early or been revoked: one more try with a new one.
          tokenRefused = true;
          tokens.invalidate();
          logger.warn('Proactive Events API refused the token; fetching a new one', {
            status,
            detail,
          });
          continue;
        }
        const passing = status === 0 || RETRIED.has(status) || status >= 500;
        if (!passing || attempt >= maxAttempts) {
          throw new AlexaApiError(
            'proactive-events',
            status,
            `Proactive Events API ${status === 0 ? 'did not answer' : `answered ${status}`} after ${attempt} attempt(s): ${detail}`,
          );
        }
        const delay =
          retryAfter ?? fullJitterMs(attempt - 1, { baseMs: baseDelayMs, maxMs: maxDelayMs });
        logger.warn('Proactive Events API did not take the event; retrying', {
          status,
          attempt,
          delayMs: Math.round(delay),
          referenceId: event.referenceId,
          detail,
        });
        await sleep(delay);
      }
    },
  };
}
