import { assertValidSsml, SsmlError, validateSsml, type SsmlTarget } from '../../ssml';

function issuesOf(ssml: string, target: SsmlTarget): string[] {
  const result = validateSsml(ssml, target);
  return result.ok ? [] : result.issues;
}

const speak = (body: string): string => `<speak>${body}</speak>`;
const AUDIO = '<audio src="https://cdn.example.com/chime.mp3"/>';

describe('validateSsml accepts', () => {
  it('every tag Alexa documents', () => {
    const ssml = speak(
      [
        '<voice name="Matthew"><p><s>Hi <emphasis level="strong">there</emphasis></s></p>',
        '<break time="500ms"/><break time="2s"/><break strength="x-strong"/>',
        '<prosody rate="90%" pitch="+5%" volume="-6dB">soft</prosody>',
        '<say-as interpret-as="date" format="ymd">2024-01-02</say-as>',
        '<sub alias="aluminium">Al</sub><phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme>',
        '<w role="amazon:VBD">read</w><lang xml:lang="de-DE">Grüße</lang></voice>',
        AUDIO,
        '<amazon:effect name="whispered">psst</amazon:effect>',
        '<amazon:emotion name="excited" intensity="medium">yes</amazon:emotion>',
        '<amazon:domain name="conversational">so</amazon:domain>',
        '<say-as interpret-as="interjection">boom</say-as>',
      ].join(''),
    );
    expect(issuesOf(ssml, 'alexa')).toEqual([]);
  });

  it('Polly standard’s own tags', () => {
    const ssml = speak(
      [
        '<mark name="start"/><amazon:breath duration="short" volume="soft"/>',
        '<amazon:auto-breaths frequency="low">breathing</amazon:auto-breaths>',
        '<amazon:effect name="drc">loud</amazon:effect><amazon:effect phonation="soft">soft</amazon:effect>',
        '<amazon:effect vocal-tract-length="+10%">tall</amazon:effect>',
        '<prosody amazon:max-duration="2s">quick</prosody><emphasis level="moderate">this</emphasis>',
      ].join(''),
    );
    expect(issuesOf(ssml, 'polly-standard')).toEqual([]);
  });

  it('Polly neural’s news style and drc effect', () => {
    const ssml = speak(
      '<amazon:domain name="news"><amazon:effect name="drc">Today</amazon:effect></amazon:domain>',
    );
    expect(issuesOf(ssml, 'polly-neural')).toEqual([]);
  });

  it('a presigned audio URL once its ampersands are escaped', () => {
    const ssml = speak(
      '<audio src="https://b.s3.amazonaws.com/a.mp3?X-Amz-Date=1&amp;X-Amz-Signature=ab%3D"/>',
    );
    expect(issuesOf(ssml, 'alexa')).toEqual([]);
  });

  it('a break of exactly ten seconds, in either unit', () => {
    expect(issuesOf(speak('<break time="10s"/><break time="10000ms"/>'), 'alexa')).toEqual([]);
  });
});

