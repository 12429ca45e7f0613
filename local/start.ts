/** `npm start`: the local stack on 127.0.0.1, a short banner, and a clean stop on Ctrl-C. */
import { z } from 'zod';
import { readEnvironment } from '../lambda/aws/environment';
import { startStack } from './stack';
import { identityFromEnvironment } from './voiceDevice';

/** A switch: unset or empty takes the default; 0, false, off and no (any case) turn it off, anything else on. */
const flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value) =>
      value === undefined || value === ''
        ? fallback
        : !['0', 'false', 'off', 'no'].includes(value.toLowerCase()),
    );

/** What `npm start` reads from its environment (the Lambdas' own settings are theirs to read). */
const environment = z.object({
  /** The base port; the stack uses it and the seven after it. */
  PULSE_PORT: z
    .string()
    .default('4300')
    .refine(
      (value) => {
        const port = Number(value);
        return Number.isInteger(port) && port >= 1 && port <= 65527;
      },
      {
        error: (issue) =>
          `PULSE_PORT must be a port from 1 to 65527 (the stack uses it and the seven after it), not ${String(issue.input)}`,
      },
    )
    .transform(Number),
  /** Shards of each stream; unset: new streams get one, existing ones keep theirs. */
  PULSE_STREAM_SHARDS: z
    .string()
    .optional()
    .refine(
      (shards) => {
        if (shards === undefined || shards === '') return true;
        const count = Number(shards);
        return Number.isInteger(count) && count >= 1 && count <= 64;
      },
      {
        error: (issue) =>
          `PULSE_STREAM_SHARDS must be a whole number of shards from 1 to 64, not ${String(issue.input)}`,
      },
    )
    .transform((shards) => (shards === undefined || shards === '' ? undefined : Number(shards))),
  PULSE_DATA_DIR: z.string().default('.pulse'),
  PULSE_TELEMETRY: flag(true),
  PULSE_VERIFY_SIGNATURE: flag(false),
  /** Empty or unset: the stack makes one up. */
  PULSE_API_TOKEN: z.string().optional(),
});

async function main(): Promise<void> {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const e = readEnvironment(environment, process.env, 'local stack');
  const stack = await startStack({
    port: e.PULSE_PORT,
    ...(e.PULSE_STREAM_SHARDS === undefined ? {} : { streamShards: e.PULSE_STREAM_SHARDS }),
    dataDir: e.PULSE_DATA_DIR,
    telemetry: e.PULSE_TELEMETRY,
    verifySignature: e.PULSE_VERIFY_SIGNATURE,
    ...(e.PULSE_API_TOKEN ? { apiToken: e.PULSE_API_TOKEN } : {}),
    alexaIdentity: identityFromEnvironment(),
  });
  console.log(
    [
      '',
      `Pulse is up at ${stack.url}`,
      `  skill:     POST ${stack.url}/alexa`,
      `  posts API: ${stack.url}/posts  (Authorization: Bearer ${stack.apiToken})`,
      `  MCP:       ${stack.url}/mcp  (Streamable HTTP; the same Authorization header)`,
      `  health:    ${stack.url}/health`,
      `  alerts:    ${stack.url}/simulator/notifications  (what the Proactive Events API at ${stack.alexaApis.url} accepted)`,
      '',
      'To reach the local services with the AWS CLI or any SDK:',
      ...stack.exports.map((line) => `  ${line}`),
      '',
      'Ctrl-C stops it; state stays in the data directory.',
      '',
    ].join('\n'),
  );
  // The simulated Echo's NLU trains in the background, one locale after another, so the stack is
  // up at once and the first words said in a locale do not wait for its training.
  stack.echo
    .warmUp()
    .then((trained) => {
      const times = trained.map(
        ({ locale, trainingMs }) => `${locale} ${(trainingMs / 1000).toFixed(1)} s`,
      );
      console.log(`Simulated Echo ready to listen (NLU trained: ${times.join(', ')}).`);
    })
    .catch((error: unknown) => {
      console.error('The simulated Echo could not train its NLU:', error);
    });
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
