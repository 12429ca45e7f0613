/** Local emulator of Amazon Polly's SynthesizeSpeech and DescribeVoices (REST-JSON), for the real @aws-sdk/client-polly. */
import { randomUUID } from 'node:crypto';
import { durationMs, mp3BitRate, pcmBytes, resample } from './audio';
import {
  INJECTED_MESSAGES,
  PollyError,
  isPollyErrorType,
  type ErrorDetails,
  type PollyErrorType,
} from './errors';
import { mulberry32 } from '../random';
import { TokenBucket, type RateLimit, type ThrottleOptions } from './faults';
import {
  encodeNextToken,
  parseDescribeVoices,
  parseSynthesizeRequest,
  requestedEngine,
  type SynthesizeRequest,
} from './requests';
import { serveHttp1And2, type AnyRequest, type AnyResponse } from './protocols';
import { espeakInputFor, serializeMarks, speechMarks } from './speechMarks';
import { startSynthesizer, type Synthesizer } from './synthesizer';
import { describeVoice, espeakVoiceFor, matchingVoices } from './voices';
import { readBody } from '../requestBody';

export interface PollyOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Added to every response, on top of the time synthesis takes. */
  latencyMs?: number;
  /** Request-rate quotas; beyond them requests are answered ThrottlingException (POLLY_RATE_LIMITS has Polly's own). */
  throttle?: ThrottleOptions;
  /** Every Nth SynthesizeSpeech call is answered ServiceFailureException (500). */
  failEvery?: number;
  /** Share (0–1) of SynthesizeSpeech calls answered ServiceFailureException, drawn from a seeded random. */
  failureRate?: number;
  /** Seed of failureRate's random; the same seed fails the same calls. Default 1. */
  seed?: number;
  /** espeak-ng worker threads; synthesis beyond them waits its turn. Default 1. */
  workers?: number;
  /** Voices per DescribeVoices page (Polly returns them all at once; the default 100 does too). */
  describeVoicesPageSize?: number;
  /** Epoch milliseconds, for the throttle's token buckets. */
  now?: () => number;
}

export interface PollyStats {
  /** SynthesizeSpeech requests received, whatever their outcome. */
  synthesizeCalls: number;
  describeVoicesCalls: number;
  /** SynthesizeSpeech requests answered with audio or speech marks. */
  synthesized: number;
  /** Sum of x-amzn-RequestCharacters over the synthesized requests. */
  billedCharacters: number;
  /** Length of the speech synthesized, in ms (speech marks requests included). */
  audioMs: number;
  /** Requests refused by the throttle. */
  throttled: number;
  /** Requests failed on purpose (failNext, failEvery, failureRate). */
  injectedFailures: number;
  /** Error answers by exception name, throttling and injected failures included. */
  errors: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
}

export interface PollyEmulator {
  readonly url: string;
  readonly port: number;
  /** Stops listening, drops open connections and terminates the espeak workers. */
  close(): Promise<void>;
  setLatency(ms: number): void;
  /** Replaces the quotas (undefined: no throttling); buckets start full. */
  setThrottle(throttle: ThrottleOptions | undefined): void;
  /** Answers the next `times` requests (of any operation) with this exception instead of serving them. */
  failNext(code: PollyErrorType, times?: number, message?: string): void;
  stats(): PollyStats;
}

const MAX_REQUEST_BYTES = 256 * 1024;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function errorReply(error: unknown): { reply: Reply; type: PollyErrorType } {
  const failure =
    error instanceof PollyError
      ? error
      : new PollyError(
          'ServiceFailureException',
          `Internal service failure in the local Polly emulator: ${error instanceof Error ? error.message : String(error)}`,
        );
  const details: ErrorDetails = failure.details;
  return {
    type: failure.type,
    reply: {
      status: failure.status,
      // The SDK picks the exception class from this header; the body carries the message.
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': failure.type },
      body: Buffer.from(JSON.stringify({ ...details, message: failure.message })),
    },
  };
}

