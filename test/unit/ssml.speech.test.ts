import { XMLParser } from 'fast-xml-parser';
import { Speech, SsmlError, plainTextOf, validateSsml, type SsmlTarget } from '../../ssml';

const PRESIGNED =
  'https://pulse-audio.s3.eu-west-1.amazonaws.com/chime.mp3?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
  '&X-Amz-Credential=AKIA%2F20240101&X-Amz-Expires=300&X-Amz-Signature=ab12cd%3D%3D';

/** Reads attributes back with an independent, entity-decoding XML parser. */
function attributesOf(ssml: string, tag: string): Record<string, string> {
  const found: Record<string, string>[] = [];
  const visit = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes) {
      if (typeof node !== 'object' || node === null) continue;
      const record = node as Record<string, unknown>;
      if (tag in record) found.push((record[':@'] ?? {}) as Record<string, string>);
      for (const [key, value] of Object.entries(record)) if (key !== ':@') visit(value);
    }
  };
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
  });
  visit(parser.parse(ssml));
  const first = found[0];
  if (first === undefined) throw new Error(`no <${tag}> in ${ssml}`);
  return first;
}

function ssmlError(action: () => unknown): SsmlError {
  try {
    action();
  } catch (error) {
    if (error instanceof SsmlError) return error;
    throw error;
  }
  throw new Error('expected an SsmlError');
}

describe('Speech voice wrapping', () => {
  it.each([
    ['en-US', 'Matthew'],
    ['en-GB', 'Amy'],
    ['de-DE', 'Vicki'],
  ])('wraps %s speech in its default voice %s for Alexa', (locale, voice) => {
    expect(new Speech({ locale }).say('Hi').toSsml()).toBe(
      `<speak><voice name="${voice}">Hi</voice></speak>`,
    );
  });

  it('uses the configured voice', () => {
    const speech = new Speech({ locale: 'de-DE', voice: 'Hans' }).say('Hallo');
    expect(speech.voice).toBe('Hans');
    expect(speech.toSsml()).toBe('<speak><voice name="Hans">Hallo</voice></speak>');
  });

  it('leaves out <voice> when the voice is null', () => {
    expect(new Speech({ locale: 'en-US', voice: null }).say('Hi').toSsml()).toBe(
      '<speak>Hi</speak>',
    );
  });

  it('refuses a voice of another language when it is created', () => {
    expect(() => new Speech({ locale: 'en-GB', voice: 'Vicki' })).toThrow(
      'voice "Vicki" speaks de-DE, not en-GB; choose one of Amy, Brian, Emma',
    );
  });

  it.each<SsmlTarget>(['polly-standard', 'polly-neural'])(
    'never emits <voice> for %s, while still resolving the voice to request',
    (target) => {
      const speech = new Speech({ locale: 'en-US', voice: 'Joanna', target }).sentence('Hello');
      expect(speech.toSsml()).toBe('<speak><s>Hello</s></speak>');
      expect(speech.voice).toBe('Joanna');
      expect(new Speech({ locale: 'de-DE', target }).say('Hallo').toSsml()).not.toContain('<voice');
    },
  );

  it('puts the domain inside the voice', () => {
    expect(new Speech({ locale: 'en-US', domain: 'conversational' }).say('So').toSsml()).toBe(
      '<speak><voice name="Matthew"><amazon:domain name="conversational">So</amazon:domain></voice></speak>',
    );
  });

  it('refuses a domain the target lacks when it is created', () => {
    expect(() => new Speech({ locale: 'en-US', target: 'polly-neural', domain: 'music' })).toThrow(
      '<amazon:domain name="music"> is not accepted by polly-neural',
    );
  });
});

