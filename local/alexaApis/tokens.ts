/**
 * Login with Amazon's token endpoint, for the client-credentials grant a skill uses to send
 * proactive events: form-encoded `grant_type=client_credentials`, `client_id`, `client_secret`
 * and `scope`, answered `{access_token, scope, token_type: "bearer", expires_in}` or an OAuth 2.0
 * error. The tokens it issues are what the Proactive Events emulator accepts.
 */
import { randomBytes } from 'node:crypto';
import { LwaError } from './errors';

export interface SkillClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The scopes a skill's messaging client may ask for with client credentials. */
export const CLIENT_CREDENTIALS_SCOPES = ['alexa::proactive_events', 'alexa:skill_messaging'];

export interface IssuedToken {
  readonly clientId: string;
  readonly scope: string;
  readonly expiresAt: number;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly scope: string;
  readonly token_type: 'bearer';
  readonly expires_in: number;
}

export class TokenIssuer {
  private readonly issued = new Map<string, IssuedToken>();

  constructor(
    private readonly clients: readonly SkillClient[],
    private readonly lifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** Answers a token request's form; throws LwaError as LWA refuses. */
  issue(contentType: string | undefined, form: string): TokenResponse {
    if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? ''))
      throw new LwaError(
        400,
        'invalid_request',
        'The request must be sent as application/x-www-form-urlencoded',
      );
    const fields = new URLSearchParams(form);
    const field = (name: string) => {
      const values = fields.getAll(name);
      if (values.length > 1)
        throw new LwaError(400, 'invalid_request', `The parameter ${name} is repeated`);
      return values[0];
    };
    const grantType = field('grant_type');
    const clientId = field('client_id');
    const clientSecret = field('client_secret');
    const scope = field('scope');
    if (!grantType)
      throw new LwaError(400, 'invalid_request', 'The request is missing the grant_type parameter');
    if (grantType !== 'client_credentials')
      throw new LwaError(
        400,
        'unsupported_grant_type',
        `The grant type ${grantType} is not supported for this client`,
      );
    if (!clientId || !clientSecret)
      throw new LwaError(
        400,
        'invalid_request',
        'The request is missing the client_id or client_secret parameter',
      );
    const client = this.clients.find((c) => c.clientId === clientId);
    if (!client || client.clientSecret !== clientSecret)
      throw new LwaError(401, 'invalid_client', 'Client authentication failed');
    if (!scope)
      throw new LwaError(400, 'invalid_request', 'The request is missing the scope parameter');
    if (!CLIENT_CREDENTIALS_SCOPES.includes(scope))
      throw new LwaError(400, 'invalid_scope', `An unknown scope was requested: ${scope}`);
    const token = `Atc|${randomBytes(48).toString('base64url')}`;
    this.issued.set(token, {
      clientId,
      scope,
      expiresAt: this.now() + this.lifetimeSeconds * 1000,
    });
    return {
      access_token: token,
      scope,
      token_type: 'bearer',
      expires_in: this.lifetimeSeconds,
    };
  }

  /** The token as issued, or why it is not valid. */
  check(token: string): IssuedToken | 'unknown' | 'expired' {
    const issued = this.issued.get(token);
    if (!issued) return 'unknown';
    if (issued.expiresAt <= this.now()) return 'expired';
    return issued;
  }
}
