/** The whole local stack (as `npm start` runs it), talked to through POST /simulator/say, with data put in through the real SDK clients. */
import {
  DeleteThingShadowCommand,
  GetThingShadowCommand,
  ResourceNotFoundException,
  UpdateThingShadowCommand,
} from '@aws-sdk/client-iot-data-plane';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dynamoDocumentClient } from '../../lambda/aws/clients';
import { iotDataClient } from '../../lambda/aws/iotDataClient';
import { playerRollupToItem } from '../../lambda/rollups/playerRollupItems';
import type { PlayerRollup } from '../../lambda/rollups/playerRollups';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { simulatorClient, type Conversation } from '../../local/cli/simulatorClient';
import { startStack, type Stack } from '../../local/stack';
import { freeBasePort } from './ports';

export interface SimulatorStack {
  readonly stack: Stack;
  /** POST /simulator/say of the stack. */
  readonly echo: Conversation;
  putPlayerRollups(rollups: readonly PlayerRollup[]): Promise<void>;
  /** What a station reports, as its device would write it. */
  report(stationId: string, reported: Record<string, unknown>): Promise<void>;
  /** A shadow that holds only what the station reports: nothing desired, nothing pending. */
  resetShadow(stationId: string, reported: Record<string, unknown>): Promise<void>;
  /** The station's desired state, or undefined when nothing is asked of it. */
  desiredOf(stationId: string): Promise<Record<string, unknown> | undefined>;
  /**
   * The simulated user turns Pulse's notifications on (the events given) or off (none): Alexa's
   * AlexaSkillEvent.ProactiveSubscriptionChanged request, posted to the skill at POST /alexa.
   */
  subscribe(eventNames: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** A stack of its own on free ports, in a temporary data directory, without telemetry. */
export async function startSimulatorStack(): Promise<SimulatorStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pulse-simulator-stack-'));
  const stack = await startStack({ port: await freeBasePort(), dataDir, telemetry: false });
  // The stack has pointed this process's SDK clients at itself.
  const dynamo = dynamoDocumentClient({ timeoutMs: 5000 });
  const iot = iotDataClient({ timeoutMs: 5000 });
  const local: SimulatorStack = {
    stack,
    echo: simulatorClient(stack.url),
    async putPlayerRollups(rollups) {
      const expiresAt = Math.floor(Date.now() / 1000) + 86400;
      const items = rollups.map((rollup) => ({
        PutRequest: { Item: playerRollupToItem(rollup, expiresAt) },
      }));
      await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [readIngestConfig().userRollupsTable]: items } }),
      );
    },
    async report(stationId, reported) {
      const payload = new TextEncoder().encode(JSON.stringify({ state: { reported } }));
      await iot.send(new UpdateThingShadowCommand({ thingName: stationId, payload }));
    },
    async resetShadow(stationId, reported) {
      try {
        await iot.send(new DeleteThingShadowCommand({ thingName: stationId }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      await local.report(stationId, reported);
    },
    async desiredOf(stationId) {
      const { payload } = await iot.send(new GetThingShadowCommand({ thingName: stationId }));
      const document = JSON.parse(new TextDecoder().decode(payload)) as {
        state: { desired?: Record<string, unknown> };
      };
      return document.state.desired;
    },
    async subscribe(eventNames) {
      const application = { applicationId: stack.echo.skillId };
      const user = { userId: stack.echo.identity.userId };
      const now = new Date().toISOString();
      const response = await fetch(`${stack.url}/alexa`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          version: '1.0',
          context: { System: { application, user, apiEndpoint: 'https://api.amazonalexa.com' } },
          request: {
            type: 'AlexaSkillEvent.ProactiveSubscriptionChanged',
            requestId: `amzn1.echo-api.request.${randomUUID()}`,
            timestamp: now,
            eventCreationTime: now,
            eventPublishingTime: now,
            ...(eventNames.length > 0 && {
              body: { subscriptions: eventNames.map((eventName) => ({ eventName })) },
            }),
          },
        }),
      });
      if (!response.ok)
        throw new Error(
          `the skill refused the subscription event: ${response.status} ${await response.text()}`,
        );
    },
    async close() {
      dynamo.destroy();
      iot.destroy();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return local;
}
