/** The local stand-in for API Gateway's JWT authorizer: one bearer token, checked the same way on every route behind it. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The JWT claims local handlers see for the one local user, as API Gateway passes a token's claims on. */
export const LOCAL_CLAIMS: Readonly<Record<string, string>> = {
  sub: 'local-user',
  iss: 'pulse-local',
};

/** What an Authorization header holds for the token: it, another token, or none at all. */
export type BearerCheck = 'valid' | 'invalid' | 'missing';

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Checks headers against `token`, comparing digests so neither its content nor its length shows in the time taken. */
export function bearerChecker(token: string): (authorization: string | undefined) => BearerCheck {
  const expected = sha256(token);
  return (authorization) => {
    const match = /^Bearer (.+)$/i.exec(authorization ?? '');
    if (match === null) return 'missing';
    return timingSafeEqual(sha256(match[1] ?? ''), expected) ? 'valid' : 'invalid';
  };
}
