/** `npm run dialog -- test/dialogs/<file>.json`: an ask dialog replay file, played against the local skill. */
import { connectToLocalSkill } from './connect';
import { readReplayFile, replay } from './replay';
import { UsageError } from './errors';

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new UsageError('usage: npm run dialog -- test/dialogs/<file>.json');
  const file = readReplayFile(path);
  const local = await connectToLocalSkill();
  try {
    console.log(`(${file.locale}, against ${local.origin})\n`);
    for (const turn of await replay(file, local.skill)) {
      console.log(`User  > ${turn.user}`);
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
