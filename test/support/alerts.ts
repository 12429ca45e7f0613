/** Alerts for tests: a fresh alerts table in dynalite, the local SNS with a topic whose deliveries are recorded, and the ingestion Lambdas wired to evaluate. */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type { SNSEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { stationCatalog } from '../../domain/catalog';
import { alertEvaluator, type AlertEvaluator } from '../../lambda/alerts/evaluation';
import { snsAlertPublisher } from '../../lambda/alerts/publisher';
import { alertRepository, type AlertRepository } from '../../lambda/alerts/repository';
import type { AlertNotification } from '../../lambda/alerts/types';
import { dynamoDocumentClient, snsClient } from '../../lambda/aws/clients';
import { createAggregateHandler, type AggregateHandler } from '../../lambda/rollups/aggregate';
import { alertReadings } from '../../lambda/rollups/alertReadings';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { createPersistHandler, type PersistHandler } from '../../lambda/rollups/persist';
import { playerPartialWriter } from '../../lambda/rollups/playerPartials';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { sensorRollupRepository } from '../../lambda/rollups/sensorRollups';
import { rollupWriter } from '../../lambda/rollups/writer';
import type { SkillConfig } from '../../lambda/skill/config';
import { ensureAlertsTable } from '../../local/dynamo';
import { EMULATOR_CREDENTIALS, useEmulators } from '../../local/environment';
import { startSns, type LocalSns } from '../../local/sns';
import type { TestStack } from './stack';

export interface AlertsFixture {
  readonly sns: LocalSns;
  readonly topicArn: string;
  /** The notifications delivered to the topic's subscriber so far, oldest first. */
  notifications(): AlertNotification[];
  /** A fresh alerts table, with a repository, and ingestion Lambdas that evaluate into it. */
  fresh(
    tables: SkillConfig,
    options?: { topicArn?: string; budgetMs?: number; maxPerUser?: number },
  ): Promise<AlertsSetup>;
  close(): Promise<void>;
}

export interface AlertsSetup {
  readonly alertsTable: string;
  readonly repository: AlertRepository;
  readonly evaluator: AlertEvaluator;
  readonly persist: PersistHandler;
  readonly aggregate: AggregateHandler;
}

export async function startAlertsFixture(stack: TestStack): Promise<AlertsFixture> {
  const sns = await startSns({ retryDelaysMs: [] });
  useEmulators({ dynamodb: stack.dynamo.url, sns: sns.url });
  const admin = new SNSClient({
    region: 'us-east-1',
    endpoint: sns.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  const { TopicArn } = await admin.send(new CreateTopicCommand({ Name: 'pulse-alerts-test' }));
  const subscriber = 'arn:aws:lambda:us-east-1:000000000000:function:alerts-recorder';
  await admin.send(new SubscribeCommand({ TopicArn, Protocol: 'lambda', Endpoint: subscriber }));
  admin.destroy();
  const received: AlertNotification[] = [];
  sns.registerFunction(subscriber, (event: SNSEvent) => {
    for (const record of event.Records)
      received.push(JSON.parse(record.Sns.Message) as AlertNotification);
    return Promise.resolve();
  });
  const dynamoAdmin = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: stack.dynamo.url,
    credentials: EMULATOR_CREDENTIALS,
  });

  return {
    sns,
    topicArn: TopicArn!,
    notifications: () => [...received],
    async fresh(tables, options = {}) {
      const alertsTable = `alerts-${randomUUID().slice(0, 8)}`;
      await ensureAlertsTable(dynamoAdmin, alertsTable);
      const client = dynamoDocumentClient({ timeoutMs: 2000 });
      const repository = alertRepository({
        client,
        tableName: alertsTable,
        timeoutMs: 2000,
        catalog: stationCatalog,
        ...(options.maxPerUser !== undefined && { maxPerUser: options.maxPerUser }),
      });
      const readers = { client, timeoutMs: 2000 };
      const evaluator = alertEvaluator({
        repository,
        readings: alertReadings(
          sensorRollupRepository({ ...readers, tableName: tables.sensorRollupsTable }),
          playerRollupRepository({ ...readers, tableName: tables.userRollupsTable }),
        ),
        publisher: snsAlertPublisher({
          client: snsClient({ timeoutMs: 2000 }),
          topicArn: options.topicArn ?? TopicArn!,
          timeoutMs: 2000,
        }),
        logger: new Logger({ serviceName: 'pulse-alerts-test' }),
        budgetMs: options.budgetMs ?? 5000,
      });
      const config = readIngestConfig({
        USER_ROLLUPS_TABLE: tables.userRollupsTable,
        SENSOR_ROLLUPS_TABLE: tables.sensorRollupsTable,
      });
      const common = {
        config,
        writer: rollupWriter({ client }),
        logger: new Logger({ serviceName: 'pulse-ingest-alerts-test' }),
        metrics: new Metrics({ namespace: 'PulseTest', serviceName: 'alerts' }),
        alerts: evaluator,
      };
      return {
        alertsTable,
        repository,
        evaluator,
        persist: createPersistHandler(common),
        aggregate: createAggregateHandler({ ...common, partials: playerPartialWriter(client) }),
      };
    },
    async close() {
      dynamoAdmin.destroy();
      await sns.drain();
      await sns.close();
    },
  };
}
