/** Lambda entry point of the posts sweeper (an EventBridge schedule); loading it calls nothing. */
import type { Context, ScheduledEvent } from 'aws-lambda';
import { snsClient } from '../aws/clients';
import { ConfigError } from '../aws/errors';
import { snsAnnouncer } from './announcement';
import { postsDependencies } from './dependencies';
import { createSweeper, type SweepOutcome } from './sweep';

let sweep: (() => Promise<SweepOutcome>) | undefined;

export async function handler(_event: ScheduledEvent, _context: Context): Promise<SweepOutcome> {
  if (!sweep) {
    const dependencies = postsDependencies('pulse-posts-sweeper', 3000);
    const { topicArn } = dependencies.config;
    if (!topicArn)
      throw new ConfigError('POSTS_TOPIC_ARN must name the topic posts are announced on');
    sweep = createSweeper({
      ...dependencies,
      announce: snsAnnouncer(snsClient({ timeoutMs: 3000 }), topicArn),
    });
  }
  return sweep();
}
