/** Types for the parts of ssml-builder 0.4.3 that ssml/ uses; the package ships none. */

declare module 'ssml-builder' {
  namespace Speech {
    /** A number followed by "ms" or "s"; the builder throws a string (not an Error) past 10s. */
    type Duration = `${number}ms` | `${number}s`;
    type EmphasisLevel = 'strong' | 'moderate' | 'reduced';
    /** The interpret-as values sayAs() checks against (it throws an Error for any other). */
    type Interpretation =
      | 'characters'
      | 'spell-out'
      | 'cardinal'
      | 'number'
      | 'ordinal'
      | 'digits'
      | 'fraction'
      | 'unit'
      | 'date'
      | 'time'
      | 'telephone'
      | 'address'
      | 'interjection'
      | 'expletive';

    interface SayAsOptions {
      /** Inserted as is: NOT escaped. */
      word: string;
      interpret: Interpretation;
      /** Inserted as is: NOT escaped. */
      format?: string;
    }

    /** Lowercased and trimmed in place by prosody(), which also rewrites "+6db" to "+6dB". */
    interface ProsodyAttributes {
      rate?: string;
      pitch?: string;
      volume?: string;
    }
  }

  /**
   * Collects SSML elements and joins them with single spaces. Checks for null arguments throw strings,
   * not Errors. Attribute values are written in single quotes.
   */
  class Speech {
    constructor();
    /** Escapes & < > " ' in the text. */
    say(saying: string): this;
    /** <s>, text escaped. */
    sentence(saying: string): this;
    /** <p>, text escaped. */
    paragraph(paragraph: string): this;
    /** <break time='…'/>. */
    pause(duration: Speech.Duration): this;
    /** <audio src='…'/>: the URL is NOT escaped. */
    audio(url: string): this;
    /** <say-as>: neither word nor format is escaped. */
    sayAs(options: Speech.SayAsOptions): this;
    /** Text escaped; throws a string for empty text. */
    emphasis(level: Speech.EmphasisLevel, word: string): this;
    /** Text escaped; attribute checks are unanchored regular expressions and mutate `attributes`. */
    prosody(attributes: Speech.ProsodyAttributes, word: string): this;
    /** Text escaped, alias NOT escaped; throws a string for an empty alias or text. */
    sub(alias: string, word: string): this;
    /** Appends markup verbatim. */
    sayWithSSML(saying: string): this;
    /** The collected elements, wrapped in <speak> unless excludeSpeakTag is true. */
    ssml(excludeSpeakTag?: boolean): string;
  }

  export = Speech;
}

declare module 'ssml-builder/amazon_speech' {
  import Speech from 'ssml-builder';

  /** Speech plus Amazon's whisper effect. Its constructor skips the helper, so sayRandomChoice() crashes. */
  class AmazonSpeech extends Speech {
    /** <amazon:effect name="whispered">, text escaped; throws a string for empty text. */
    whisper(words: string): this;
  }

  export = AmazonSpeech;
}
