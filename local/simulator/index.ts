/** The simulator on the local stack's base port: a simulated Echo to talk to (POST /simulator/say), its speech, and the live data behind the page. */
import type { PollyClient } from '@aws-sdk/client-polly';
import type { RequestEnvelope } from 'ask-sdk-model';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../../domain/locales';
import { dynamoDocumentClient, pollyClient } from '../../lambda/aws/clients';
import { iotDataClient } from '../../lambda/aws/iotDataClient';
import type { SkillHandler } from '../../lambda/skill';
import { readConfig } from '../../lambda/skill/config';
import {
  createLocalEcho,
  EchoLocaleError,
  InvalidSpeechError,
  renderSpeech,
  SessionLocaleMismatchError,
  type EchoIdentity,
  type EchoTurn,
  type SimulatedEcho,
} from '../voiceDevice';
import { liveStateReader } from './liveState';

export interface SimulatorOptions {
  /** The posts API's bearer token, handed to the page (served on loopback only) for its form. */
  readonly apiToken: string;
  /** The Alexa user and device of the simulated Echo (default: stable ids of the local skill). */
  readonly identity?: Partial<EchoIdentity>;
  /** The stack's skill handler (one per stack, built with the stack's emulator endpoints). */
  readonly skill: SkillHandler;
}

export interface Simulator {
  readonly router: Router;
  /** The simulated Echo the page, `npm run ask` and `npm run dialog` talk to. */
  readonly echo: SimulatedEcho;
  /** Drops the kept speech and releases the SDK clients' sockets. */
  close(): void;
}

const PAGE_DIR = join(__dirname, 'public');
const TIMEOUT_MS = 5000;
/** Enough for a few minutes of conversation; older speech is dropped first. */
const MAX_AUDIO_CLIPS = 200;
/** Longer than anyone says in one breath. */
const MAX_UTTERANCE_CHARACTERS = 500;

const sayBody = z.object({
  utterance: z.string().trim().min(1).max(MAX_UTTERANCE_CHARACTERS),
  locale: z.enum(LOCALES),
  /** The session to go on with, as an earlier answer returned it; a new one when it has ended. */
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9.:_-]{1,128}$/)
    .optional(),
  /** false: answer without rendering the speech to audio (for scripts that only read the words). */
  audio: z.boolean().optional(),
});

/** The parts of a turn a person (or a script) reads: what was understood and what was said. */
function turnBody(turn: EchoTurn) {
  return {
    sessionId: turn.sessionId ?? null,
    heard: turn.heard,
    spoken: turn.spoken,
    ssml: turn.ssml,
    reprompt: turn.reprompt ?? null,
    card: turn.card ?? null,
    shouldEndSession: turn.shouldEndSession,
    understanding: turn.understanding ?? null,
    awaiting: turn.awaiting ?? null,
    error: turn.error ?? null,
    request: turn.request ?? null,
    response: turn.response ?? null,
    exchanges: turn.exchanges.map((exchange) => ({
      type: exchange.request.request.type,
      requestId: exchange.request.request.requestId,
      ...(exchange.error ? { error: exchange.error } : {}),
    })),
  };
}

/** Express 4 does not pass a rejected handler's error on; this does. */
function route(handle: (request: Request, response: Response) => Promise<void>) {
  return (request: Request, response: Response, next: NextFunction): void => {
    handle(request, response).catch(next);
  };
}

function keep<T>(map: Map<string, T>, key: string, value: T, limit: number): void {
  map.set(key, value);
  // Maps iterate in insertion order, so the first key is the oldest.
  for (const oldest of map.keys()) {
    if (map.size <= limit) break;
    map.delete(oldest);
  }
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const dynamo = dynamoDocumentClient({ timeoutMs: TIMEOUT_MS });
  const iot = iotDataClient({ timeoutMs: TIMEOUT_MS });
  const polly: PollyClient = pollyClient({ timeoutMs: 30_000 });
  const state = liveStateReader({ dynamo, iot, timeoutMs: TIMEOUT_MS });
  const audio = new Map<string, Buffer>();
  // The Echo is Alexa to the skill: the skill id it checks, the SSML it answers with (the local
  // posts play from s3rver over plain http, which only the simulator's SSML allows).
  const skill = readConfig();
  const echo = createLocalEcho({
    skill: (envelope: RequestEnvelope) => options.skill(envelope),
    ssmlTarget: skill.ssmlTarget,
    ...(skill.skillId ? { skillId: skill.skillId } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
  });

  /** The turn's speech as URLs to play in order: spoken parts from the local Polly, <audio> clips as they are. */
  async function speechUrls(turn: EchoTurn): Promise<string[]> {
    if (turn.ssml === '') return [];
    const urls: string[] = [];
    for (const segment of await renderSpeech(turn.ssml, turn.locale, polly)) {
      if (segment.kind === 'clip') {
        urls.push(segment.url);
        continue;
      }
      const id = randomUUID();
      keep(audio, id, segment.mp3, MAX_AUDIO_CLIPS);
      urls.push(`/simulator/audio/${id}`);
    }
    return urls;
  }

  const router = express.Router();

  router.get('/', (_request, response) => {
    response.sendFile(join(PAGE_DIR, 'index.html'));
  });

  router.get('/simulator/config', (_request, response) => {
    response.json({
      apiToken: options.apiToken,
      locales: LOCALES,
      skillId: echo.skillId,
      identity: echo.identity,
    });
  });

  router.post(
    '/simulator/say',
    express.json({ limit: '16kb' }),
    route(async (request, response) => {
      const parsed = sayBody.safeParse(request.body);
      if (!parsed.success) {
        response.status(400).json({ error: z.prettifyError(parsed.error) });
        return;
      }
      const { utterance, locale, sessionId, audio: withAudio = true } = parsed.data;
      const turn = await echo.say(utterance, { locale, ...(sessionId ? { sessionId } : {}) });
      response.json({ ...turnBody(turn), audio: withAudio ? await speechUrls(turn) : [] });
    }),
  );

  router.get('/simulator/audio/:id', (request, response) => {
    const mp3 = audio.get(request.params.id ?? '');
    if (!mp3) {
      response.status(404).json({ error: 'no such audio' });
      return;
    }
    response.type('audio/mpeg').send(mp3);
  });

  router.get(
    '/simulator/state',
    route(async (_request, response) => {
      response.json(await state.read());
    }),
  );

  // Errors come back as JSON the page can show; the status says whose fault it was.
  router.use(
    '/simulator',
    (error: unknown, _request: Request, response: Response, next: NextFunction) => {
      if (response.headersSent) {
        next(error);
        return;
      }
      const callersFault =
        error instanceof SyntaxError ||
        (error as { type?: string }).type === 'entity.parse.failed' ||
        error instanceof InvalidSpeechError ||
        error instanceof EchoLocaleError ||
        error instanceof SessionLocaleMismatchError;
      response
        .status(callersFault ? 400 : 500)
        .json({ error: error instanceof Error ? error.message : String(error) });
    },
  );

  return {
    router,
    echo,
    close() {
      audio.clear();
      dynamo.destroy();
      iot.destroy();
      polly.destroy();
    },
  };
}
