/** `ask dialog --replay` files, played against the local skill: the same file runs against a deployed skill. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/locales';
import { plainTextOf } from '../../ssml';
import { createVoiceDevice, type SkillEndpoint } from '../voiceDevice';
import { UsageError } from './errors';

/** The ASK CLI's replay format (`ask dialog --replay FILE`). */
const replayFile = z.object({
  skillId: z.string().optional(),
  locale: z.enum(LOCALES),
  type: z.literal('text'),
  userInput: z.array(z.string().min(1)).min(1),
});

export type ReplayFile = z.infer<typeof replayFile>;

export function readReplayFile(path: string): ReplayFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${path} is not a JSON replay file: ${(error as Error).message}`);
  }
  const parsed = replayFile.safeParse(json);
  if (!parsed.success)
    throw new UsageError(
      `${path} is not an ask dialog replay file:\n${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

export interface ReplayTurn {
  readonly user: string;
  readonly alexa: string;
  readonly endedSession: boolean;
}

/** Plays every line of the file in one session, as `ask dialog` does. */
export async function replay(file: ReplayFile, skill: SkillEndpoint): Promise<ReplayTurn[]> {
  const device = await createVoiceDevice(file.locale as Locale, skill);
  const turns: ReplayTurn[] = [];
  for (const user of file.userInput) {
    const { response } = await device.say(user);
    const speech = response.response.outputSpeech;
    turns.push({
      user,
      alexa: speech?.type === 'SSML' ? plainTextOf(speech.ssml) : '',
      endedSession: response.response.shouldEndSession !== false,
    });
  }
  return turns;
}
