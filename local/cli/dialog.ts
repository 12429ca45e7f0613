/** `npm run dialog -- test/dialogs/<file>.json`: an ask dialog replay file, played through the local stack's simulated Echo. */
import { connectToLocalStack } from './connect';
import { UsageError } from './errors';
import { readReplayFile, replay } from './replay';
import { simulatorClient } from './simulatorClient';

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new UsageError('usage: npm run dialog -- test/dialogs/<file>.json');
  const file = readReplayFile(path);
  const local = await connectToLocalStack();
  try {
    console.log(`(${file.locale}, through ${local.origin})\n`);
    for (const turn of await replay(file, simulatorClient(local.base))) {
      console.log(`User  > ${turn.user}`);
      console.log(`        [${turn.understood}]`);
      console.log(
        `Alexa > ${turn.alexa || '(silence)'}${turn.endedSession ? '  [session ended]' : ''}\n`,
      );
    }
  } finally {
    await local.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
