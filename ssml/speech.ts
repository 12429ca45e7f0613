/** Fluent builder for Pulse's spoken responses: ssml-builder underneath, escaped throughout, validated per target. */
import AmazonSpeech from 'ssml-builder/amazon_speech';
import { SsmlError } from './errors';
import { escapeXml, stripInvalidXmlCharacters } from './escape';
import { formatNumber, type NumberFormatOptions } from './numbers';
import { plainTextOf } from './plaintext';
import {
  ALEXA_EMOTIONS,
  EMOTION_INTENSITIES,
  EMPHASIS_LEVELS,
  isAlexaTarget,
  MAX_BREAK_MS,
  SAY_AS_INTERPRETATIONS,
  SSML_TARGETS,
  type SsmlTarget,
} from './tags';
import { attributeProblem, limitIssues } from './validate';
import { voiceFor } from './voices';

export type SpeechDomain = 'conversational' | 'news' | 'long-form' | 'music';
export type EmphasisLevel = (typeof EMPHASIS_LEVELS)[number];
export type Emotion = (typeof ALEXA_EMOTIONS)[number];
export type EmotionIntensity = (typeof EMOTION_INTENSITIES)[number];

export interface ProsodyAttributes {
  rate?: string;
  pitch?: string;
  volume?: string;
}

export interface SpeechOptions {
  locale: string;
  /** null: no <voice> wrapper; undefined (or blank): the locale's default voice. */
  voice?: string | null;
  /** Default 'alexa'. Polly targets never get a <voice> tag: Polly takes the voice as a request parameter. */
  target?: SsmlTarget;
  /** Wraps everything in <amazon:domain name="…">. */
  domain?: SpeechDomain;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function requireNoProblem(problem: string | undefined): void {
  if (problem !== undefined) throw new SsmlError([problem]);
}

function checkedTarget(target: SsmlTarget | undefined): SsmlTarget {
  const chosen = target ?? 'alexa';
  if (!SSML_TARGETS.includes(chosen)) {
    throw new RangeError(`unknown SSML target "${String(chosen)}"; use ${SSML_TARGETS.join(', ')}`);
  }
  return chosen;
}

/**
 * Builds the SSML for one response. Text arguments are plain text: they are escaped here, and blank text
 * adds nothing (so a missing value never produces an empty tag). Arguments a target would refuse throw
 * SsmlError at once, so the mistake points at the call that made it; toSsml() checks what only the
 * whole decides (size, <audio> count). What it builds is valid by construction: the property tests
 * (test/unit/ssml.property.test.ts, test/integration/skillSsml.property.test.ts) hold it to the full validator.
 */
export class Speech {
  readonly locale: string;
  readonly target: SsmlTarget;
  /** The resolved voice (also what a Polly request should pass as VoiceId), or null when none was wanted. */
  readonly voice: string | null;
  readonly domain: SpeechDomain | undefined;

  private readonly builder = new AmazonSpeech();
  private elementCount = 0;

  constructor(options: SpeechOptions) {
    this.target = checkedTarget(options.target);
    // Throws RangeError for a malformed locale before anything is built with it.
    this.locale = Intl.getCanonicalLocales(options.locale)[0] ?? options.locale;
    this.voice = options.voice === null ? null : voiceFor(this.locale, options.voice);
    this.domain = options.domain;
    if (options.domain !== undefined) {
      requireNoProblem(attributeProblem(this.target, 'amazon:domain', 'name', options.domain));
    }
  }

  /** Plain text. */
  say(text: string): this {
    return this.withText(text, (clean) => this.builder.say(clean));
  }

  /** <s>: a sentence, with the pause a sentence ends in. */
  sentence(text: string): this {
    return this.withText(text, (clean) => this.builder.sentence(clean));
  }

  /** <p>: a paragraph, with a longer pause. */
  paragraph(text: string): this {
    return this.withText(text, (clean) => this.builder.paragraph(clean));
  }

  /** <break time="NNNms"/>; RangeError unless 0 < milliseconds <= 10000. */
  pause(milliseconds: number): this {
    if (!(milliseconds > 0 && milliseconds <= MAX_BREAK_MS)) {
      throw new RangeError(
        `pause must be more than 0 and at most ${MAX_BREAK_MS} ms, got ${milliseconds}`,
      );
    }
    // Whole milliseconds, never 0ms: a fraction would be a duration the builder and Alexa may not parse.
    this.builder.pause(`${Math.max(1, Math.round(milliseconds))}ms`);
    return this.added();
  }

  /** A number written the locale's way ("1,07" in de-DE), so it is read as one number. */
  number(value: number, options?: NumberFormatOptions): this {
    return this.say(formatNumber(this.locale, value, options));
  }

