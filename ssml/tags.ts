/** Which SSML tags, attributes and values each speech target accepts, and its size limits: the one place these rules live. */
import type BuilderSpeech from 'ssml-builder';
import { ALEXA_VOICES, isAlexaVoice } from './voices';

/**
 * Where the SSML goes. 'alexa-simulator' is Alexa's SSML for Pulse's local simulator, which plays
 * `<audio>` from the local S3 emulator over plain http; everything else is as for 'alexa'.
 */
export type SsmlTarget = 'alexa' | 'alexa-simulator' | 'polly-standard' | 'polly-neural';

/** Targets that speak Alexa's SSML (with <voice>, <audio>, speechcons). */
export function isAlexaTarget(target: SsmlTarget): boolean {
  return target === 'alexa' || target === 'alexa-simulator';
}

export const SSML_TARGETS: readonly SsmlTarget[] = Object.freeze([
  'alexa',
  'alexa-simulator',
  'polly-standard',
  'polly-neural',
]);

/** Returns what is wrong with an attribute value (to follow `<tag attr="value">`), or undefined if it is fine. */
export type ValueCheck = (value: string) => string | undefined;

export interface AttributeRule {
  readonly required?: boolean;
  readonly check?: ValueCheck;
}

/** Attribute name -> rule; an attribute missing here is rejected. */
export type TagRule = Readonly<Record<string, AttributeRule>>;

export interface TargetLimits {
  /** Whole SSML document, markup included. */
  readonly maxCharacters: number;
  /** Polly bills only the text content; Alexa has no such limit. */
  readonly maxBilledCharacters?: number;
  readonly maxAudioTags: number;
}

export const MAX_BREAK_MS = 10_000;
export const BREAK_STRENGTHS = ['none', 'x-weak', 'weak', 'medium', 'strong', 'x-strong'] as const;
export const EMPHASIS_LEVELS = ['strong', 'moderate', 'reduced'] as const;
export const ALEXA_DOMAINS = ['conversational', 'long-form', 'music', 'news', 'fun'] as const;
export const ALEXA_EMOTIONS = ['excited', 'disappointed'] as const;
export const EMOTION_INTENSITIES = ['low', 'medium', 'high'] as const;
// Polly's speaking styles exist only for neural voices (its docs: "only supported when using Neural format").
const POLLY_NEURAL_DOMAINS = ['news', 'conversational'] as const;

const RATES = ['x-slow', 'slow', 'medium', 'fast', 'x-fast'] as const;
const PITCHES = ['x-low', 'low', 'medium', 'high', 'x-high'] as const;
const VOLUMES = ['silent', 'x-soft', 'soft', 'medium', 'loud', 'x-loud'] as const;
const BREATH_DURATIONS = ['default', 'x-short', 'short', 'medium', 'long', 'x-long'] as const;
const BREATH_VOLUMES = ['default', 'x-soft', 'soft', 'medium', 'loud', 'x-loud'] as const;
const BREATH_FREQUENCIES = ['default', 'x-low', 'low', 'medium', 'high', 'x-high'] as const;
const MIN_RATE_PERCENT = 20;

// Typed against ssml-builder so that anything passing this list also passes the builder's own check.
const POLLY_SAY_AS = [
  'characters',
  'spell-out',
  'cardinal',
  'number',
  'ordinal',
  'digits',
  'fraction',
  'unit',
  'date',
  'time',
  'telephone',
  'address',
  'expletive',
] as const satisfies readonly BuilderSpeech.Interpretation[];

/** Speechcons ("interjection") are Alexa's own; Polly has no such interpretation. */
export const SAY_AS_INTERPRETATIONS: Readonly<
  Record<SsmlTarget, readonly BuilderSpeech.Interpretation[]>
> = {
  alexa: [...POLLY_SAY_AS, 'interjection'],
  'alexa-simulator': [...POLLY_SAY_AS, 'interjection'],
  'polly-standard': POLLY_SAY_AS,
  'polly-neural': POLLY_SAY_AS,
};

