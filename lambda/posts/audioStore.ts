/** Post audio in S3: private objects under one key per post, handed out as presigned URLs. */
import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { audioUrls, type AudioUrls } from './audioUrls';

export interface AudioStore extends AudioUrls {
  /** Stores the MP3; private (no ACL: new buckets block public ACLs anyway). */
  put(key: string, mp3: Buffer, durationSeconds: number, abortSignal?: AbortSignal): Promise<void>;
  remove(key: string): Promise<void>;
}

export function audioStore(options: { client: S3Client; bucket: string }): AudioStore {
  const { client, bucket } = options;
  const urls = audioUrls({ bucket });
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
    url: urls.url,
  };
}
