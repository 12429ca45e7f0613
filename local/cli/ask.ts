/** `npm run ask -- "how many players are online" [--locale de-DE] [--out answer.mp3]`: one question to the local simulated Echo, spoken. */
import { writeFileSync } from 'node:fs';
import { isLocale, LOCALES } from '../../domain/locales';
import { connectToLocalStack } from './connect';
import { SimulatorError, UsageError } from './errors';
import { simulatorClient, understandingLine } from './simulatorClient';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(index, 2);
  return value;
}

/** The speech the simulator rendered (its own /simulator/audio clips), one MP3 after the other. */
async function speechMp3(base: string, urls: readonly string[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const url of urls.filter((u) => u.startsWith('/simulator/audio/'))) {
    const response = await fetch(new URL(url, base));
    if (!response.ok) throw new SimulatorError(`${url} answered ${response.status}`);
    parts.push(Buffer.from(await response.arrayBuffer()));
  }
  return Buffer.concat(parts);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const locale = option(args, '--locale') ?? 'en-US';
  const out = option(args, '--out') ?? 'answer.mp3';
  if (!isLocale(locale)) {
    throw new UsageError(`--locale must be one of ${LOCALES.join(', ')}, not ${locale}`);
  }
  const utterance = args.join(' ').trim();
  if (utterance === '') {
    throw new UsageError(
      'usage: npm run ask -- "how many players are online" [--locale de-DE] [--out answer.mp3]',
    );
  }
  const local = await connectToLocalStack();
  try {
    const turn = await simulatorClient(local.base).say(utterance, { locale });
    console.log(`(asked ${local.origin})`);
    console.log(`[${understandingLine(turn)}]`);
    console.log(turn.spoken || '(no speech)');
    const card = turn.card;
    if (card?.type === 'Simple' || card?.type === 'Standard') {
      const text = typeof card.content === 'string' ? card.content : card.text;
      console.log(`\n[card] ${String(card.title ?? '')}: ${String(text ?? '')}`);
    }
    if (turn.error) console.log(`\n[error] ${turn.error.type}: ${turn.error.detail}`);
    const mp3 = await speechMp3(local.base, turn.audio);
    if (mp3.length > 0) {
      writeFileSync(out, mp3);
      console.log(`\nsaved the speech to ${out}`);
    }
    for (const url of turn.audio.filter((u) => !u.startsWith('/simulator/audio/'))) {
      console.log(`audio clip: ${url}`);
    }
  } finally {
    await local.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
