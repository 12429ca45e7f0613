/** Clients of the local S3: the configuration that reaches s3rver, and the buckets the local stack needs. */
import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  HeadBucketCommand,
  NotFound,
  type S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../environment';
import type { LocalS3 } from './server';

/**
 * What an S3Client needs to talk to s3rver. Production code builds `new S3Client({})` from the
 * environment, and these variables give it all of this except `forcePathStyle`, which the SDK
 * reads from no variable and no config-file setting:
 *
 *   AWS_ENDPOINT_URL_S3=http://127.0.0.1:<port>   (AWS_ENDPOINT_URL also works, for every service)
 *   AWS_ACCESS_KEY_ID=S3RVER  AWS_SECRET_ACCESS_KEY=S3RVER  AWS_REGION=us-east-1
 *   AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED  AWS_RESPONSE_CHECKSUM_VALIDATION=WHEN_REQUIRED
 *
 * With an IP address as the endpoint host the SDK addresses buckets by path on its own (a bucket
 * cannot be a subdomain of an IP address), so the variables suffice. With a host name such as
 * `localhost` it asks for `<bucket>.localhost`, which does not resolve; a client builder should
 * set `forcePathStyle: true` whenever an endpoint override is present.
 *
 * The checksum settings matter: by default the SDK sends streamed bodies with aws-chunked framing
 * and a trailing CRC32 checksum, which s3rver does not decode and stores inside the object.
 */
export function s3ClientConfigForLocal(s3: Pick<LocalS3, 'url'>): S3ClientConfig {
  return {
    endpoint: s3.url,
    region: EMULATOR_REGION,
    credentials: EMULATOR_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** Creates the bucket unless it exists; safe to call on every start. */
export async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    if (!(error instanceof NotFound)) throw error;
  }
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    // Another caller created it between our two requests.
    if (!(error instanceof BucketAlreadyOwnedByYou || error instanceof BucketAlreadyExists)) {
      throw error;
    }
  }
}
