/** `npm run ask -- "how many players are online" [--locale de-DE] [--out answer.mp3]`: one question, spoken. */
import { writeFileSync } from 'node:fs';
import { isLocale, type Locale } from '../../domain/locales';
import { plainTextOf } from '../../ssml';
import { createVoiceDevice, renderSpeech } from '../voiceDevice';
import { connectToLocalSkill } from './connect';
import { UsageError } from './errors';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(index, 2);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const locale = option(args, '--locale') ?? 'en-US';
  const out = option(args, '--out') ?? 'answer.mp3';
  if (!isLocale(locale))
    throw new UsageError(`--locale must be en-US, en-GB or de-DE, not ${locale}`);
  const utterance = args.join(' ').trim();
  if (utterance === '')
    throw new UsageError(
      'usage: npm run ask -- "how many players are online" [--locale de-DE] [--out answer.mp3]',
    );

  const local = await connectToLocalSkill();
  try {
    const device = await createVoiceDevice(locale as Locale, local.skill);
    const { response } = await device.say(utterance);
    const speech = response.response.outputSpeech;
    const ssml = speech?.type === 'SSML' ? speech.ssml : '';
    console.log(`(asked ${local.origin})`);
    console.log(ssml ? plainTextOf(ssml) : '(no speech)');
    const card = response.response.card;
    if (card && card.type === 'Simple') console.log(`\n[card] ${card.title}: ${card.content}`);
    if (ssml) {
      const segments = await renderSpeech(ssml, locale, local.polly);
      const speechMp3 = Buffer.concat(
        segments.flatMap((s) => (s.kind === 'speech' ? [s.mp3] : [])),
      );
      writeFileSync(out, speechMp3);
      console.log(`\nsaved the speech to ${out}`);
      for (const segment of segments)
        if (segment.kind === 'clip') console.log(`audio clip: ${segment.url}`);
    }
  } finally {
    await local.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
