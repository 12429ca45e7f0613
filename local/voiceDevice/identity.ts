/** Who talks through the simulated Echo: one Alexa user and one device, kept across sessions, and the API access Alexa grants per request. */
import { createHash, randomBytes } from 'node:crypto';
import type { Locale } from '../../domain/locales';

/** The user and device every request of this Echo carries. */
export interface EchoIdentity {
  /** amzn1.ask.account.…: the Alexa account, as this skill sees it. */
  readonly userId: string;
  /** amzn1.ask.device.…: the Echo, as this skill sees it. */
  readonly deviceId: string;
}

export const USER_ID_PREFIX = 'amzn1.ask.account.';
export const DEVICE_ID_PREFIX = 'amzn1.ask.device.';
const ID_BODY = /^[A-Za-z0-9_-]+$/;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + (BASE32[(value << (5 - bits)) & 31] ?? '') : out;
}

/** A stable id body from a seed: upper-case base32, as long as Alexa's (about 200 characters). */
function idBody(seed: string): string {
  const first = createHash('sha512').update(seed).digest();
  const second = createHash('sha512').update(first).digest();
  return base32(Buffer.concat([first, second])).slice(0, 200);
}

/**
 * The identity of an Echo that has always been this skill's: Alexa scopes user and device ids to the
 * skill, so they are derived from the skill id and stay the same from one start to the next.
 */
export function defaultIdentity(skillId: string): EchoIdentity {
  return {
    userId: `${USER_ID_PREFIX}A${idBody(`user|${skillId}`)}`,
    deviceId: `${DEVICE_ID_PREFIX}A${idBody(`device|${skillId}`)}`,
  };
}

/** Problems with ids given as options (Alexa's prefixes, then letters, digits, "-" or "_"). */
export function identityProblems(identity: Partial<Record<keyof EchoIdentity, unknown>>): string[] {
  const problems: string[] = [];
  const check = (name: keyof EchoIdentity, prefix: string): void => {
    const id = identity[name];
    if (id === undefined) return;
    if (
      typeof id !== 'string' ||
      !id.startsWith(prefix) ||
      !ID_BODY.test(id.slice(prefix.length))
    ) {
      problems.push(
        `identity.${name} must look like ${prefix}<letters and digits>, got ${JSON.stringify(id)}`,
      );
    }
  };
  check('userId', USER_ID_PREFIX);
  check('deviceId', DEVICE_ID_PREFIX);
  return problems;
}

/** Alexa's API endpoint for the region a locale's users are served from. */
export function apiEndpointFor(locale: Locale): string {
  return locale === 'en-US' ? 'https://api.amazonalexa.com' : 'https://api.eu.amazonalexa.com';
}

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * A token shaped like Alexa's apiAccessToken: a JWT naming the skill, user and device, valid for
 * an hour. It is not signed by Amazon, so only an emulator of Alexa's APIs accepts it.
 */
export function apiAccessToken(
  skillId: string,
  identity: EchoIdentity,
  apiEndpoint: string,
  now: Date,
): string {
  const issued = Math.floor(now.getTime() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', kid: '1' };
  const payload = {
    aud: apiEndpoint,
    iss: 'AlexaSkillKit',
    sub: skillId,
    exp: issued + 3600,
    iat: issued,
    nbf: issued,
    privateClaims: { consentToken: null, deviceId: identity.deviceId, userId: identity.userId },
  };
  return [
    base64url(JSON.stringify(header)),
    base64url(JSON.stringify(payload)),
    base64url(randomBytes(256)),
  ].join('.');
}
