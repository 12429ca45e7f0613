/** Reads SynthesizeSpeech and DescribeVoices requests as the SDK sends them, and judges them as Polly would. */
import {
  Engine,
  LanguageCode,
  OutputFormat,
  SpeechMarkType as SpeechMarkTypes,
  TextType as TextTypes,
  VoiceId,
} from '@aws-sdk/client-polly';
import { z } from 'zod';
import {
  POLLY_VOICES,
  pollyVoice,
  validateSsml,
  type PollyEngine,
  type PollyVoice,
} from '../../ssml';
import { PollyError } from './errors';
import { layoutOf, type SpeechMarkType, type TextLayout, type TextType } from './speechMarks';
import { languagesOf } from './voices';

/** SynthesizeSpeech limits: 6000 characters in all, 3000 of them billed (SSML tags are not billed). */
export const MAX_TOTAL_CHARACTERS = 6000;
export const MAX_BILLED_CHARACTERS = 3000;

export type EmulatedFormat = 'mp3' | 'pcm' | 'json';

export interface SynthesizeRequest {
  text: string;
  textType: TextType;
  voice: PollyVoice;
  engine: PollyEngine;
  languageCode: string;
  outputFormat: EmulatedFormat;
  /** Hz; for json the rate the marks' audio would have. */
  sampleRate: number;
  speechMarkTypes: SpeechMarkType[];
  layout: TextLayout;
}

// The service model's enums, as this SDK version ships them: the values Polly itself accepts.
const ENGINES: readonly string[] = Object.values(Engine);
const LANGUAGE_CODES: readonly string[] = Object.values(LanguageCode);
const OUTPUT_FORMATS: readonly string[] = Object.values(OutputFormat);
const MARK_TYPES: readonly string[] = Object.values(SpeechMarkTypes);
const TEXT_TYPES: readonly string[] = Object.values(TextTypes);
const VOICE_IDS: readonly string[] = Object.values(VoiceId);

const AUDIO_RATES = ['8000', '16000', '22050', '24000', '44100', '48000'];
const SAMPLE_RATES: Readonly<Record<string, readonly string[]>> = {
  mp3: AUDIO_RATES,
  ogg_vorbis: AUDIO_RATES,
  ogg_opus: AUDIO_RATES,
  // json returns no audio; a rate is accepted as for mp3 and changes nothing.
  json: AUDIO_RATES,
  pcm: ['8000', '16000'],
  mulaw: ['8000'],
  alaw: ['8000'],
};

/** Formats Polly has that the emulator cannot encode, and why. */
const UNEMULATED_FORMATS: Readonly<Record<string, string>> = {
  ogg_vorbis: 'it has no Ogg Vorbis encoder',
  ogg_opus: 'it has no Ogg Opus encoder',
  mulaw: 'it has no mu-law encoder',
  alaw: 'it has no A-law encoder',
};

const synthesizeBody = z.object({
  Text: z.string().optional(),
  TextType: z.string().optional(),
  VoiceId: z.string().optional(),
  Engine: z.string().optional(),
  LanguageCode: z.string().optional(),
  LexiconNames: z.array(z.string()).optional(),
  OutputFormat: z.string().optional(),
  SampleRate: z.string().optional(),
  SpeechMarkTypes: z.array(z.string()).optional(),
});

interface FieldProblem {
  name: string;
  message: string;
}

/** ValidationException in the words AWS services use ("1 validation error detected: Value …"). */
function validationError(problems: readonly FieldProblem[]): PollyError {
  const count = problems.length;
  const list = problems.map((problem) => problem.message).join('; ');
  return new PollyError(
    'ValidationException',
    `${count} validation error${count === 1 ? '' : 's'} detected: ${list}`,
    { reason: 'fieldValidationFailed', fields: problems },
  );
}

function missing(name: string): FieldProblem {
  return {
    name,
    message: `Value null at '${name}' failed to satisfy constraint: Member must not be null`,
  };
}

