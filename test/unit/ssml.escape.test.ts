import { escapeXml, plainTextOf, stripInvalidXmlCharacters, unescapeXml } from '../../ssml';

describe('escapeXml', () => {
  it.each([
    ['&', '&amp;'],
    ['<', '&lt;'],
    ['>', '&gt;'],
    ['"', '&quot;'],
    ["'", '&apos;'],
  ])('escapes %s as %s', (raw, escaped) => {
    expect(escapeXml(`a${raw}b`)).toBe(`a${escaped}b`);
  });

  it('escapes an ampersand that already looks like an entity, so the text is said literally', () => {
    expect(escapeXml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });

  it('leaves umlauts, accents and emoji alone', () => {
    expect(escapeXml('Grüße aus Köln – café 😀')).toBe('Grüße aus Köln – café 😀');
  });

  it('drops characters XML cannot carry at all instead of producing unparseable SSML', () => {
    expect(escapeXml('a\u0000b\u0007c\uFFFFd\uD800e')).toBe('abcde');
  });
});

describe('stripInvalidXmlCharacters', () => {
  it('keeps tabs, newlines and surrogate pairs', () => {
    expect(stripInvalidXmlCharacters('a\tb\nc\r😀')).toBe('a\tb\nc\r😀');
  });
});

describe('unescapeXml', () => {
  it('undoes escapeXml', () => {
    const text = `Tom & Jerry's "<show>"`;
    expect(unescapeXml(escapeXml(text))).toBe(text);
  });

  it('decodes numeric references and decodes only once', () => {
    expect(unescapeXml('&#65;&#x1F600;&amp;lt;')).toBe('A😀&lt;');
  });

  it('leaves unknown entities as they are', () => {
    expect(unescapeXml('&nbsp;')).toBe('&nbsp;');
    expect(unescapeXml('&constructor; &toString;')).toBe('&constructor; &toString;');
  });
});

describe('plainTextOf', () => {
  it('strips markup, unescapes entities and collapses whitespace', () => {
    const ssml =
      '<speak>\n  <voice name="Amy"><p>Tom &amp; Jerry</p>\n<p>say   &quot;hi&quot;</p></voice></speak>';
    expect(plainTextOf(ssml)).toBe('Tom & Jerry say "hi"');
  });

  it('keeps words apart across paragraphs, sentences and breaks', () => {
    expect(plainTextOf('<speak><s>One</s><s>Two</s>three<break time="1s"/>four</speak>')).toBe(
      'One Two three four',
    );
  });

  it('does not add a space where an inline tag meets punctuation', () => {
    expect(plainTextOf('<speak>You have <say-as interpret-as="cardinal">3</say-as>.</speak>')).toBe(
      'You have 3.',
    );
  });

  it('shows the written form of a <sub>, not its alias, and leaves out audio', () => {
    expect(
      plainTextOf(
        '<speak><sub alias="aluminium">Al</sub> <audio src="https://a.example/b.mp3"/></speak>',
      ),
    ).toBe('Al');
  });

  it('reads an attribute value containing ">" as part of the tag', () => {
    expect(plainTextOf(`<speak><sub alias='a > b'>x</sub></speak>`)).toBe('x');
  });

  it('drops comments and keeps CDATA text verbatim', () => {
    expect(plainTextOf('<speak>a<!-- note -->b <![CDATA[&amp;]]></speak>')).toBe('ab &amp;');
  });
});
