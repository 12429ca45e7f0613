/** Reaching the local stack from a command: the one running at PULSE_PORT, or one started for the command. */
import { startStack } from '../stack';
import { identityFromEnvironment } from '../voiceDevice';

export interface LocalStack {
  /** The stack's base URL: its simulator, skill endpoint and posts API. */
  readonly base: string;
  /** Where it came from, for the user: the running stack, or one started for this command. */
  readonly origin: string;
  close(): Promise<void>;
}

async function isRunning(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1500) });
    return response.ok;
  } catch {
    // Nothing listens there: the command starts its own stack.
    return false;
  }
}

/**
 * The running stack at PULSE_PORT, so that a command talks to the same simulated Echo (the same
 * Alexa user, device and open sessions) as the simulator page; else a stack of its own on the
 * same data directory, stopped when the command ends.
 */
export async function connectToLocalStack(): Promise<LocalStack> {
  const port = Number(process.env.PULSE_PORT ?? 4300);
  const base = `http://127.0.0.1:${port}`;
  if (await isRunning(base)) {
    return { base, origin: `the running stack at ${base}`, close: async () => undefined };
  }
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const dataDir = process.env.PULSE_DATA_DIR ?? '.pulse';
  const stack = await startStack({
    port,
    dataDir,
    telemetry: false,
    alexaIdentity: identityFromEnvironment(),
  });
  return {
    base: stack.url,
    origin: `a stack started for this command on ${stack.url} (data in ${dataDir})`,
    close: () => stack.stop(),
  };
}