function notInEnum(name: string, value: string, allowed: readonly string[]): FieldProblem {
  return {
    name,
    message: `Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body === '' ? '{}' : body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PollyError('ValidationException', `The request body is not valid JSON: ${detail}`);
  }
}

function readBody(body: string): z.infer<typeof synthesizeBody> {
  const parsed = synthesizeBody.safeParse(parseJson(body));
  if (parsed.success) return parsed.data;
  throw validationError(
    parsed.error.issues.map((issue) => ({
      name: issue.path.join('.'),
      message: `Value at '${issue.path.join('.')}' failed to satisfy constraint: ${issue.message}`,
    })),
  );
}

function fieldProblems(input: z.infer<typeof synthesizeBody>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const member = (name: string, value: string | undefined, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value)) {
      problems.push(notInEnum(name, value, allowed));
    }
  };
  if (input.OutputFormat === undefined) problems.push(missing('outputFormat'));
  if (input.Text === undefined) problems.push(missing('text'));
  if (input.VoiceId === undefined) problems.push(missing('voiceId'));
  member('outputFormat', input.OutputFormat, OUTPUT_FORMATS);
  member('voiceId', input.VoiceId, VOICE_IDS);
  member('engine', input.Engine, ENGINES);
  member('textType', input.TextType, TEXT_TYPES);
  member('languageCode', input.LanguageCode, LANGUAGE_CODES);
  (input.SpeechMarkTypes ?? []).forEach((type, index) =>
    member(`speechMarkTypes.${index + 1}.member`, type, MARK_TYPES),
  );
  return problems;
}

function catalogVoice(id: string): PollyVoice {
  const voice = pollyVoice(id);
  if (voice !== undefined) return voice;
  const known = POLLY_VOICES.map((candidate) => candidate.id).join(', ');
  throw new PollyError(
    'ValidationException',
    `Voice '${id}' is a Polly voice, but not one the local emulator has: it serves Pulse's catalog (ssml/voices.ts): ${known}`,
    { reason: 'other' },
  );
}

function defaultSampleRate(format: string, engine: PollyEngine): string {
  if (format === 'pcm') return '16000';
  if (format === 'mulaw' || format === 'alaw') return '8000';
  return engine === 'standard' ? '22050' : '24000';
}

function checkMarks(format: string, textType: TextType, marks: readonly string[]): void {
  if (marks.length > 0 && format !== 'json') {
    throw new PollyError(
      'MarksNotSupportedForFormatException',
      `Speech marks are only available for the json OutputFormat, not ${format}`,
    );
  }
  if (format === 'json' && marks.length === 0) {
    throw new PollyError(
      'ValidationException',
      'OutputFormat json returns speech marks: name at least one in SpeechMarkTypes (sentence, ssml, viseme, word)',
      { reason: 'other' },
    );
  }
  if (textType === 'text' && marks.includes('ssml')) {
    throw new PollyError(
      'SsmlMarksNotSupportedForTextTypeException',
      'ssml speech marks need TextType ssml: plain text has no <mark> tags',
    );
  }
}

function checkLength(layout: TextLayout): void {
  const { totalCharacters, billedCharacters } = layout;
  if (totalCharacters > MAX_TOTAL_CHARACTERS || billedCharacters > MAX_BILLED_CHARACTERS) {
    throw new PollyError(
      'TextLengthExceededException',
      `Maximum text length has been exceeded: ${totalCharacters} characters, ${billedCharacters} of them billed; SynthesizeSpeech accepts at most ${MAX_TOTAL_CHARACTERS} characters in all and ${MAX_BILLED_CHARACTERS} billed (SSML tags are not billed)`,
    );
  }
}

