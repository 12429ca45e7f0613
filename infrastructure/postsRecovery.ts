/**
 * What makes every acknowledged post end COMPLETED or FAILED in AWS: a reader of the render
 * dead-letter queue that fails the posts it names with the cause, and a sweeper on a schedule
 * that announces again, or fails, posts PROCESSING for longer than any render can take.
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import { AttributeType, ProjectionType, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction as FunctionTarget } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { POSTS_TABLE } from '../lambda/posts/table';

/** How often the sweeper looks for stuck posts. */
export const SWEEP_SCHEDULE = Duration.minutes(5);

export interface PostsRecoveryProps {
  readonly makeFunction: (name: 'renderDeadLetters' | 'postsSweeper') => LambdaFunction;
  readonly posts: Table;
  readonly topic: ITopic;
  readonly renderDeadLetters: IQueue;
}

export function addPostsRecovery(scope: Stack, props: PostsRecoveryProps) {
  const { makeFunction, posts, topic, renderDeadLetters } = props;
  const { pendingIndex } = POSTS_TABLE;
  posts.addGlobalSecondaryIndex({
    indexName: pendingIndex.name,
    partitionKey: { name: pendingIndex.partitionKey.name, type: AttributeType.STRING },
    sortKey: { name: pendingIndex.sortKey.name, type: AttributeType.STRING },
    projectionType: ProjectionType.KEYS_ONLY,
  });

  // The dead-letter reader only ever moves a post from PROCESSING to FAILED.
  const reader = makeFunction('renderDeadLetters');
  reader.addEventSource(
    new SqsEventSource(renderDeadLetters, { batchSize: 10, reportBatchItemFailures: true }),
  );
  reader.addToRolePolicy(
    new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [posts.tableArn] }),
  );

  // The sweeper reads the sparse index of PROCESSING posts, each post, and updates or announces it.
  const sweeper = makeFunction('postsSweeper');
  sweeper.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [`${posts.tableArn}/index/${pendingIndex.name}`],
    }),
  );
  sweeper.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
      resources: [posts.tableArn],
    }),
  );
  topic.grantPublish(sweeper);
  new Rule(scope, 'PostsSweepSchedule', {
    schedule: Schedule.rate(SWEEP_SCHEDULE),
    targets: [new FunctionTarget(sweeper, { retryAttempts: 2 })],
  });
  return { reader, sweeper };
}
