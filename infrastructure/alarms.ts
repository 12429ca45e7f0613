/** Alarms that tell someone: one SNS topic as every alarm's action, with an optional e-mail subscription. */
import { CfnCondition, CfnParameter, Duration, Fn } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { CfnSubscription, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** CloudWatch's limit on the metrics one alarm's math expression may use. */
export const MAX_ALARM_METRICS = 10;

/** The template parameter that subscribes an e-mail address to the alarm topic. */
export const ALARM_EMAIL_PARAMETER = 'AlarmEmail';

export class AlarmNotifications extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const email = new CfnParameter(scope, ALARM_EMAIL_PARAMETER, {
      type: 'String',
      default: '',
      allowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      description: "E-mail told when an alarm fires or clears (confirm AWS's mail); empty: none",
    });
    this.topic = new Topic(this, 'Topic', { displayName: 'Pulse alarms' });
    const subscription = new CfnSubscription(this, 'Email', {
      topicArn: this.topic.topicArn,
      protocol: 'email',
      endpoint: email.valueAsString,
    });
    subscription.cfnOptions.condition = new CfnCondition(this, 'HasEmail', {
      expression: Fn.conditionNot(Fn.conditionEquals(email.valueAsString, '')),
    });
  }

  /**
   * Alarms when the sum of `metrics` is above zero in a 5-minute period: one metric-math alarm
   * instead of one per metric keeps the template within TemplateBody's 51,200 bytes. An alarm's
   * metric math may use at most MAX_ALARM_METRICS (10) metrics, a hard CloudWatch limit, so more
   * metrics than that are split, in order, over several alarms of at most 10 each: `id` for the
   * first ten, `id2`, `id3` … for the next (the first alarm keeps its logical id as metrics grow).
   */
  whenSumAboveZero(id: string, description: string, metrics: readonly IMetric[]): Alarm[] {
    return chunksOf(metrics, MAX_ALARM_METRICS).map((group, i, groups) =>
      this.whenAboveZero(
        i === 0 ? id : `${id}${i + 1}`,
        groups.length === 1 ? description : `${description} (${i + 1} of ${groups.length})`,
        new MathExpression({
          expression: `SUM([${group.map((_, m) => `m${m}`).join(',')}])`,
          usingMetrics: Object.fromEntries(group.map((metric, m) => [`m${m}`, metric])),
          period: Duration.minutes(5),
        }),
      ),
    );
  }

  /** An alarm when `metric` is above zero in a 5-minute period; it notifies when it fires and clears. */
  whenAboveZero(id: string, description: string, metric: IMetric): Alarm {
    const alarm = new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}

/** `items` in order, in groups of at most `size`. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}
