/** `npm start`: the local stack on 127.0.0.1, a short banner, and a clean stop on Ctrl-C. */
import { startStack } from './stack';

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'off', 'no'].includes(value.toLowerCase());
}

async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const port = Number(process.env.PULSE_PORT ?? 4300);
  if (!Number.isInteger(port) || port < 1 || port > 65528) {
    throw new Error(
      `PULSE_PORT must be a port from 1 to 65528 (the stack uses it and the six after it), not ${process.env.PULSE_PORT}`,
    );
  }
  const shards = process.env.PULSE_STREAM_SHARDS;
  const streamShards = shards === undefined || shards === '' ? undefined : Number(shards);
  if (
    streamShards !== undefined &&
    !(Number.isInteger(streamShards) && streamShards >= 1 && streamShards <= 64)
  ) {
    throw new Error(
      `PULSE_STREAM_SHARDS must be a whole number of shards from 1 to 64, not ${shards}`,
    );
  }
  const stack = await startStack({
    port,
    ...(streamShards === undefined ? {} : { streamShards }),
    dataDir: process.env.PULSE_DATA_DIR ?? '.pulse',
    telemetry: flag(process.env.PULSE_TELEMETRY, true),
    verifySignature: flag(process.env.PULSE_VERIFY_SIGNATURE, false),
    ...(process.env.PULSE_API_TOKEN ? { apiToken: process.env.PULSE_API_TOKEN } : {}),
  });
  console.log(
    [
      '',
      `Pulse is up at ${stack.url}`,
      `  skill:     POST ${stack.url}/alexa`,
      `  posts API: ${stack.url}/posts  (Authorization: Bearer ${stack.apiToken})`,
      `  health:    ${stack.url}/health`,
      '',
      'To reach the local services with the AWS CLI or any SDK:',
      ...stack.exports.map((line) => `  ${line}`),
      '',
      'Ctrl-C stops it; state stays in the data directory.',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    stack
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
