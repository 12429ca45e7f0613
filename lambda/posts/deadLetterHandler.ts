/** Lambda entry point of the render dead-letter reader (SQS trigger on the render dead-letter queue); loading it calls nothing. */
import type { Context, SQSEvent } from 'aws-lambda';
import { createDeadLetterHandler } from './deadLetters';
import { postsDependencies } from './dependencies';

let read: ReturnType<typeof createDeadLetterHandler> | undefined;

export async function handler(event: SQSEvent, _context: Context) {
  read ??= createDeadLetterHandler(postsDependencies('pulse-render-dead-letters', 3000));
  return read(event);
}
