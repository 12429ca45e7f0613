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
      description:
        'E-mail address told when an alarm fires or clears (confirm the mail AWS sends); empty for none',
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
   * One alarm when the sum of `metrics` is above zero in a 5-minute period: one metric-math alarm
   * instead of one per metric keeps the template within TemplateBody's 51,200 bytes. CloudWatch
   * takes up to 10 metrics in an alarm's expression.
   */
  whenSumAboveZero(id: string, description: string, metrics: readonly IMetric[]): Alarm {
    if (metrics.length > MAX_ALARM_METRICS)
      throw new RangeError(
        `an alarm's expression takes at most ${MAX_ALARM_METRICS} metrics, not ${metrics.length}`,
      );
    return this.whenAboveZero(
      id,
      description,
      new MathExpression({
        expression: `SUM([${metrics.map((_, i) => `m${i}`).join(',')}])`,
        usingMetrics: Object.fromEntries(metrics.map((metric, i) => [`m${i}`, metric])),
        period: Duration.minutes(5),
      }),
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