describe('Speech escaping', () => {
  const hostile = `Tom & Jerry <b>"quoted"</b> it's`;

  it('escapes text once, never twice', () => {
    const ssml = new Speech({ locale: 'en-US', voice: null }).say('A & B &amp; C').toSsml();
    expect(ssml).toBe('<speak>A &amp; B &amp;amp; C</speak>');
    expect(plainTextOf(ssml)).toBe('A & B &amp; C');
  });

  it.each<[string, (speech: Speech) => Speech]>([
    ['say', (s) => s.say(hostile)],
    ['sentence', (s) => s.sentence(hostile)],
    ['paragraph', (s) => s.paragraph(hostile)],
    ['emphasis', (s) => s.emphasis('moderate', hostile)],
    ['prosody', (s) => s.prosody({ rate: 'slow' }, hostile)],
    ['sayAs', (s) => s.sayAs(hostile, 'characters')],
    ['sub', (s) => s.sub('alias', hostile)],
    ['lang', (s) => s.lang('fr-FR', hostile)],
    ['whisper', (s) => s.whisper(hostile)],
    ['emotion', (s) => s.emotion('disappointed', 'low', hostile)],
  ])('%s text is valid SSML that reads back as written', (_name, add) => {
    const ssml = add(new Speech({ locale: 'en-US' })).toSsml();
    expect(validateSsml(ssml, 'alexa')).toEqual({ ok: true });
    expect(plainTextOf(ssml)).toBe(hostile);
  });

  it('escapes the sub alias, which ssml-builder writes verbatim', () => {
    const alias = `Ben & Jerry's "<ice>"`;
    const ssml = new Speech({ locale: 'en-US' }).sub(alias, 'B&J').toSsml();
    expect(validateSsml(ssml, 'alexa')).toEqual({ ok: true });
    expect(attributesOf(ssml, 'sub')).toEqual({ alias });
  });

  it('escapes the say-as format, which ssml-builder writes verbatim', () => {
    const ssml = new Speech({ locale: 'en-US' }).sayAs('1/2', 'date', `m"d'y&`).toSsml();
    expect(validateSsml(ssml, 'alexa')).toEqual({ ok: true });
    expect(attributesOf(ssml, 'say-as')).toEqual({ 'interpret-as': 'date', format: `m"d'y&` });
  });

  it('escapes a presigned audio URL so its ampersands stay valid XML and the URL survives intact', () => {
    const ssml = new Speech({ locale: 'en-US' }).say('Listen').audio(PRESIGNED).toSsml();
    expect(ssml).toContain('&amp;X-Amz-Credential=');
    expect(validateSsml(ssml, 'alexa')).toEqual({ ok: true });
    expect(attributesOf(ssml, 'audio')).toEqual({ src: PRESIGNED });
    expect(plainTextOf(ssml)).toBe('Listen');
  });

  it('escapes quotes and angle brackets in an audio URL', () => {
    const url = `https://cdn.example.com/a.mp3?q="x"&r='<y>'`;
    const ssml = new Speech({ locale: 'en-US' }).audio(url).toSsml();
    expect(validateSsml(ssml, 'alexa')).toEqual({ ok: true });
    expect(attributesOf(ssml, 'audio')).toEqual({ src: url });
  });
});

