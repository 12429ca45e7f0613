/**
 * The render dead-letter queue's reader: an announcement every render attempt failed on (or that
 * SNS could not deliver at all) marks its post FAILED with the cause, so that no post waits
 * PROCESSING for a render that will never come. An attempt that timed out never reached its own
 * `catch`; this is where its post learns so.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as v from 'valibot';
import { finiteNumber } from '../../domain/schema';
import { announcedPostId } from './announcement';
import type { PostsRepository } from './repository';

export interface DeadLetterDependencies {
  readonly posts: PostsRepository;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What a dead letter says: the posts it announced and why their render gave up. */
export interface DeadAnnouncement {
  readonly postIds: string[];
  readonly code: 'RenderFailed' | 'RenderTimedOut' | 'AnnouncementUndelivered';
  readonly cause: string;
}

const snsEvent = v.object({
  Records: v.pipe(
    v.array(v.looseObject({ Sns: v.looseObject({ Message: v.string() }) })),
    v.minLength(1),
  ),
});

/** What Lambda's on-failure destination receives (the local SNS's dead letters have this shape too). */
const invocationRecord = v.looseObject({
  requestContext: v.looseObject({
    condition: v.string(),
    approximateInvokeCount: v.optional(finiteNumber()),
  }),
  requestPayload: snsEvent,
  responsePayload: v.nullish(
    v.looseObject({ errorType: v.optional(v.string()), errorMessage: v.optional(v.string()) }),
  ),
});

/** The envelope SNS puts in a subscription's dead-letter queue. */
const snsEnvelope = v.looseObject({ Type: v.literal('Notification'), Message: v.string() });

/** Lambda reports a timeout as "Task timed out after 300.00 seconds". */
const codeOf = (cause: string) => (/timed out/i.test(cause) ? 'RenderTimedOut' : 'RenderFailed');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads one message of the dead-letter queue, in any of the three shapes that reach it: Lambda's
 * dead letter of an asynchronous invocation (the SNS event as the body, the error in the message
 * attributes), Lambda's on-failure record, or SNS's own dead letter of an undeliverable message.
 */
export function readDeadLetter(record: SQSRecord): DeadAnnouncement | undefined {
  const body = parseJson(record.body);
  const postIds = (messages: readonly string[]) =>
    messages.flatMap((message) => announcedPostId(message) ?? []);

  const event = v.safeParse(snsEvent, body);
  if (event.success) {
    const cause =
      record.messageAttributes.ErrorMessage?.stringValue ?? 'every render attempt failed';
    return {
      postIds: postIds(event.output.Records.map((r) => r.Sns.Message)),
      code: codeOf(cause),
      cause,
    };
  }
  const invocation = v.safeParse(invocationRecord, body);
  if (invocation.success) {
    const { requestContext, requestPayload, responsePayload } = invocation.output;
    const cause =
      responsePayload?.errorMessage ??
      responsePayload?.errorType ??
      `${requestContext.condition} after ${requestContext.approximateInvokeCount ?? '?'} attempts`;
    return {
      postIds: postIds(requestPayload.Records.map((r) => r.Sns.Message)),
      code: codeOf(cause),
      cause,
    };
  }
  const envelope = v.safeParse(snsEnvelope, body);
  if (envelope.success) {
    return {
      postIds: postIds([envelope.output.Message]),
      code: 'AnnouncementUndelivered',
      cause: 'SNS could not deliver the announcement to the renderer',
    };
  }
  return undefined;
}

export function createDeadLetterHandler({
  posts,
  logger,
  now = () => new Date(),
}: DeadLetterDependencies) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      const letter = readDeadLetter(record);
      if (!letter || letter.postIds.length === 0) {
        // Retrying a message nobody can read would only keep it in the queue: say so and drop it.
        logger.error('dead letter names no post; dropped', {
          messageId: record.messageId,
          body: record.body.slice(0, 1024),
        });
        continue;
      }
      try {
        for (const postId of letter.postIds) {
          const failed = await posts.fail(
            postId,
            {
              code: letter.code,
              message: `the render gave up: ${letter.cause}`.slice(0, 1024),
            },
            now(),
          );
          logger.info(failed ? 'post marked FAILED from a dead letter' : 'post had already ended', {
            postId,
            code: letter.code,
          });
        }
      } catch (error) {
        // DynamoDB failed for a passing cause: the message goes back to the queue.
        logger.error('dead letter not handled; retried', {
          messageId: record.messageId,
          error: error as Error,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
