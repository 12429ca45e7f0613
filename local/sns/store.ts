/** Topics and Lambda subscriptions of the local SNS, optionally kept in a JSON file across restarts. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { invalidParameter, SnsError, SnsStateFileError } from './errors';

export const LOCAL_ACCOUNT_ID = '000000000000';

/** Standard topic names: 1 to 256 letters, digits, hyphens and underscores. */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const TOPIC_ARN = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,256})$/;
const SUBSCRIPTION_ARN = /^arn:aws:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,256}:[0-9a-f-]{36}$/;
/** A function ARN, optionally with a version or alias qualifier. */
const FUNCTION_ARN =
  /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?$/;

export interface Topic {
  arn: string;
  name: string;
  /** What CreateTopic was given; a second CreateTopic with other attributes is refused, as in SNS. */
  attributes: Record<string, string>;
}

export interface LambdaSubscription {
  arn: string;
  topicArn: string;
  protocol: 'lambda';
  /** The function ARN. */
  endpoint: string;
  owner: string;
}

const persistedFile = z.object({
  topics: z.array(
    z.object({ arn: z.string(), name: z.string(), attributes: z.record(z.string(), z.string()) }),
  ),
  subscriptions: z.array(
    z.object({
      arn: z.string(),
      topicArn: z.string(),
      protocol: z.literal('lambda'),
      endpoint: z.string(),
      owner: z.string(),
    }),
  ),
});

export function checkTopicArn(topicArn: string): void {
  if (!TOPIC_ARN.test(topicArn)) throw invalidParameter('TopicArn');
}

export function isFunctionArn(value: string): boolean {
  return FUNCTION_ARN.test(value);
}

const sameAttributes = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([key, value]) => b[key] === value);

export class SnsStore {
  private readonly topics = new Map<string, Topic>();
  private readonly subscriptions = new Map<string, LambdaSubscription>();

  constructor(
    private readonly region: string,
    private readonly dataFile: string | undefined,
  ) {
    this.load();
  }

  topicArn(name: string): string {
    return `arn:aws:sns:${this.region}:${LOCAL_ACCOUNT_ID}:${name}`;
  }

  /** Idempotent by name: the same name (and attributes) gives the same ARN. */
  createTopic(name: string, attributes: Record<string, string>): Topic {
    if (name.endsWith('.fifo') || attributes.FifoTopic === 'true') {
      throw invalidParameter('FIFO topics are not supported by the local SNS');
    }
    if (!TOPIC_NAME.test(name)) throw invalidParameter('Topic Name');
    const arn = this.topicArn(name);
    const existing = this.topics.get(arn);
    if (existing !== undefined) {
      if (Object.keys(attributes).length > 0 && !sameAttributes(existing.attributes, attributes)) {
        throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
      }
      return existing;
    }
    const topic: Topic = { arn, name, attributes };
    this.topics.set(arn, topic);
    this.save();
    return topic;
  }

  /** Deleting a topic that does not exist succeeds, as in SNS; its subscriptions go with it. */
  deleteTopic(topicArn: string): void {
    checkTopicArn(topicArn);
    if (!this.topics.delete(topicArn)) return;
    for (const [arn, subscription] of this.subscriptions) {
      if (subscription.topicArn === topicArn) this.subscriptions.delete(arn);
    }
    this.save();
  }

  listTopics(): Topic[] {
    return [...this.topics.values()];
  }

  /** The topic, or NotFound as SNS answers for a well-formed ARN of no topic. */
  requireTopic(topicArn: string): Topic {
    checkTopicArn(topicArn);
    const topic = this.topics.get(topicArn);
    if (topic === undefined) throw new SnsError('NotFound', 'Topic does not exist');
    return topic;
  }

  /** Idempotent: subscribing the same function to the same topic again gives the same subscription. */
  subscribeLambda(topicArn: string, functionArn: string): LambdaSubscription {
    this.requireTopic(topicArn);
    if (!isFunctionArn(functionArn)) throw invalidParameter('Lambda endpoint ARN');
    const existing = [...this.subscriptions.values()].find(
      (subscription) => subscription.topicArn === topicArn && subscription.endpoint === functionArn,
    );
    if (existing !== undefined) return existing;
    const subscription: LambdaSubscription = {
      arn: `${topicArn}:${randomUUID()}`,
      topicArn,
      protocol: 'lambda',
      endpoint: functionArn,
      owner: LOCAL_ACCOUNT_ID,
    };
    this.subscriptions.set(subscription.arn, subscription);
    this.save();
    return subscription;
  }

  unsubscribe(subscriptionArn: string): void {
    if (!SUBSCRIPTION_ARN.test(subscriptionArn)) throw invalidParameter('SubscriptionArn');
    if (!this.subscriptions.delete(subscriptionArn)) {
      throw new SnsError('NotFound', 'Subscription does not exist');
    }
    this.save();
  }

  subscriptionsOf(topicArn: string): LambdaSubscription[] {
    return [...this.subscriptions.values()].filter(
      (subscription) => subscription.topicArn === topicArn,
    );
  }

  private load(): void {
    if (this.dataFile === undefined || !existsSync(this.dataFile)) return;
    let stored: z.infer<typeof persistedFile>;
    try {
      stored = persistedFile.parse(JSON.parse(readFileSync(this.dataFile, 'utf8')));
    } catch (error) {
      // Starting empty would overwrite the file on the first change and lose what it held.
      throw new SnsStateFileError(`Cannot load SNS topics from ${this.dataFile}`, { cause: error });
    }
    for (const topic of stored.topics) this.topics.set(topic.arn, topic);
    for (const subscription of stored.subscriptions) {
      this.subscriptions.set(subscription.arn, subscription);
    }
  }

  private save(): void {
    if (this.dataFile === undefined) return;
    mkdirSync(dirname(this.dataFile), { recursive: true });
    const contents = {
      topics: [...this.topics.values()],
      subscriptions: [...this.subscriptions.values()],
    };
    // Rename is atomic on one filesystem, so a crash mid-write never leaves a torn file behind.
    const temporary = `${this.dataFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(contents, null, 2));
    renameSync(temporary, this.dataFile);
  }
}
