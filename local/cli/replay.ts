/** `ask dialog --replay` files, played through the local simulated Echo: the same file runs against a deployed skill. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LOCALES } from '../../domain/locales';
import { UsageError } from './errors';
import { understandingLine, type Conversation } from './simulatorClient';

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
  /** What the Echo understood: intent, confirmation, confidence, slots and their resolutions. */
  readonly understood: string;
  readonly endedSession: boolean;
}

/**
 * Plays every line of the file as `ask dialog` does: one line after the other in one session,
 * and after a line that ends the session, the next one starts a new session.
 */
export async function replay(file: ReplayFile, echo: Conversation): Promise<ReplayTurn[]> {
  const turns: ReplayTurn[] = [];
  let sessionId: string | undefined;
  for (const user of file.userInput) {
    const turn = await echo.say(user, {
      locale: file.locale,
      audio: false,
      ...(sessionId ? { sessionId } : {}),
    });
    sessionId = turn.shouldEndSession ? undefined : (turn.sessionId ?? undefined);
    turns.push({
      user,
      alexa: turn.spoken,
      understood: understandingLine(turn),
      endedSession: turn.shouldEndSession,
    });
  }
  return turns;
}
