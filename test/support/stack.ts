/** The emulators a skill test needs (dynalite and the local shadow service), and data written through their APIs. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IoTDataPlaneClient, UpdateThingShadowCommand } from '@aws-sdk/client-iot-data-plane';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { ensureRollupTables, startDynamo, type LocalDynamo } from '../../local/dynamo';
import { ensureAlertsTable } from '../../local/dynamo/alertsTable';
import { startShadowService, type ShadowService } from '../../local/shadows';
import { sensorRollupToItem } from '../../lambda/rollups/sensorRollupItems';
import type { SensorRollup } from '../../lambda/rollups/sensorRollups';
import { type PlayerRollup } from '../../lambda/rollups/playerRollups';
import { readConfig, type SkillConfig } from '../../lambda/skill/config';
import { playerRollupToItem } from '../../lambda/rollups/playerRollupItems';
import { EMULATOR_CREDENTIALS, useEmulators } from '../../local/environment';

export interface TestStack {
  readonly dynamo: LocalDynamo;
  readonly shadows: ShadowService;
  /** A skill configuration with its own fresh tables (rollups, alerts), so tests do not see each other's data. */
  freshConfig(overrides?: NodeJS.ProcessEnv): Promise<SkillConfig>;
  putPlayerRollups(config: SkillConfig, rollups: readonly PlayerRollup[]): Promise<void>;
  putSensorRollups(config: SkillConfig, rollups: readonly SensorRollup[]): Promise<void>;
  /** Items as they are, 25 to a BatchWriteItem; unprocessed items fail the setup. */
  putItems(table: string, items: readonly Record<string, unknown>[]): Promise<void>;
  updateShadow(stationId: string, state: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the emulators and points the standard AWS_* variables at them, exactly as the local
 * stack does: the code under test finds them the way it finds AWS.
 */
export async function startTestStack(): Promise<TestStack> {
  const dynamo = await startDynamo();
  const shadows = await startShadowService();
  useEmulators({ dynamodb: dynamo.url, iotdata: shadows.url });
  const client = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: dynamo.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  const documents = DynamoDBDocumentClient.from(client);
  const iot = new IoTDataPlaneClient({
    region: 'us-east-1',
    endpoint: shadows.url,
    credentials: EMULATOR_CREDENTIALS,
  });
  const expiresAt = () => Math.floor(Date.now() / 1000) + 7 * 86400;

  async function batchWrite(
    table: string,
    items: readonly Record<string, unknown>[],
  ): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      const chunk = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
      const { UnprocessedItems } = await documents.send(
        new BatchWriteCommand({ RequestItems: { [table]: chunk } }),
      );
      if (UnprocessedItems && Object.keys(UnprocessedItems).length > 0)
        throw new Error('unprocessed items in test setup');
    }
  }

  return {
    dynamo,
    shadows,
    putItems: batchWrite,
    async freshConfig(overrides = {}) {
      const suffix = randomUUID().slice(0, 8);
      const config = readConfig({
        USER_ROLLUPS_TABLE: `users-${suffix}`,
        SENSOR_ROLLUPS_TABLE: `sensors-${suffix}`,
        ALERTS_TABLE: `alerts-${suffix}`,
        ...overrides,
      });
      await ensureRollupTables(client, {
        userRollups: config.userRollupsTable,
        sensorRollups: config.sensorRollupsTable,
      });
      await ensureAlertsTable(client, config.alertsTable);
      return config;
    },
    putPlayerRollups: (config, rollups) =>
      batchWrite(
        config.userRollupsTable,
        rollups.map((r) => playerRollupToItem(r, expiresAt())),
      ),
    putSensorRollups: (config, rollups) =>
      batchWrite(
        config.sensorRollupsTable,
        rollups.map((r) => sensorRollupToItem(r, expiresAt())),
      ),
    async updateShadow(stationId, state) {
      await iot.send(
        new UpdateThingShadowCommand({
          thingName: stationId,
          payload: new TextEncoder().encode(JSON.stringify({ state })),
        }),
      );
    },
    async close() {
      client.destroy();
      iot.destroy();
      await Promise.all([dynamo.close(), shadows.close()]);
    },
  };
}

/** A sensor's 60-second window of 60 readings averaging `avgValue`, with its extremes if given. */
export function temperatureRollup(
  stationId: string,
  sensorId: string,
  windowTime: number,
  avgValue: number,
  extremes?: Pick<SensorRollup, 'minValue' | 'maxValue'>,
): SensorRollup {
  return {
    stationId,
    sensor: 'temp',
    sensorId,
    windowTime,
    avgValue,
    smoothAvgValue: avgValue,
    sum: avgValue * 60,
    count: 60,
    ...extremes,
  };
}

export function playerRollup(
  windowTime: number,
  userCount: number,
  overrides: Partial<PlayerRollup> = {},
): PlayerRollup {
  const android = Math.round(userCount * 0.5);
  const ios = userCount - android;
  const a = Math.round(userCount * 0.6);
  return {
    windowTime,
    userCount,
    byOs: { android, ios, windowsPhone: 0, other: 0 },
    byQuadrant: { A: a, B: userCount - a, C: 0, D: 0 },
    ...overrides,
  };
}
