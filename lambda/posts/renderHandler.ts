/** Lambda entry point of the renderer (SNS subscription); loading it calls nothing. */
import type { Context, SNSEvent } from 'aws-lambda';
import { pollyClient, s3Client } from '../aws/clients';
import { audioStore } from './audioStore';
import { postsDependencies } from './dependencies';
import { createRenderHandler } from './render';

let render: ReturnType<typeof createRenderHandler> | undefined;

export async function handler(event: SNSEvent, context: Context) {
  // Synthesis of a long post takes a while: generous per-call timeouts, the Lambda's own bounds the rest.
  if (!render) {
    const dependencies = postsDependencies('pulse-render', 30_000);
    render = createRenderHandler({
      ...dependencies,
      audio: audioStore({
        client: s3Client({ timeoutMs: 30_000 }),
        bucket: dependencies.config.bucket,
      }),
      polly: pollyClient({ timeoutMs: 30_000 }),
    });
  }
  return render(event, context);
}
