/** Worker thread of the local Polly emulator: speaks text with espeak-ng and encodes MP3 with lamejs, off the server's event loop. */
// Plain Node ESM on purpose: espeak-ng-emscripten is an ES module, which jest's CommonJS runtime
// cannot load; a worker thread runs real Node and keeps the CPU-heavy work away from the server.
// Message shapes are declared (and every reply checked) in synthesizer.ts.
import process from 'node:process';
import { parentPort } from 'node:worker_threads';
import { Mp3Encoder } from '@breezystack/lamejs';
import initialiseEspeak from '@echogarden/espeak-ng-emscripten';

const ESPEAK_SAMPLE_RATE = 22050;
/** espeak events the emulator turns into speech marks; the rest (play, samplerate, …) are noise. */
const KEPT_EVENTS = new Set(['word', 'sentence', 'mark', 'phoneme', 'end']);
// MPEG sampling-rate index per version bits (0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1).
const MPEG_RATES = { 0: [11025, 12000, 8000], 2: [22050, 24000, 16000], 3: [44100, 48000, 32000] };

const port = parentPort;
if (port === null) throw new Error('espeakWorker.mjs must run in a worker thread');

let espeak;
let engine;
let broken = false;
try {
  espeak = await initialiseEspeak();
  engine = new espeak.eSpeakNGWorker();
} catch (error) {
  port.postMessage({ kind: 'startFailed', message: describe(error) });
  process.exit(1);
}

function describe(error) {
  return error instanceof Error ? error.message : String(error);
}

/** @param {{ input: string, voice: string }} job */
function synthesize({ input, voice }) {
  // set_voice keeps the previous voice when it fails, which would speak in the wrong language.
  const status = engine.set_voice(voice);
  if (status !== 0) throw new Error(`espeak-ng has no voice "${voice}" (status ${status})`);
  const chunks = [];
  const events = [];
  let length = 0;
  const collect = (samples, chunkEvents) => {
    // The callback's samples are a copy (HEAP16.slice), safe to keep after it returns.
    chunks.push(samples);
    length += samples.length;
    for (const event of chunkEvents) {
      if (!KEPT_EVENTS.has(event.type)) continue;
      events.push({
        type: event.type,
        position: event.text_position,
        length: event.word_length,
        ms: event.audio_position,
        ...(event.id !== undefined && { id: String(event.id) }),
      });
    }
    return false; // true would ask espeak to stop
  };
  try {
    engine.synthesize(input, collect);
  } catch (error) {
    // An abort inside espeak (a WebAssembly trap) leaves its memory unusable: this worker is done.
    broken = true;
    throw error;
  }
  const samples = new Int16Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    samples.set(chunk, offset);
    offset += chunk.length;
  }
  return { samples, sampleRate: ESPEAK_SAMPLE_RATE, events };
}

function bytesOf(view) {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** @param {{ samples: Int16Array, sampleRate: number, kbps: number }} job */
function encodeMp3({ samples, sampleRate, kbps }) {
  const encoder = new Mp3Encoder(1, sampleRate, kbps);
  const parts = [];
  // lamejs wants blocks of a multiple of 576 samples; 1152 is one MPEG-1 frame.
  for (let start = 0; start < samples.length; start += 1152 * 10) {
    parts.push(bytesOf(encoder.encodeBuffer(samples.subarray(start, start + 1152 * 10))));
  }
  parts.push(bytesOf(encoder.flush()));
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  checkFrameRate(bytes, sampleRate, kbps);
  return { bytes };
}

// lame quietly resamples when the bit rate is too low for the rate asked (24 kHz at 32 kbps comes out
// at 22.05 kHz), so the first frame header is checked rather than trusted.
function checkFrameRate(bytes, sampleRate, kbps) {
  if (bytes.length < 4) throw new Error('lamejs produced no MP3 frame');
  const header = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const version = (header >>> 19) & 3;
  const encoded = MPEG_RATES[version]?.[(header >>> 10) & 3];
  if (encoded !== sampleRate) {
    throw new Error(`lamejs encoded ${sampleRate} Hz at ${kbps} kbps as ${encoded} Hz`);
  }
}

port.on('message', (message) => {
  const { id, kind } = message;
  try {
    if (kind === 'synthesize') {
      const result = synthesize(message);
      port.postMessage({ id, ok: true, ...result }, [result.samples.buffer]);
    } else if (kind === 'encodeMp3') {
      const result = encodeMp3(message);
      port.postMessage({ id, ok: true, ...result }, [result.bytes.buffer]);
    } else {
      port.postMessage({ id, ok: false, message: `unknown job kind "${kind}"` });
    }
  } catch (error) {
    port.postMessage({ id, ok: false, message: describe(error) });
    // Exiting lets the pool start a fresh worker for the next job.
    if (broken) process.exit(1);
  }
});

// espeak is compiled to plain JavaScript (wasm2js): its first few syntheses run ten times slower
// while V8 warms up. One short phrase here keeps that out of the first request's latency.
synthesize({ input: 'Ready.', voice: 'en-us' });
port.postMessage({ kind: 'ready', voices: engine.list_voices().length });
