/**
 * Presigned S3 GET URLs made with SigV4 alone (@smithy/signature-v4 and the SDK's credential
 * chain), not with the S3 client: the skill and the posts API only hand out links to post audio,
 * and the S3 client and its presigner were 170 KB of the skill's bundle.
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** S3 refuses a SigV4 presigned URL valid for longer than seven days. */
export const MAX_PRESIGNED_SECONDS = 604_800;

export interface PresignOptions {
  readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  readonly region: string;
  readonly expiresInSeconds: number;
  /** When the URL is signed (its validity starts then); default now. */
  readonly signingDate?: Date;
}

/**
 * Signs a GET of `url` for S3 as AWS's "Authenticating Requests: Using Query Parameters" describes:
 * the host the only signed header, the payload unsigned. `url` is already percent-encoded (S3
 * signs the path as sent, without encoding it again).
 */
export async function presignS3Get(url: URL, options: PresignOptions): Promise<string> {
  const { expiresInSeconds } = options;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1) {
    throw new RangeError(
      `a presigned URL must be valid for whole seconds, not ${expiresInSeconds}`,
    );
  }
  if (expiresInSeconds > MAX_PRESIGNED_SECONDS) {
    throw new RangeError(
      `S3 accepts presigned URLs valid for at most ${MAX_PRESIGNED_SECONDS} seconds, not ${expiresInSeconds}`,
    );
  }
  const signer = new SignatureV4({
    service: 's3',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, name) => (query[name] = value));
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port === '' ? {} : { port: Number(url.port) }),
      path: url.pathname,
      query,
      // Read by the signer as the payload's hash (S3's UNSIGNED-PAYLOAD for presigned URLs), and
      // neither signed nor moved into the query: the URL alone must be enough to fetch.
      headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    },
    {
      expiresIn: expiresInSeconds,
      ...(options.signingDate ? { signingDate: options.signingDate } : {}),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set(['x-amz-content-sha256']),
    },
  );
  const search = Object.entries(signed.query ?? {})
    .flatMap(([name, value]) =>
      [value ?? ''].flat().map((v) => `${encodeRfc3986(name)}=${encodeRfc3986(v)}`),
    )
    .join('&');
  return `${url.protocol}//${url.host}${url.pathname}?${search}`;
}

/** Percent-encodes everything but RFC 3986's unreserved characters, as SigV4 asks. */
function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A bucket S3 can address by host name over https: a DNS label without dots. */
function isVirtualHostable(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes('--');
}

export interface S3Location {
  readonly region: string;
  /** An endpoint override (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL); buckets are then addressed by path. */
  readonly endpoint?: string;
}

/**
 * The URL of an object, as the S3 client builds it: virtual-hosted on AWS
 * (`https://<bucket>.s3.<region>.amazonaws.com/<key>`), by path for a bucket that cannot be a host
 * name or behind an endpoint override (an emulator such as s3rver).
 */
export function s3ObjectUrl(bucket: string, key: string, { region, endpoint }: S3Location): URL {
  const path = key.split('/').map(encodeRfc3986).join('/');
  if (endpoint !== undefined) {
    const base = new URL(endpoint);
    const prefix = base.pathname.replace(/\/+$/, '');
    return new URL(`${base.protocol}//${base.host}${prefix}/${encodeRfc3986(bucket)}/${path}`);
  }
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return isVirtualHostable(bucket)
    ? new URL(`https://${bucket}.s3.${region}.${domain}/${path}`)
    : new URL(`https://s3.${region}.${domain}/${encodeRfc3986(bucket)}/${path}`);
}

/** Hands out presigned GET URLs of objects in S3. */
export interface S3GetPresigner {
  presignGet(bucket: string, key: string, expiresInSeconds: number): Promise<string>;
}

/**
 * A presigner configured like every client: the region and endpoint from the standard AWS_*
 * variables, credentials from the SDK's default chain (Lambda's role in AWS, the emulators' keys
 * locally), resolved on the first URL and refreshed before they expire.
 */
export function s3GetPresigner(
  env: NodeJS.ProcessEnv = process.env,
  credentials: AwsCredentialIdentityProvider = defaultProvider(),
): S3GetPresigner {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const location: S3Location = {
    // As every client: Lambda always sets AWS_REGION.
    region: env.AWS_REGION ?? 'us-east-1',
    ...(endpoint ? { endpoint } : {}),
  };
  return {
    presignGet: (bucket, key, expiresInSeconds) =>
      presignS3Get(s3ObjectUrl(bucket, key, location), {
        credentials,
        region: location.region,
        expiresInSeconds,
      }),
  };
}
