/** Reaching the local skill from a command: the running stack at PULSE_PORT, or one started for the command. */
import { PollyClient } from '@aws-sdk/client-polly';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { startStack } from '../stack';
import type { SkillEndpoint } from '../voiceDevice';
import { SkillEndpointError } from './errors';

export interface LocalSkill {
  readonly skill: SkillEndpoint;
  readonly polly: PollyClient;
  /** Where it came from, for the user: "the running stack" or "a stack started for this command". */
  readonly origin: string;
  close(): Promise<void>;
}

interface Health {
  status: string;
  endpoints: { polly: string };
}

async function runningStack(base: string): Promise<Health | undefined> {
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1500) });
    return response.ok ? ((await response.json()) as Health) : undefined;
  } catch {
    // Nothing listens there: the command starts its own stack.
    return undefined;
  }
}

/** POST /alexa of a stack, as Alexa would call a self-hosted skill. */
function httpSkill(base: string): SkillEndpoint {
  return async (envelope: RequestEnvelope) => {
    const response = await fetch(`${base}/alexa`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(envelope),
    });
    if (!response.ok)
      throw new SkillEndpointError(
        `the skill answered ${response.status}: ${await response.text()}`,
      );
    return (await response.json()) as ResponseEnvelope;
  };
}

function pollyAt(endpoint: string): PollyClient {
  return new PollyClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
}

export async function connectToLocalSkill(): Promise<LocalSkill> {
  const port = Number(process.env.PULSE_PORT ?? 4300);
  const base = `http://127.0.0.1:${port}`;
  const health = await runningStack(base);
  if (health) {
    const polly = pollyAt(health.endpoints.polly);
    return {
      skill: httpSkill(base),
      polly,
      origin: `the running stack at ${base}`,
      close: async () => polly.destroy(),
    };
  }
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const stack = await startStack({
    port,
    dataDir: process.env.PULSE_DATA_DIR ?? '.pulse',
    telemetry: false,
  });
  const polly = pollyAt(stack.endpoints.polly);
  return {
    skill: httpSkill(stack.url),
    polly,
    origin: `a stack started for this command on ${stack.url} (data in ${process.env.PULSE_DATA_DIR ?? '.pulse'})`,
    async close() {
      polly.destroy();
      await stack.stop();
    },
  };
}
