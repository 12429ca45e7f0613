/** The simulator page on the local stack's base port: type or speak to the skill, hear it, watch the live data. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import type { PollyClient } from '@aws-sdk/client-polly';
import type { RequestEnvelope, ResponseEnvelope, ui } from 'ask-sdk-model';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../domain/locales';
import { dynamoDocumentClient, pollyClient } from '../../lambda/aws/clients';
import { iotDataClient } from '../../lambda/aws/iotDataClient';
import { stationCatalog } from '../../domain/catalog';
import { stationShadows } from '../../lambda/devices/shadows';
import { readPostsConfig } from '../../lambda/posts/config';
import { postsRepository } from '../../lambda/posts/repository';
import { readIngestConfig } from '../../lambda/rollups/ingestConfig';
import { sensorRollupRepository } from '../../lambda/rollups/sensorRollups';
import { playerRollupRepository } from '../../lambda/rollups/playerRollups';
import { SENSOR_TYPES } from '../../domain/vocabulary';
import { handler as skillHandler } from '../../lambda/skill';
import { escapeXml, plainTextOf } from '../../ssml';
import { createVoiceDevice, renderSpeech, type VoiceDevice } from '../voiceDevice';

export interface SimulatorOptions {
  /** The posts API's bearer token, handed to the page (served on loopback only) for its form. */
  readonly apiToken: string;
}

export interface Simulator {
  readonly router: Router;
  /** Drops the open sessions and the kept speech, and releases the SDK clients' sockets. */
  close(): void;
}

const PAGE_DIR = join(__dirname, 'public');
const TIMEOUT_MS = 5000;
/** Enough for a few minutes of conversation; older speech is dropped first. */
const MAX_AUDIO_CLIPS = 200;
/** Session ids come from the page, so the number kept is bounded; the oldest go first. */
const MAX_SESSIONS = 50;
const PLAYER_POINTS = 60;

const sayBody = z.object({
  utterance: z.string().trim().min(1).max(500),
  locale: z.enum(LOCALES),
  sessionId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,64}$/)
    .optional(),
});

interface Session {
  readonly device: Promise<VoiceDevice>;
  /** Turns of one session run one at a time: the device remembers the last turn. */
  queue: Promise<unknown>;
}

/** The response's speech as SSML, whichever form the skill chose. */
function ssmlOf(response: ResponseEnvelope): string {
  const speech = response.response.outputSpeech;
  if (!speech) return '<speak></speak>';
  if (speech.type === 'SSML') return speech.ssml;
  return `<speak>${escapeXml(speech.text)}</speak>`;
}

