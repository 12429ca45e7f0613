/** Links to post audio: presigned GET URLs of the MP3s in the posts bucket, made without the S3 client. */
import { s3GetPresigner, type S3GetPresigner } from '../aws/s3Presigner';

export interface AudioUrls {
  /** A time-limited GET URL for Alexa or a browser to fetch the audio. */
  url(key: string, expiresInSeconds: number): Promise<string>;
}

export function audioUrls(options: { bucket: string; presigner?: S3GetPresigner }): AudioUrls {
  const { bucket, presigner = s3GetPresigner() } = options;
  return { url: (key, expiresInSeconds) => presigner.presignGet(bucket, key, expiresInSeconds) };
}