  /** <say-as interpret-as="…" format="…">. */
  sayAs(text: string, interpretAs: string, format?: string): this {
    const interpretation = SAY_AS_INTERPRETATIONS[this.target].find(
      (known) => known === interpretAs,
    );
    if (interpretation === undefined) {
      const problem = attributeProblem(this.target, 'say-as', 'interpret-as', interpretAs);
      throw new SsmlError([problem ?? `<say-as> cannot interpret as "${interpretAs}"`]);
    }
    // ssml-builder inserts both word and format verbatim, so they are escaped here.
    return this.withText(text, (clean) =>
      this.builder.sayAs({
        word: escapeXml(clean),
        interpret: interpretation,
        ...(format === undefined || format === '' ? {} : { format: escapeXml(format) }),
      }),
    );
  }

  /** <emphasis level="…">; polly-neural refuses it. */
  emphasis(level: EmphasisLevel, text: string): this {
    requireNoProblem(attributeProblem(this.target, 'emphasis', 'level', level));
    return this.withText(text, (clean) => this.builder.emphasis(level, clean));
  }

  /** <prosody>; at least one attribute. polly-neural refuses pitch. */
  prosody(attributes: ProsodyAttributes, text: string): this {
    // A copy with only the given keys: ssml-builder rewrites its argument and calls .toLowerCase() on any
    // key that is present, even when its value is undefined.
    const given = Object.fromEntries(
      Object.entries(attributes).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    if (Object.keys(given).length === 0) {
      throw new SsmlError(['<prosody> needs at least one of rate, pitch, volume']);
    }
    for (const [name, value] of Object.entries(given)) {
      requireNoProblem(attributeProblem(this.target, 'prosody', name, value));
    }
    return this.withText(text, (clean) => this.builder.prosody(given, clean));
  }

  /** <sub alias="…">: speaks the alias where the text is written. */
  sub(alias: string, text: string): this {
    const cleanAlias = stripInvalidXmlCharacters(alias);
    if (isBlank(cleanAlias)) throw new SsmlError(['<sub> needs a non-empty alias']);
    // ssml-builder escapes the text but not the alias.
    return this.withText(text, (clean) => this.builder.sub(escapeXml(cleanAlias), clean));
  }

  /** <lang xml:lang="…">: words from another language. */
  lang(locale: string, text: string): this {
    requireNoProblem(attributeProblem(this.target, 'lang', 'xml:lang', locale));
    return this.withText(text, (clean) =>
      this.builder.sayWithSSML(`<lang xml:lang="${escapeXml(locale)}">${escapeXml(clean)}</lang>`),
    );
  }

  /** <audio src="…"/>; Alexa only, https only. Pass the raw URL: it is escaped here, once. */
  audio(url: string): this {
    requireNoProblem(attributeProblem(this.target, 'audio', 'src', url));
    // ssml-builder writes the URL verbatim; a presigned URL's "&" would otherwise break the XML.
    this.builder.audio(escapeXml(url));
    return this.added();
  }

  /** <amazon:effect name="whispered">; Alexa and polly-standard only. */
  whisper(text: string): this {
    requireNoProblem(attributeProblem(this.target, 'amazon:effect', 'name', 'whispered'));
    return this.withText(text, (clean) => this.builder.whisper(clean));
  }

  /** <amazon:emotion name="…" intensity="…">; Alexa only. */
  emotion(name: Emotion, intensity: EmotionIntensity, text: string): this {
    requireNoProblem(attributeProblem(this.target, 'amazon:emotion', 'name', name));
    requireNoProblem(attributeProblem(this.target, 'amazon:emotion', 'intensity', intensity));
    const open = `<amazon:emotion name="${escapeXml(name)}" intensity="${escapeXml(intensity)}">`;
    return this.withText(text, (clean) =>
      this.builder.sayWithSSML(`${open}${escapeXml(clean)}</amazon:emotion>`),
    );
  }

  isEmpty(): boolean {
    return this.elementCount === 0;
  }

  /**
   * The complete <speak> document; throws SsmlError listing every issue when it is too long for the
   * target or holds more <audio> than it plays. Parsing it again with the full validator would cost
   * a cold start about 5 ms (its name and markup patterns compile on first use) to find nothing.
   */
  toSsml(): string {
    const ssml = `<speak>${this.wrapInVoice(this.wrapInDomain(this.builder.ssml(true)))}</speak>`;
    const issues = limitIssues(ssml, this.target);
    if (issues.length > 0) throw new SsmlError(issues, `SSML not accepted by ${this.target}`);
    return ssml;
  }

  /** What is said, without markup (for cards): written forms rather than sub aliases, audio left out. */
  toPlainText(): string {
    return plainTextOf(this.builder.ssml(true));
  }

  private wrapInDomain(body: string): string {
    if (this.domain === undefined) return body;
    return `<amazon:domain name="${escapeXml(this.domain)}">${body}</amazon:domain>`;
  }

  private wrapInVoice(body: string): string {
    // Polly rejects <voice>; it takes the voice as the request's VoiceId instead.
    if (!isAlexaTarget(this.target) || this.voice === null) return body;
    return `<voice name="${escapeXml(this.voice)}">${body}</voice>`;
  }

  private withText(text: string, append: (clean: string) => void): this {
    const clean = stripInvalidXmlCharacters(text);
    if (isBlank(clean)) return this;
    append(clean);
    return this.added();
  }

  private added(): this {
    this.elementCount += 1;
    return this;
  }
}