/** Express 4 does not pass a rejected handler's error on; this does. */
function route(handle: (request: Request, response: Response) => Promise<void>) {
  return (request: Request, response: Response, next: NextFunction): void => {
    handle(request, response).catch(next);
  };
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const dynamo: DynamoDBDocumentClient = dynamoDocumentClient({ timeoutMs: TIMEOUT_MS });
  const iot: IoTDataPlaneClient = iotDataClient({ timeoutMs: TIMEOUT_MS });
  const polly: PollyClient = pollyClient({ timeoutMs: 30_000 });
  const ingest = readIngestConfig();
  const repositoryOptions = { client: dynamo, timeoutMs: TIMEOUT_MS };
  const playerRollups = playerRollupRepository({
    ...repositoryOptions,
    tableName: ingest.userRollupsTable,
  });
  const sensors = sensorRollupRepository({
    ...repositoryOptions,
    tableName: ingest.sensorRollupsTable,
  });
  const shadows = stationShadows({ client: iot, timeoutMs: TIMEOUT_MS });
  const posts = postsRepository({ client: dynamo, tableName: readPostsConfig().table });

  const audio = new Map<string, Buffer>();
  const sessions = new Map<string, Session>();
  const skill = (envelope: RequestEnvelope) => skillHandler(envelope);

  function keep<T>(map: Map<string, T>, key: string, value: T, limit: number): void {
    map.set(key, value);
    // Maps iterate in insertion order, so the first key is the oldest.
    for (const oldest of map.keys()) {
      if (map.size <= limit) break;
      map.delete(oldest);
    }
  }

  function sessionFor(sessionId: string, locale: Locale): Session {
    const key = `${sessionId}/${locale}`;
    let session = sessions.get(key);
    if (!session) {
      session = { device: createVoiceDevice(locale, skill), queue: Promise.resolve() };
      keep(sessions, key, session, MAX_SESSIONS);
    }
    return session;
  }

  const router = express.Router();

  router.get('/', (_request, response) => {
    response.sendFile(join(PAGE_DIR, 'index.html'));
  });

  router.get('/simulator/config', (_request, response) => {
    response.json({ apiToken: options.apiToken, locales: LOCALES });
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
      const { utterance, locale } = parsed.data;
      const sessionId = parsed.data.sessionId ?? randomUUID();
      const session = sessionFor(sessionId, locale);
      const turnDone = session.queue.then(async () => (await session.device).say(utterance));
      // The next turn waits for this one whether it succeeds or not.
      session.queue = turnDone.catch((error: unknown) => error);
      const { request: sent, response: received } = await turnDone;

      const ssml = ssmlOf(received);
      const urls: string[] = [];
      for (const segment of await renderSpeech(ssml, locale, polly)) {
        if (segment.kind === 'clip') {
          urls.push(segment.url);
          continue;
        }
        const id = randomUUID();
        keep(audio, id, segment.mp3, MAX_AUDIO_CLIPS);
        urls.push(`/simulator/audio/${id}`);
      }
      const shouldEndSession = received.response.shouldEndSession === true;
      // An ended session starts afresh next time, as a device does.
      if (shouldEndSession) sessions.delete(`${sessionId}/${locale}`);
      response.json({
        sessionId: shouldEndSession ? randomUUID() : sessionId,
        spoken: plainTextOf(ssml),
        ssml,
        card: (received.response.card as ui.Card | undefined) ?? null,
        shouldEndSession,
        audio: urls,
        request: sent,
        response: received,
      });
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
      const stations = stationCatalog.stations;
      const [players, sensorTable, shadowTable, postPage] = await Promise.all([
        // One-second windows: two minutes holds the last PLAYER_POINTS with room for gaps.
        playerRollups.playerCountsSince(Date.now() - 2 * PLAYER_POINTS * 1000),
        Promise.all(
          stations.map(async (station) => {
            const windows = await Promise.all(
              SENSOR_TYPES.map(async (type) => {
                const expected = stationCatalog.sensorsOfType(station, type).length;
                if (expected === 0) return undefined;
                const window = await sensors.latestSensorWindow(station.id, type, expected);
                return (
                  window && { sensor: type, average: window.average, windowTime: window.windowTime }
                );
              }),
            );
            return {
              stationId: station.id,
              name: station.names['en-US'].name,
              sensors: windows.filter((window) => window !== undefined),
            };
          }),
        ),
        Promise.all(
          stations.map(async (station) => {
            const shadow = await shadows.stationShadow(station.id);
            return {
              stationId: station.id,
              name: station.names['en-US'].name,
              reported: shadow?.reported ?? {},
              desired: shadow?.desired ?? {},
              delta: shadow?.delta ?? {},
            };
          }),
        ),
        posts.list({ limit: 10 }),
      ]);
      response.json({
        players: players
          .slice(-PLAYER_POINTS)
          .map(({ windowTime, userCount }) => ({ windowTime, userCount })),
        sensors: sensorTable,
        shadows: shadowTable,
        posts: postPage.posts.map(({ postId, title, status, locale, createdAt }) => ({
          postId,
          title,
          status,
          locale,
          createdAt,
        })),
      });
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
      const status =
        error instanceof SyntaxError || (error as { type?: string }).type === 'entity.parse.failed'
          ? 400
          : 500;
      response
        .status(status)
        .json({ error: error instanceof Error ? error.message : String(error) });
    },
  );

  return {
    router,
    close() {
      // Sessions are dropped, not ended: ending one would call the skill while the stack stops.
      sessions.clear();
      audio.clear();
      dynamo.destroy();
      iot.destroy();
      polly.destroy();
    },
  };
}