export const LIMITS: Readonly<Record<SsmlTarget, TargetLimits>> = {
  alexa: { maxCharacters: 8000, maxAudioTags: 5 },
  'alexa-simulator': { maxCharacters: 8000, maxAudioTags: 5 },
  'polly-standard': { maxCharacters: 6000, maxBilledCharacters: 3000, maxAudioTags: 0 },
  'polly-neural': { maxCharacters: 6000, maxBilledCharacters: 3000, maxAudioTags: 0 },
};

/** Milliseconds of an SSML duration such as "500ms", "2s" or "1.5s"; undefined when it is not one. */
export function parseDurationMs(value: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(ms|s)$/.exec(value);
  if (match?.[1] === undefined) return undefined;
  const amount = Number(match[1]);
  return match[2] === 's' ? amount * 1000 : amount;
}

function oneOf(allowed: readonly string[]): ValueCheck {
  return (value) => (allowed.includes(value) ? undefined : `must be one of ${allowed.join(', ')}`);
}

function matching(pattern: RegExp, expected: string): ValueCheck {
  return (value) => (pattern.test(value) ? undefined : `must be ${expected}`);
}

function wordOr(words: readonly string[], pattern: RegExp, expected: string): ValueCheck {
  return (value) =>
    words.includes(value) || pattern.test(value)
      ? undefined
      : `must be one of ${words.join(', ')} or ${expected}`;
}

const duration: ValueCheck = (value) =>
  parseDurationMs(value) === undefined ? 'must be a duration such as 500ms or 2s' : undefined;

const breakTime: ValueCheck = (value) => {
  const ms = parseDurationMs(value);
  if (ms === undefined) return 'must be a duration such as 500ms or 2s';
  return ms > MAX_BREAK_MS
    ? `is longer than the ${MAX_BREAK_MS / 1000}s a break may last`
    : undefined;
};

const rate: ValueCheck = (value) => {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value)?.[1];
  if (percent !== undefined) {
    return Number(percent) < MIN_RATE_PERCENT ? `must be at least ${MIN_RATE_PERCENT}%` : undefined;
  }
  return oneOf(RATES)(value) === undefined
    ? undefined
    : `must be one of ${RATES.join(', ')} or a percentage of at least ${MIN_RATE_PERCENT}%`;
};

const httpsUrl: ValueCheck = (value) =>
  URL.canParse(value) && new URL(value).protocol === 'https:'
    ? undefined
    : 'must be an https URL (Alexa fetches audio over https only)';

const httpUrl: ValueCheck = (value) =>
  URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol)
    ? undefined
    : 'must be an http or https URL';

const alexaVoice: ValueCheck = (value) =>
  isAlexaVoice(value)
    ? undefined
    : `must be one of the Polly voices Alexa accepts: ${Object.values(ALEXA_VOICES).flat().join(', ')}`;

const noPollyStandardDomain: ValueCheck = () =>
  'needs a neural voice: Polly has no speaking styles for standard voices';

const EMPTY: TagRule = {};
const BREAK: TagRule = { time: { check: breakTime }, strength: { check: oneOf(BREAK_STRENGTHS) } };
const EMPHASIS: TagRule = { level: { check: oneOf(EMPHASIS_LEVELS) } };
const PITCH: AttributeRule = {
  check: wordOr(PITCHES, /^[+-]\d+(\.\d+)?%$/, 'a relative percentage such as +10%'),
};
const VOLUME: AttributeRule = {
  check: wordOr(VOLUMES, /^[+-]\d+(\.\d+)?dB$/, 'a relative level such as -6dB'),
};
const SUB: TagRule = { alias: { required: true } };
const PHONEME: TagRule = {
  alphabet: { check: oneOf(['ipa', 'x-sampa']) },
  ph: { required: true },
};
const W: TagRule = {
  role: {
    required: true,
    check: matching(/^(amazon|ivona):[A-Za-z0-9_]+$/, 'a role such as amazon:VB'),
  },
};
const LANG: TagRule = {
  'xml:lang': {
    required: true,
    check: matching(/^[a-z]{2,3}-[A-Z]{2}$/, 'a locale such as de-DE'),
  },
};
const MARK: TagRule = { name: { required: true } };

