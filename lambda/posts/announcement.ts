/** The announcement of a post to the renderer on the posts topic: written by the API and the sweeper, read by the renderer and the dead-letter reader. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';

export type Announce = (postId: string) => Promise<void>;

/** Publishes `{"postId"}` on the topic. */
export function snsAnnouncer(client: SNSClient, topicArn: string): Announce {
  return async (postId) => {
    await client.send(
      new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify({ postId }) }),
    );
  };
}

/** The post an announcement names: `{"postId"}`, or the bare id the Serverless Text-to-Speech sample (seed 002) publishes. */
export function announcedPostId(message: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(message);
    if (typeof parsed === 'object' && parsed !== null && 'postId' in parsed) {
      const { postId } = parsed as { postId: unknown };
      return typeof postId === 'string' ? postId : undefined;
    }
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    // The Serverless Text-to-Speech sample publishes the bare post id.
    return message.trim() || undefined;
  }
}