/** The body as text; one past the limit is refused as Polly refuses a malformed request. */
async function bodyText(request: AnyRequest): Promise<string> {
  const { bytes, size, tooLarge } = await readBody(
    request as AsyncIterable<Buffer>,
    MAX_REQUEST_BYTES,
  );
  if (tooLarge) {
    throw new PollyError(
      'ValidationException',
      `The request body is ${size} bytes; the local Polly emulator reads at most ${MAX_REQUEST_BYTES}`,
    );
  }
  return bytes.toString('utf8');
}

type Operation = 'SynthesizeSpeech' | 'DescribeVoices';

function operationOf(method: string, path: string): Operation {
  if (method === 'POST' && path === '/v1/speech') return 'SynthesizeSpeech';
  if (method === 'GET' && path === '/v1/voices') return 'DescribeVoices';
  throw new PollyError(
    'UnknownOperationException',
    `${method} ${path}: the local Polly emulator implements SynthesizeSpeech (POST /v1/speech) and DescribeVoices (GET /v1/voices) only`,
  );
}

interface Buckets {
  standard?: TokenBucket;
  neural?: TokenBucket;
  describeVoices?: TokenBucket;
}

function bucketsFor(throttle: ThrottleOptions | undefined, now: () => number): Buckets {
  const bucket = (limit: RateLimit | undefined) =>
    limit === undefined ? undefined : new TokenBucket(limit, now);
  return {
    standard: bucket(throttle?.standard),
    neural: bucket(throttle?.neural),
    describeVoices: bucket(throttle?.describeVoices),
  };
}

