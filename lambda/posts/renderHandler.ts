/** Lambda entry point of the renderer (SNS subscription); loading it calls nothing. */
import type { Context, SNSEvent } from 'aws-lambda';
import { pollyClient } from '../aws/clients';
import { postsDependencies } from './dependencies';
import { createRenderHandler } from './render';

let render: ReturnType<typeof createRenderHandler> | undefined;

export async function handler(event: SNSEvent, context: Context) {
  // Synthesis of a long post takes a while: generous per-call timeouts, the Lambda's own bounds the rest.
  render ??= createRenderHandler({
    ...postsDependencies('pulse-render', 30_000),
    polly: pollyClient({ timeoutMs: 30_000 }),
  });
  return render(event, context);
}
