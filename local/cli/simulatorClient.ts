/** POST /simulator/say from a command: the stack's simulated Echo, one turn at a time, its answer checked on the way in. */
import { z } from 'zod';
import type { Locale } from '../../domain/locales';
import { SimulatorError } from './errors';

const turnSchema = z.object({
  sessionId: z.string().nullable(),
  spoken: z.string(),
  shouldEndSession: z.boolean(),
  audio: z.array(z.string()),
  card: z.looseObject({ type: z.string() }).nullable(),
  understanding: z
    .object({
      intent: z.string(),
      confirmationStatus: z.string(),
      slots: z.record(z.string(), z.string().nullable()),
      resolutions: z.record(
        z.string(),
        z.object({
          status: z.string(),
          values: z.array(z.object({ id: z.string(), name: z.string() })),
        }),
      ),
      confidence: z.number(),
      as: z.string(),
    })
    .nullable(),
  error: z.object({ type: z.string(), detail: z.string() }).nullable(),
});

export type SimulatorTurn = z.infer<typeof turnSchema>;

export interface SayOptions {
  readonly locale: Locale;
  /** The session to go on with; a new one when absent or ended. */
  readonly sessionId?: string;
  /** Render the speech to audio (default true). */
  readonly audio?: boolean;
}

/** Something that hears a user in turns: the stack's simulated Echo over HTTP. */
export interface Conversation {
  say(utterance: string, options: SayOptions): Promise<SimulatorTurn>;
}

export function simulatorClient(base: string): Conversation {
  return {
    async say(utterance, options) {
      const response = await fetch(`${base}/simulator/say`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ utterance, ...options }),
      });
      const body: unknown = await response.json().catch(() => undefined);
      if (!response.ok) {
        const message = (body as { error?: unknown } | undefined)?.error;
        throw new SimulatorError(
          `the simulator answered ${response.status}: ${typeof message === 'string' ? message : 'no message'}`,
        );
      }
      const parsed = turnSchema.safeParse(body);
      if (!parsed.success) {
        throw new SimulatorError(
          `the simulator's answer is not a turn: ${z.prettifyError(parsed.error)}`,
        );
      }
      return parsed.data;
    },
  };
}

/** "PlayersByOsIntent 0.98 {os: iphone → ios}": what the Echo understood, in one line. */
export function understandingLine(turn: SimulatorTurn): string {
  const understood = turn.understanding;
  if (!understood) return '(nothing reached the skill)';
  const slots = Object.entries(understood.slots)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => {
      const resolution = understood.resolutions[name];
      if (!resolution) return `${name}: ${value}`;
      const id = resolution.values[0]?.id;
      return `${name}: ${value} → ${id ?? 'no match'}`;
    });
  const status =
    understood.confirmationStatus === 'NONE' ? '' : ` ${understood.confirmationStatus}`;
  return `${understood.intent}${status} ${understood.confidence.toFixed(2)}${slots.length > 0 ? ` {${slots.join(', ')}}` : ''}`;
}