describe('Speech elements', () => {
  const speech = (): Speech => new Speech({ locale: 'en-US', voice: null });

  it('writes pauses in milliseconds, from just above 0 to 10 seconds', () => {
    expect(speech().pause(250).pause(10000).toSsml()).toBe(
      "<speak><break time='250ms'/> <break time='10000ms'/></speak>",
    );
  });

  it.each([0, -5, 10001, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses a pause of %s ms',
    (ms) => {
      expect(() => speech().pause(ms)).toThrow(RangeError);
    },
  );

  it('speaks numbers the locale’s way', () => {
    const german = new Speech({ locale: 'de-DE', voice: null });
    expect(german.say('Es sind').number(1.07).say('Grad.').toSsml()).toBe(
      '<speak>Es sind 1,07 Grad.</speak>',
    );
    expect(speech().number(12345.6).toSsml()).toBe('<speak>12,345.6</speak>');
    expect(speech().number(2.345, { maximumFractionDigits: 1 }).toPlainText()).toBe('2.3');
  });

  it('refuses to speak a non-finite number', () => {
    expect(() => speech().number(Number.NaN)).toThrow(RangeError);
  });

  it('writes the attributes of say-as, emphasis, prosody, sub and lang', () => {
    const ssml = speech()
      .sayAs('123', 'digits')
      .emphasis('strong', 'now')
      .prosody({ rate: '90%', volume: '+6dB' }, 'loud')
      .sub('World Wide Web Consortium', 'W3C')
      .lang('de-DE', 'Grüße')
      .toSsml();
    expect(ssml).toBe(
      "<speak><say-as interpret-as='digits'>123</say-as> <emphasis level='strong'>now</emphasis> " +
        "<prosody rate='90%' volume='+6dB'>loud</prosody> <sub alias='World Wide Web Consortium'>W3C</sub> " +
        '<lang xml:lang="de-DE">Grüße</lang></speak>',
    );
  });

  it('leaves the caller’s prosody attributes untouched', () => {
    const attributes = { volume: '+6dB', rate: undefined };
    speech().prosody(attributes, 'x');
    expect(attributes).toEqual({ volume: '+6dB', rate: undefined });
  });

  it('refuses prosody values the target would refuse', () => {
    expect(() => speech().prosody({ rate: '10%' }, 'x')).toThrow('must be at least 20%');
    expect(() => speech().prosody({ volume: "loud' onload='x" }, 'x')).toThrow(SsmlError);
    expect(() => speech().prosody({}, 'x')).toThrow('needs at least one of rate, pitch, volume');
    const neural = new Speech({ locale: 'en-US', target: 'polly-neural' });
    expect(() => neural.prosody({ pitch: '+10%' }, 'x')).toThrow(
      '"pitch" is not accepted by polly-neural',
    );
  });

  it('refuses an interpret-as the target lacks', () => {
    expect(() => speech().sayAs('x', 'shout')).toThrow(SsmlError);
    const polly = new Speech({ locale: 'en-US', target: 'polly-standard' });
    expect(() => polly.sayAs('wow', 'interjection')).toThrow('not accepted by polly-standard');
  });

  it('refuses a malformed lang locale and an empty sub alias', () => {
    expect(() => speech().lang('german"', 'x')).toThrow('must be a locale such as de-DE');
    expect(() => speech().sub(' ', 'x')).toThrow('<sub> needs a non-empty alias');
  });

  it('refuses audio over http for Alexa', () => {
    expect(() => speech().audio('http://cdn.example.com/a.mp3')).toThrow('must be an https URL');
    expect(() => speech().audio('not a url')).toThrow('must be an https URL');
  });

  it.each<SsmlTarget>(['polly-standard', 'polly-neural'])('refuses audio for %s', (target) => {
    const error = ssmlError(() => new Speech({ locale: 'en-US', target }).audio(PRESIGNED));
    expect(error.issues).toEqual([`<audio> is not accepted by ${target}`]);
  });

  it('refuses emphasis and whispering for Polly neural', () => {
    const neural = new Speech({ locale: 'en-US', target: 'polly-neural' });
    expect(() => neural.emphasis('strong', 'x')).toThrow(
      '<emphasis> is not accepted by polly-neural',
    );
    expect(() => neural.whisper('x')).toThrow('is not accepted by polly-neural');
  });

  it('refuses emotions outside Alexa', () => {
    const polly = new Speech({ locale: 'en-US', target: 'polly-standard' });
    expect(() => polly.emotion('excited', 'high', 'x')).toThrow(
      '<amazon:emotion> is not accepted by polly-standard',
    );
  });

  it('refuses an unknown target and a malformed locale', () => {
    expect(() => new Speech({ locale: 'en-US', target: 'google' as SsmlTarget })).toThrow(
      RangeError,
    );
    expect(() => new Speech({ locale: 'en_US!', voice: null })).toThrow(RangeError);
  });
});

describe('Speech as a whole', () => {
  it('is empty until something is said, and blank text says nothing', () => {
    const speech = new Speech({ locale: 'en-US' }).say('').sentence('  ').emphasis('strong', '');
    expect(speech.isEmpty()).toBe(true);
    expect(speech.toSsml()).toBe('<speak><voice name="Matthew"></voice></speak>');
    expect(speech.pause(100).isEmpty()).toBe(false);
  });

  it('gives plain text for a card: written words, sub text rather than alias, no audio', () => {
    const speech = new Speech({ locale: 'en-GB' })
      .paragraph('Station 4 & 5:')
      .sub('degrees Celsius', '°C')
      .audio(PRESIGNED)
      .pause(300)
      .sentence('All <fine>.');
    expect(speech.toPlainText()).toBe('Station 4 & 5: °C All <fine>.');
  });

  it('refuses to produce SSML the target would refuse', () => {
    const speech = new Speech({ locale: 'en-US' });
    for (let i = 0; i < 6; i++) speech.audio(PRESIGNED);
    const error = ssmlError(() => speech.toSsml());
    expect(error.issues).toEqual(['6 <audio> tags; alexa plays at most 5 in one response']);
  });

  it('refuses text over Polly’s billed limit', () => {
    const speech = new Speech({ locale: 'en-US', target: 'polly-neural' }).say('a'.repeat(3001));
    expect(() => speech.toSsml()).toThrow('too many billed characters: 3001');
  });

  it('refuses SSML over Alexa’s length limit', () => {
    const speech = new Speech({ locale: 'en-US' }).say('a'.repeat(8000));
    expect(() => speech.toSsml()).toThrow('alexa accepts at most 8000');
  });
});
