/** Post audio in S3: private objects under one key per post, handed out as presigned URLs. */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

export interface AudioStore {
  /** Stores the MP3; private (no ACL: new buckets block public ACLs anyway). */
  put(key: string, mp3: Buffer, durationSeconds: number, abortSignal?: AbortSignal): Promise<void>;
  remove(key: string): Promise<void>;
  /** A time-limited GET URL for Alexa or a browser to fetch the audio. */
  url(key: string, expiresInSeconds: number): Promise<string>;
}

export function audioStore(options: { client: S3Client; bucket: string }): AudioStore {
  const { client, bucket } = options;
  return {
    async put(key, mp3, durationSeconds, abortSignal) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: mp3,
          ContentType: 'audio/mpeg',
          ContentLength: mp3.length,
          Metadata: { 'duration-seconds': durationSeconds.toFixed(3) },
        }),
        abortSignal ? { abortSignal } : {},
      );
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    url: (key, expiresIn) =>
      getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn }),
  };
}