describe('validateSsml rejects', () => {
  it('a tag Alexa does not know, naming it', () => {
    expect(issuesOf(speak('<blink>hi</blink>'), 'alexa')).toEqual([
      expect.stringContaining('unknown tag <blink>'),
    ]);
  });

  it('SSML longer than 8000 characters for Alexa', () => {
    const ssml = speak('a'.repeat(8000));
    expect(issuesOf(ssml, 'alexa')).toEqual([
      `too long: ${ssml.length} characters; alexa accepts at most 8000`,
    ]);
  });

  it('SSML longer than 6000 characters for Polly, markup included', () => {
    const ssml = speak('<break time="1s"/>'.repeat(400));
    expect(issuesOf(ssml, 'polly-standard')).toEqual([
      expect.stringContaining('too long: 7215 characters; polly-standard accepts at most 6000'),
    ]);
  });

  it('six <audio> tags for Alexa', () => {
    expect(issuesOf(speak(AUDIO.repeat(6)), 'alexa')).toEqual([
      '6 <audio> tags; alexa plays at most 5 in one response',
    ]);
    expect(issuesOf(speak(AUDIO.repeat(5)), 'alexa')).toEqual([]);
  });

  it('audio over http', () => {
    expect(issuesOf(speak('<audio src="http://cdn.example.com/a.mp3"/>'), 'alexa')).toEqual([
      expect.stringMatching(
        /<audio src="http:\/\/cdn\.example\.com\/a\.mp3"> is not accepted by alexa \(must be an https URL/,
      ),
    ]);
  });

  it('a break longer than ten seconds', () => {
    expect(issuesOf(speak('<break time="11s"/>'), 'alexa')).toEqual([
      '<break time="11s"> is longer than the 10s a break may last',
    ]);
    expect(issuesOf(speak('<break time="10001ms"/>'), 'polly-neural')).toEqual([
      '<break time="10001ms"> is longer than the 10s a break may last',
    ]);
  });

  it('a break time that is not a duration, and a strength the SSML spec does not define', () => {
    expect(issuesOf(speak('<break time="soon"/><break strength="huge"/>'), 'alexa')).toEqual([
      '<break time="soon"> must be a duration such as 500ms or 2s',
      '<break strength="huge"> must be one of none, x-weak, weak, medium, strong, x-strong',
    ]);
  });

  it.each<SsmlTarget>(['polly-standard', 'polly-neural'])('<audio> for %s', (target) => {
    expect(issuesOf(speak(AUDIO), target)).toEqual([`<audio> is not accepted by ${target}`]);
  });

  it.each<SsmlTarget>(['polly-standard', 'polly-neural'])('<voice> for %s', (target) => {
    expect(issuesOf(speak('<voice name="Joanna">hi</voice>'), target)).toEqual([
      `<voice> is not accepted by ${target}`,
    ]);
  });

  it('<emphasis> for Polly neural', () => {
    expect(issuesOf(speak('<emphasis level="strong">hi</emphasis>'), 'polly-neural')).toEqual([
      '<emphasis> is not accepted by polly-neural',
    ]);
  });

  it('what neural voices lack: whispering, breaths, pitch and max-duration', () => {
    const ssml = speak(
      '<amazon:effect name="whispered">a</amazon:effect><amazon:breath/><amazon:auto-breaths>b</amazon:auto-breaths>' +
        '<prosody pitch="+5%">c</prosody><prosody amazon:max-duration="2s">d</prosody>',
    );
    expect(issuesOf(ssml, 'polly-neural')).toEqual([
      '<amazon:effect name="whispered"> is not accepted by polly-neural (must be one of drc)',
      '<amazon:breath> is not accepted by polly-neural',
      '<amazon:auto-breaths> is not accepted by polly-neural',
      '<prosody> attribute "pitch" is not accepted by polly-neural (accepted: rate, volume)',
      '<prosody> attribute "amazon:max-duration" is not accepted by polly-neural (accepted: rate, volume)',
    ]);
  });

  it('more than 3000 billed characters for Polly, counting text but not tags', () => {
    const text = 'a'.repeat(3001);
    expect(issuesOf(speak(text), 'polly-standard')).toEqual([
      'too many billed characters: 3001 of text; polly-standard accepts at most 3000',
    ]);
    expect(issuesOf(speak(text), 'polly-neural')).toEqual([
      'too many billed characters: 3001 of text; polly-neural accepts at most 3000',
    ]);
    const taggedButShort = speak(`<s>${'a'.repeat(1500)}</s><break time="1s"/>`.repeat(2));
    expect(issuesOf(taggedButShort, 'polly-standard')).toEqual([]);
  });

  it('counts an escaped character as one billed character', () => {
    expect(issuesOf(speak('&amp;'.repeat(1000)), 'polly-standard')).toEqual([]);
  });

  it('a speechcon inside <voice>, but not outside it', () => {
    const speechcon = '<say-as interpret-as="interjection">bazinga</say-as>';
    expect(issuesOf(speak(`<voice name="Joanna">${speechcon}</voice>`), 'alexa')).toEqual([
      'speechcon <say-as interpret-as="interjection"> is not allowed inside <voice>',
    ]);
    expect(issuesOf(speak(speechcon), 'alexa')).toEqual([]);
  });

  it('speechcons for Polly, which has none', () => {
    expect(
      issuesOf(speak('<say-as interpret-as="interjection">wow</say-as>'), 'polly-standard'),
    ).toEqual([
      '<say-as interpret-as="interjection"> is not accepted by polly-standard (must be one of characters, spell-out, cardinal, number, ordinal, digits, fraction, unit, date, time, telephone, address, expletive)',
    ]);
  });

  it('a <voice> name that is not one of Alexa’s Polly voices', () => {
    expect(issuesOf(speak('<voice name="Bob">hi</voice>'), 'alexa')).toEqual([
      expect.stringContaining('<voice name="Bob"> must be one of the Polly voices Alexa accepts'),
    ]);
  });

  it('the news style for Polly standard voices', () => {
    expect(
      issuesOf(speak('<amazon:domain name="news">x</amazon:domain>'), 'polly-standard'),
    ).toEqual([
      '<amazon:domain name="news"> is not accepted by polly-standard (needs a neural voice: Polly has no speaking styles for standard voices)',
    ]);
  });

  it('an attribute the tag does not take, and a missing required one', () => {
    expect(issuesOf(speak('<s color="red">x</s><sub>y</sub>'), 'alexa')).toEqual([
      '<s> attribute "color" is not accepted by alexa (accepted: none)',
      '<sub> needs the alias attribute',
    ]);
  });

  it('XML that is not well-formed', () => {
    expect(issuesOf(speak('Tom & Jerry'), 'alexa')).toEqual([
      expect.stringContaining('not well-formed XML'),
    ]);
    expect(issuesOf('<speak><p>open</speak>', 'alexa')).toEqual([
      expect.stringContaining("Expected closing tag 'p'"),
    ]);
  });

  it('an unescaped ampersand or "<" in an attribute value, which the XML parser lets through', () => {
    expect(issuesOf(speak('<audio src="https://a.example/x.mp3?a=1&b=2"/>'), 'alexa')).toEqual([
      '<audio src="https://a.example/x.mp3?a=1&b=2"> contains "&b=2", which is not an XML reference',
    ]);
    expect(issuesOf(speak('<sub alias="a<b">x</sub>'), 'alexa')).toEqual([
      '<sub alias="a<b"> contains a raw "<"',
    ]);
  });

  it('an entity XML does not define without a DTD', () => {
    expect(issuesOf(speak('caf&eacute;'), 'alexa')).toEqual([
      'text contains "&eacute;", which is not an XML reference',
    ]);
  });

  it('characters XML forbids, raw or as references', () => {
    expect(issuesOf(speak('a\u0001b'), 'alexa')).toEqual([
      'contains U+0001, a character XML does not allow',
    ]);
    expect(issuesOf(speak('a&#1;b'), 'alexa')).toEqual([
      'text contains "&#1;", which is not an XML reference',
    ]);
  });

  it('a root other than <speak>, and no root at all', () => {
    expect(issuesOf('<voice name="Amy">hi</voice>', 'alexa')).toEqual([
      'root element must be <speak>, not <voice>',
    ]);
    expect(issuesOf('', 'alexa')).toEqual(['SSML is empty']);
    expect(issuesOf('just words', 'alexa')).toEqual([
      expect.stringContaining('not well-formed XML'),
    ]);
  });

  it('a <speak> inside <speak>', () => {
    expect(issuesOf(speak('<speak>x</speak>'), 'alexa')).toEqual(['<speak> may only be the root']);
  });

  it('a DOCTYPE, which could define entities', () => {
    expect(issuesOf('<!DOCTYPE speak [<!ENTITY x "y">]><speak>&x;</speak>', 'alexa')).toContain(
      'DOCTYPE declarations are not allowed in SSML',
    );
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'a tag or attribute named after an Object.prototype member (%s)',
    (name) => {
      expect(issuesOf(speak(`<${name}>x</${name}>`), 'alexa')).toEqual([
        expect.stringContaining(name),
      ]);
      expect(issuesOf(speak(`<break ${name}="x"/>`), 'alexa')).toEqual([
        expect.stringContaining(name),
      ]);
    },
  );

  it('an entity named after an Object.prototype member', () => {
    expect(issuesOf(speak('&constructor;'), 'alexa')).toEqual([
      'text contains "&constructor;", which is not an XML reference',
    ]);
  });

  it('reports every problem at once', () => {
    expect(issuesOf(speak('<blink/><break time="20s"/>' + AUDIO), 'polly-neural')).toHaveLength(3);
  });
});

describe('assertValidSsml', () => {
  it('passes valid SSML', () => {
    expect(() => assertValidSsml(speak('hello'), 'alexa')).not.toThrow();
  });

  it('throws an SsmlError carrying the issues', () => {
    let caught: unknown;
    try {
      assertValidSsml(speak('<break time="30s"/>'), 'alexa');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SsmlError);
    expect(caught).toMatchObject({
      name: 'SsmlError',
      issues: ['<break time="30s"> is longer than the 10s a break may last'],
      message:
        'SSML not accepted by alexa: <break time="30s"> is longer than the 10s a break may last',
    });
  });
});