export async function startPolly(options: PollyOptions = {}): Promise<PollyEmulator> {
  const now = options.now ?? Date.now;
  const pageSize = Math.max(1, options.describeVoicesPageSize ?? 100);
  // Seeded, so that a failure ratio fails the same calls on every run.
  const random = mulberry32(options.seed ?? 1);
  const synthesizer: Synthesizer = await startSynthesizer({ workers: options.workers ?? 1 });
  // Resolvers of responses held back by latency, so close() can release them at once.
  const pendingDelays = new Map<NodeJS.Timeout, () => void>();
  let latencyMs = options.latencyMs ?? 0;
  let buckets = bucketsFor(options.throttle, now);
  let injected: { type: PollyErrorType; message: string; remaining: number } | undefined;
  const counters: PollyStats = {
    synthesizeCalls: 0,
    describeVoicesCalls: 0,
    synthesized: 0,
    billedCharacters: 0,
    audioMs: 0,
    throttled: 0,
    injectedFailures: 0,
    errors: {},
    inFlight: 0,
    maxInFlight: 0,
  };

  const takeInjected = (): PollyError | undefined => {
    if (injected === undefined) return undefined;
    const { type, message } = injected;
    injected.remaining -= 1;
    if (injected.remaining <= 0) injected = undefined;
    counters.injectedFailures += 1;
    return new PollyError(type, message);
  };

  const throttleFor = (operation: Operation, body: string): PollyError | undefined => {
    let bucket: TokenBucket | undefined;
    if (operation === 'DescribeVoices') bucket = buckets.describeVoices;
    else bucket = requestedEngine(body) === 'standard' ? buckets.standard : buckets.neural;
    if (bucket === undefined || bucket.take()) return undefined;
    counters.throttled += 1;
    return new PollyError('ThrottlingException', 'Rate exceeded');
  };

  const randomFailure = (): PollyError | undefined => {
    const every = options.failEvery;
    const byCount = every !== undefined && every > 0 && counters.synthesizeCalls % every === 0;
    // Drawn for every call that gets this far, so with the same seed the same calls fail.
    const byChance = random() < (options.failureRate ?? 0);
    if (!byCount && !byChance) return undefined;
    counters.injectedFailures += 1;
    return new PollyError('ServiceFailureException', INJECTED_MESSAGES.ServiceFailureException);
  };

  const synthesize = async (request: SynthesizeRequest): Promise<Reply> => {
    const { input, sourceIndex } = espeakInputFor(request.text, request.textType);
    const speech = await synthesizer.speak(
      input,
      espeakVoiceFor(request.voice, request.languageCode),
    );
    const totalMs = durationMs(speech.samples.length, speech.sampleRate);
    let body: Buffer;
    let contentType: string;
    if (request.outputFormat === 'json') {
      const marks = speechMarks({
        text: request.text,
        textType: request.textType,
        types: request.speechMarkTypes,
        layout: request.layout,
        events: speech.events,
        sourceIndex,
        totalMs,
      });
      body = Buffer.from(serializeMarks(marks));
      contentType = 'application/x-json-stream';
    } else {
      const samples = resample(speech.samples, speech.sampleRate, request.sampleRate);
      if (request.outputFormat === 'pcm') {
        body = pcmBytes(samples);
        contentType = 'audio/pcm';
      } else {
        const kbps = mp3BitRate(request.sampleRate);
        body = Buffer.from(await synthesizer.encodeMp3(samples, request.sampleRate, kbps));
        contentType = 'audio/mpeg';
      }
    }
    counters.synthesized += 1;
    counters.billedCharacters += request.layout.billedCharacters;
    counters.audioMs += totalMs;
    return {
      status: 200,
      headers: {
        'content-type': contentType,
        'x-amzn-requestcharacters': String(request.layout.billedCharacters),
      },
      body,
    };
  };

  const describeVoices = (query: URLSearchParams): Reply => {
    const request = parseDescribeVoices(query);
    const voices = matchingVoices(request);
    const page = voices.slice(request.offset, request.offset + pageSize);
    const next = request.offset + pageSize;
    const payload = {
      Voices: page.map(describeVoice),
      ...(next < voices.length && { NextToken: encodeNextToken(next) }),
    };
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify(payload)),
    };
  };

  const serve = async (request: AnyRequest): Promise<Reply> => {
    const body = await bodyText(request);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const operation = operationOf(request.method ?? 'GET', url.pathname);
    if (operation === 'SynthesizeSpeech') counters.synthesizeCalls += 1;
    else counters.describeVoicesCalls += 1;
    const fault =
      takeInjected() ??
      throttleFor(operation, body) ??
      (operation === 'SynthesizeSpeech' ? randomFailure() : undefined);
    if (fault !== undefined) throw fault;
    if (operation === 'DescribeVoices') return describeVoices(url.searchParams);
    return synthesize(parseSynthesizeRequest(body));
  };

  const delay = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        pendingDelays.delete(timer);
        resolve();
      }, ms);
      pendingDelays.set(timer, resolve);
    });

  const handle = async (request: AnyRequest, response: AnyResponse): Promise<void> => {
    counters.inFlight += 1;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    let reply: Reply;
    try {
      reply = await serve(request);
    } catch (error) {
      const failure = errorReply(error);
      counters.errors[failure.type] = (counters.errors[failure.type] ?? 0) + 1;
      reply = failure.reply;
    }
    if (latencyMs > 0) await delay(latencyMs);
    counters.inFlight -= 1;
    // Header names are lower case: HTTP/2 requires it, and the SDK matches them in any case.
    response.writeHead(reply.status, {
      ...reply.headers,
      'content-length': String(reply.body.length),
      'x-amzn-requestid': randomUUID(),
    });
    response.end(reply.body);
  };

  const listening = await serveHttp1And2(
    (request, response) => void handle(request, response),
    options.port ?? 0,
  ).catch(async (error: unknown) => {
    await synthesizer.close();
    throw error;
  });

  return {
    url: listening.url,
    port: listening.port,
    async close() {
      for (const [timer, release] of pendingDelays) {
        clearTimeout(timer);
        release();
      }
      pendingDelays.clear();
      await listening.close();
      await synthesizer.close();
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setThrottle(throttle) {
      buckets = bucketsFor(throttle, now);
    },
    failNext(code, times = 1, message) {
      if (!isPollyErrorType(code))
        throw new RangeError(`unknown Polly error type "${String(code)}"`);
      injected = { type: code, message: message ?? INJECTED_MESSAGES[code], remaining: times };
    },
    stats() {
      return { ...counters, errors: { ...counters.errors } };
    },
  };
}