function sayAs(target: SsmlTarget): TagRule {
  return {
    'interpret-as': { required: true, check: oneOf(SAY_AS_INTERPRETATIONS[target]) },
    format: {},
  };
}

const POLLY_COMMON: Readonly<Record<string, TagRule>> = {
  speak: EMPTY,
  p: EMPTY,
  s: EMPTY,
  break: BREAK,
  lang: LANG,
  mark: MARK,
  phoneme: PHONEME,
  sub: SUB,
  w: W,
};

const ALEXA_TAGS: Readonly<Record<string, TagRule>> = {
  speak: EMPTY,
  p: EMPTY,
  s: EMPTY,
  break: BREAK,
  emphasis: EMPHASIS,
  prosody: { rate: { check: rate }, pitch: PITCH, volume: VOLUME },
  'say-as': sayAs('alexa'),
  sub: SUB,
  audio: { src: { required: true, check: httpsUrl } },
  phoneme: PHONEME,
  w: W,
  lang: LANG,
  voice: { name: { required: true, check: alexaVoice } },
  'amazon:effect': { name: { required: true, check: oneOf(['whispered']) } },
  'amazon:emotion': {
    name: { required: true, check: oneOf(ALEXA_EMOTIONS) },
    intensity: { required: true, check: oneOf(EMOTION_INTENSITIES) },
  },
  'amazon:domain': { name: { required: true, check: oneOf(ALEXA_DOMAINS) } },
};

/** Tag -> accepted attributes, per target. A tag missing here is rejected for that target. */
export const TAGS: Readonly<Record<SsmlTarget, Readonly<Record<string, TagRule>>>> = {
  alexa: ALEXA_TAGS,
  'alexa-simulator': { ...ALEXA_TAGS, audio: { src: { required: true, check: httpUrl } } },
  'polly-standard': {
    ...POLLY_COMMON,
    emphasis: EMPHASIS,
    prosody: {
      rate: { check: rate },
      pitch: PITCH,
      volume: VOLUME,
      'amazon:max-duration': { check: duration },
    },
    'say-as': sayAs('polly-standard'),
    'amazon:breath': {
      duration: { check: oneOf(BREATH_DURATIONS) },
      volume: { check: oneOf(BREATH_VOLUMES) },
    },
    'amazon:auto-breaths': {
      duration: { check: oneOf(BREATH_DURATIONS) },
      volume: { check: oneOf(BREATH_VOLUMES) },
      frequency: { check: oneOf(BREATH_FREQUENCIES) },
    },
    'amazon:domain': { name: { required: true, check: noPollyStandardDomain } },
    'amazon:effect': {
      name: { check: oneOf(['drc', 'whispered']) },
      phonation: { check: oneOf(['soft']) },
      'vocal-tract-length': {
        check: matching(/^[+-]?\d+(\.\d+)?%$/, 'a percentage such as +10%'),
      },
    },
  },
  'polly-neural': {
    ...POLLY_COMMON,
    // Neural voices ignore pitch and refuse it in SSML.
    prosody: { rate: { check: rate }, volume: VOLUME },
    'say-as': sayAs('polly-neural'),
    'amazon:domain': { name: { required: true, check: oneOf(POLLY_NEURAL_DOMAINS) } },
    'amazon:effect': { name: { required: true, check: oneOf(['drc']) } },
  },
};

// Tag and attribute names come from untrusted SSML; "constructor" or "toString" must not find
// Object.prototype members and pass as known.
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The attributes a target accepts on a tag, or undefined when the target refuses the tag. */
export function tagRule(target: SsmlTarget, tag: string): TagRule | undefined {
  return own(TAGS[target], tag);
}

/** How a target checks one attribute of a tag, or undefined when it refuses the tag or attribute. */
export function attributeRule(
  target: SsmlTarget,
  tag: string,
  attribute: string,
): AttributeRule | undefined {
  const rule = tagRule(target, tag);
  return rule === undefined ? undefined : own(rule, attribute);
}