/** The request as the emulator will serve it, or the PollyError Polly would answer with. */
export function parseSynthesizeRequest(body: string): SynthesizeRequest {
  const input = readBody(body);
  const problems = fieldProblems(input);
  if (problems.length > 0) throw validationError(problems);
  // fieldProblems has checked that these three are present.
  const text = input.Text ?? '';
  const format = input.OutputFormat ?? '';
  const voice = catalogVoice(input.VoiceId ?? '');
  const textType: TextType = input.TextType === 'ssml' ? 'ssml' : 'text';

  if ((input.LexiconNames ?? []).length > 0) {
    throw new PollyError(
      'LexiconNotFoundException',
      `Lexicon not found: ${(input.LexiconNames ?? []).join(', ')} (the local Polly emulator stores no lexicons)`,
    );
  }
  const requestedEngine = input.Engine ?? 'standard';
  const engine = voice.engines.find((supported) => supported === requestedEngine);
  if (engine === undefined) {
    throw new PollyError(
      'EngineNotSupportedException',
      `This voice is not compatible with the ${requestedEngine} engine: ${voice.id} supports ${voice.engines.join(', ')}`,
    );
  }
  const languages = languagesOf(voice);
  const languageCode = input.LanguageCode ?? voice.languageCode;
  if (!languages.includes(languageCode)) {
    throw new PollyError(
      'LanguageNotSupportedException',
      `Language ${languageCode} is not supported by voice ${voice.id}, which speaks ${languages.join(', ')}`,
    );
  }
  const marks = input.SpeechMarkTypes ?? [];
  checkMarks(format, textType, marks);
  const rate = input.SampleRate ?? defaultSampleRate(format, engine);
  if (!(SAMPLE_RATES[format] ?? []).includes(rate)) {
    throw new PollyError(
      'InvalidSampleRateException',
      `Sample rate ${rate} is not valid for ${format}; valid rates are ${(SAMPLE_RATES[format] ?? []).join(', ')}`,
    );
  }
  const unemulated = UNEMULATED_FORMATS[format];
  if (unemulated !== undefined) {
    throw new PollyError(
      'ValidationException',
      `OutputFormat ${format} is valid for Polly but not supported by the local Polly emulator (${unemulated}); use mp3, pcm or json`,
      { reason: 'unsupportedOperation' },
    );
  }
  const layout = layoutOf(text, textType);
  checkLength(layout);
  if (textType === 'ssml') {
    const result = validateSsml(text, engine === 'neural' ? 'polly-neural' : 'polly-standard');
    if (!result.ok) {
      throw new PollyError(
        'InvalidSsmlException',
        `Invalid SSML request: ${result.issues.join('; ')}`,
      );
    }
  }
  return {
    text,
    textType,
    voice,
    engine,
    languageCode,
    outputFormat: format === 'pcm' ? 'pcm' : format === 'json' ? 'json' : 'mp3',
    sampleRate: Number(rate),
    speechMarkTypes: MARK_TYPES.filter((type): type is SpeechMarkType => marks.includes(type)),
    layout,
  };
}

/** The engine a SynthesizeSpeech body asks for, read leniently: throttling is decided before validation. */
export function requestedEngine(body: string): string {
  try {
    const parsed = synthesizeBody.safeParse(JSON.parse(body) as unknown);
    return parsed.success ? (parsed.data.Engine ?? 'standard') : 'standard';
  } catch (error) {
    // Malformed bodies are refused by validation afterwards; the bucket only needs a best guess.
    if (error instanceof SyntaxError) return 'standard';
    throw error;
  }
}

export interface DescribeVoicesRequest {
  engine?: string;
  languageCode?: string;
  includeAdditionalLanguageCodes: boolean;
  /** Index of the first voice of the page. */
  offset: number;
}

const NEXT_TOKEN = /^voices:(\d+)$/;

export function encodeNextToken(offset: number): string {
  return Buffer.from(`voices:${offset}`, 'utf8').toString('base64url');
}

export function parseDescribeVoices(query: URLSearchParams): DescribeVoicesRequest {
  const engine = query.get('Engine') ?? undefined;
  const languageCode = query.get('LanguageCode') ?? undefined;
  const include = query.get('IncludeAdditionalLanguageCodes');
  const problems: FieldProblem[] = [];
  if (engine !== undefined && !ENGINES.includes(engine)) {
    problems.push(notInEnum('engine', engine, ENGINES));
  }
  if (languageCode !== undefined && !LANGUAGE_CODES.includes(languageCode)) {
    problems.push(notInEnum('languageCode', languageCode, LANGUAGE_CODES));
  }
  if (include !== null && include !== 'true' && include !== 'false') {
    problems.push({
      name: 'includeAdditionalLanguageCodes',
      message: `Value '${include}' at 'includeAdditionalLanguageCodes' failed to satisfy constraint: Member must be true or false`,
    });
  }
  if (problems.length > 0) throw validationError(problems);
  const token = query.get('NextToken');
  let offset = 0;
  if (token !== null) {
    const match = NEXT_TOKEN.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (match?.[1] === undefined) {
      throw new PollyError('InvalidNextTokenException', `The NextToken "${token}" is not valid`);
    }
    offset = Number(match[1]);
  }
  return {
    ...(engine !== undefined && { engine }),
    ...(languageCode !== undefined && { languageCode }),
    includeAdditionalLanguageCodes: include === 'true',
    offset,
  };
}
