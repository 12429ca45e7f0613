/** The weather-station talk's IoT topic rule (seed 001): station readings published over MQTT reshaped into what `aggregate` reads, onto the sensor stream. */
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnTopicRule } from 'aws-cdk-lib/aws-iot';
import type { IStream } from 'aws-cdk-lib/aws-kinesis';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InlinePolicyRole } from './roles';

/** Where stations publish: weather/<state>/<city>/<station_id>/<sensor_type>/<sensor_id>. */
export const SENSOR_TOPIC_FILTER = 'weather/+/+/+/+/+';

/** Numbers below this are epoch seconds (year 5138 in seconds, 1973 in milliseconds). */
export const EPOCH_SECONDS_BELOW = 100_000_000_000;

/**
 * ISO 8601 as devices write it, for time_to_epoch (a JDK 11 DateTimeFormatter pattern): seconds
 * with 0, 3, 6 or 9 decimals, the offset as Z, +hh:mm or +hhmm, or none (then UTC).
 */
export const ISO_8601_PATTERN = "yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS][XXX][XX]";

/**
 * The rule's SQL (version 2016-03-23), checked against the AWS IoT SQL reference: `timestamp` and
 * `value` are fine as aliases (the reference's own examples use `timestamp() AS timestamp` and
 * `... AS value`); `Decimal` is a cast type only from 2016-03-23 on; strings in double quotes may
 * hold single quotes. `sensor_timestamp` becomes epoch milliseconds whether it arrives as epoch
 * milliseconds, epoch seconds, a numeric string or an ISO 8601 string; a value that cannot be read
 * leaves its field out (Undefined), so `aggregate` counts the reading as invalid and sets it aside.
 */
export const SENSOR_RULE_SQL = [
  'SELECT topic(6) AS sensor_id, topic(4) AS station_id, topic(5) AS sensor,',
  'CASE isUndefined(cast(sensor_timestamp AS Decimal))',
  `WHEN true THEN time_to_epoch(sensor_timestamp, "${ISO_8601_PATTERN}")`,
  `ELSE CASE cast(sensor_timestamp AS Decimal) < ${EPOCH_SECONDS_BELOW}`,
  'WHEN true THEN round(cast(sensor_timestamp AS Decimal) * 1000)',
  'ELSE round(cast(sensor_timestamp AS Decimal)) END END AS timestamp,',
  'cast(sensor_value AS Decimal) AS value,',
  'cast(sensor_value_smoothed AS Decimal) AS value_smoothed,',
  'cast(direction AS Int) AS direction',
  `FROM '${SENSOR_TOPIC_FILTER}'`,
].join(' ');

export const SENSOR_RULE_SQL_VERSION = '2016-03-23';

export interface SensorRuleProps {
  readonly stream: IStream;
  /** Where a message goes when the Kinesis action fails (the error action). */
  readonly failures: IQueue;
}

export class SensorRule extends Construct {
  constructor(scope: Construct, id: string, { stream, failures }: SensorRuleProps) {
    super(scope, id);
    const role = new InlinePolicyRole(this, 'Role', {
      assumedBy: new ServicePrincipal('iot.amazonaws.com'),
      logicalId: 'SensorRuleRole',
    });
    // The Kinesis action calls PutRecord; the SQS error action SendMessage: nothing more.
    role.addToPolicy(
      new PolicyStatement({ actions: ['kinesis:PutRecord'], resources: [stream.streamArn] }),
    );
    role.addToPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [failures.queueArn] }),
    );
    new CfnTopicRule(this, 'Rule', {
      topicRulePayload: {
        sql: SENSOR_RULE_SQL,
        awsIotSqlVersion: SENSOR_RULE_SQL_VERSION,
        ruleDisabled: false,
        actions: [
          {
            kinesis: {
              streamName: stream.streamName,
              // By sensor, so each sensor's readings stay in order on one shard.
              partitionKey: '${topic(6)}',
              roleArn: role.roleArn,
            },
          },
        ],
        // A reading Kinesis refused (throttled, stream missing) is kept, with the error, to inspect.
        errorAction: {
          sqs: { queueUrl: failures.queueUrl, roleArn: role.roleArn, useBase64: false },
        },
      },
    });
  }
}
