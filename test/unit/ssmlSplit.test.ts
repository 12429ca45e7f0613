import {
  SsmlError,
  billedCharacters,
  plainTextOf,
  splitForPolly,
  unescapeXml,
  validateSsml,
} from '../../ssml';
import { pick, seeded as random } from '../support/random';

function between(next: () => number, low: number, high: number): number {
  return low + Math.floor(next() * (high - low + 1));
}

const WORDS = [
  'player',
  'station',
  'Berlin',
  'Grüße',
  'Straße',
  'humidity',
  'rose',
  'by',
  'seven',
  'percent',
  'überall',
  'naïve',
  '日本',
  '😀',
  '👩‍💻',
  'R&amp;D',
  '&lt;tag&gt;',
  '&#x41;',
  'O&apos;Brien',
];

const PLAIN_WORDS = ['player', 'station', 'Berlin', 'Grüße', 'humidity', 'rose', 'by', 'seven'];

function words(next: () => number, count: number, vocabulary = WORDS): string {
  return Array.from({ length: count }, () => pick(next, vocabulary)).join(' ');
}

function sentence(next: () => number, vocabulary = WORDS): string {
  const text = words(next, between(next, 3, 25), vocabulary);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${pick(next, ['.', '!', '?'])}`;
}

function codePoints(text: string): number {
  return [...text].length;
}

/** The text content exactly, whitespace and all: what the pieces must share with the input. */
function textContent(ssml: string): string {
  return unescapeXml(ssml.replace(/<[^>]*>/g, ''));
}

function expectWithinPollyLimits(pieces: readonly string[], billed = 3000, total = 6000): void {
  for (const piece of pieces) {
    expect(validateSsml(piece, 'polly-standard')).toEqual({ ok: true });
    expect(billedCharacters(piece, 'ssml')).toBeLessThanOrEqual(billed);
    expect(codePoints(piece)).toBeLessThanOrEqual(total);
  }
}

describe('splitForPolly with plain text', () => {
  it('cuts a 20,000-character post into pieces of at most 3000 characters at sentence ends', () => {
    const next = random(1);
    let post = '';
    while (post.length < 20_000) post += `${sentence(next, PLAIN_WORDS)} `;
    const pieces = splitForPolly(post, 'text');
    expect(pieces.length).toBeGreaterThanOrEqual(7);
    expect(pieces.join('')).toBe(post);
    for (const piece of pieces) {
      expect(codePoints(piece)).toBeLessThanOrEqual(3000);
      expect(piece).toMatch(/[.!?] $/);
    }
  });

  it('fills each piece as far as the last sentence end that fits', () => {
    const pieces = splitForPolly('One two. Three four. Five six.', 'text', {
      maxBilledCharacters: 21,
    });
    expect(pieces).toEqual(['One two. Three four. ', 'Five six.']);
  });

  it('cuts a 5,000-character sentence without punctuation between words', () => {
    const next = random(2);
    let post = '';
    while (post.length < 5000) post += `${pick(next, PLAIN_WORDS)} `;
    post = post.trimEnd();
    const pieces = splitForPolly(post, 'text');
    expect(pieces).toHaveLength(2);
    expect(pieces.join('')).toBe(post);
    expect(codePoints(pieces[0] ?? '')).toBeLessThanOrEqual(3000);
    expect(pieces[0]).toMatch(/\S $/);
    for (const piece of pieces) {
      expect(
        piece
          .split(' ')
          .filter(Boolean)
          .every((word) => PLAIN_WORDS.includes(word)),
      ).toBe(true);
    }
  });

  it('hard-cuts a word longer than a request, between graphemes, after cutting before it', () => {
    // 👩‍💻 is three code points joined into one grapheme: 700 of them and 900 x fill 3000 exactly.
    const word = '👩‍💻'.repeat(700) + 'x'.repeat(2000);
    expect(splitForPolly(`Look: ${word} done.`, 'text')).toEqual([
      'Look: ',
      '👩‍💻'.repeat(700) + 'x'.repeat(900),
      'x'.repeat(1100) + ' done.',
    ]);
    const emoji = splitForPolly('👩‍💻'.repeat(10), 'text', { maxBilledCharacters: 4 });
    expect(emoji).toEqual(Array.from({ length: 10 }, () => '👩‍💻'));
  });

  it('does not end a piece after "Dr." or "Mr." or a middle initial', () => {
    const post = 'We met Dr. Smith and Mr. Jones. Then J. R. R. Tolkien arrived. '.repeat(40);
    const pieces = splitForPolly(post, 'text', { maxBilledCharacters: 100, locale: 'en-US' });
    expect(pieces.join('')).toBe(post);
    for (const piece of pieces) expect(piece).toMatch(/(Jones|arrived)\. $/);
  });

  it('does not end a piece after "z. B.", "Dr." or a German ordinal such as "3."', () => {
    const post =
      'Das ist z. B. ein Test. Dr. Müller kam am 3. Oktober an. Er blieb d. h. lange. '.repeat(30);
    const pieces = splitForPolly(post, 'text', { maxBilledCharacters: 90, locale: 'de-DE' });
    expect(pieces.join('')).toBe(post);
    for (const piece of pieces) expect(piece).toMatch(/(Test|an|lange)\. $/);
  });

  it('cuts Japanese, which has no spaces, between sentences and then between words', () => {
    const post = 'こんにちは。今日は良い天気ですね。'.repeat(20);
    const bySentence = splitForPolly(post, 'text', { maxBilledCharacters: 40, locale: 'ja-JP' });
    expect(bySentence.join('')).toBe(post);
    expect(bySentence.every((piece) => piece.endsWith('。'))).toBe(true);
    const byWord = splitForPolly('今日は良い天気ですね', 'text', {
      maxBilledCharacters: 6,
      locale: 'ja-JP',
    });
    expect(byWord.join('')).toBe('今日は良い天気ですね');
    expect(byWord.length).toBeGreaterThan(1);
  });

  it('gives no pieces for nothing to say', () => {
    expect(splitForPolly('', 'text')).toEqual([]);
    expect(splitForPolly(' \n\t ', 'text')).toEqual([]);
  });

  it('counts every character of plain text as billed', () => {
    expect(billedCharacters('a &amp; b', 'text')).toBe(9);
    expect(billedCharacters('Grüße 😀', 'text')).toBe(7);
  });
});

describe('splitForPolly with SSML', () => {
  function nestedPost(next: () => number, paragraphs: number): string {
    const body = Array.from({ length: paragraphs }, () => {
      const sentences = Array.from(
        { length: between(next, 2, 5) },
        () =>
          `<s>${words(next, 3)} <prosody rate="slow">${words(next, 2)} <emphasis level="moderate">${words(next, 3)}</emphasis> ${words(next, 2)}</prosody>.</s>`,
      );
      return `<p>${sentences.join('\n')}</p>`;
    });
    return `<speak>${body.join('\n')}</speak>`;
  }

  it('splits a 6,000-character post with nested <p><s><prosody><emphasis> into valid requests that say the same', () => {
    const post = nestedPost(random(3), 24);
    expect(post.length).toBeGreaterThan(6000);
    expect(billedCharacters(post, 'ssml')).toBeGreaterThan(3000);
    const pieces = splitForPolly(post, 'ssml');
    expect(pieces.length).toBeGreaterThan(1);
    expectWithinPollyLimits(pieces);
    expect(plainTextOf(pieces.join(''))).toBe(plainTextOf(post));
    expect(textContent(pieces.join(''))).toBe(textContent(post));
  });

  it('closes the elements a cut falls inside and opens them again, attributes and all', () => {
    const post =
      '<speak><p><prosody rate="slow" volume="loud"><emphasis level="strong">one two three four</emphasis> five</prosody></p></speak>';
    expect(splitForPolly(post, 'ssml', { maxBilledCharacters: 11 })).toEqual([
      '<speak><p><prosody rate="slow" volume="loud"><emphasis level="strong">one two </emphasis></prosody></p></speak>',
      '<speak><p><prosody rate="slow" volume="loud"><emphasis level="strong">three four</emphasis> </prosody></p></speak>',
      '<speak><p><prosody rate="slow" volume="loud">five</prosody></p></speak>',
    ]);
  });

  it('cuts between sentence elements rather than inside one, and leaves no empty elements behind', () => {
    const post = '<speak><p><s>First one here.</s><s>Second one.</s></p><p>Third.</p></speak>';
    expect(splitForPolly(post, 'ssml', { maxBilledCharacters: 26 })).toEqual([
      '<speak><p><s>First one here.</s><s>Second one.</s></p></speak>',
      '<speak><p>Third.</p></speak>',
    ]);
  });

  it('keeps <break/> whole and keeps <say-as>, <sub>, <phoneme> and <w> content in one piece', () => {
    const atomic = [
      '<say-as interpret-as="telephone">+49 30 1234 5678</say-as>',
      '<sub alias="World Wide Web Consortium">W3C</sub>',
      '<phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan pie</phoneme>',
      '<w role="amazon:VBD">read it</w>',
      '<prosody amazon:max-duration="2s">all of this in two seconds</prosody>',
      '<break time="700ms"/>',
    ];
    const post = `<speak>${atomic.map((element) => `word ${element} word`).join(' ')}</speak>`;
    const pieces = splitForPolly(post, 'ssml', { maxBilledCharacters: 30 });
    expectWithinPollyLimits(pieces, 30);
    for (const element of atomic) {
      expect(pieces.filter((piece) => piece.includes(element))).toHaveLength(1);
    }
    expect(textContent(pieces.join(''))).toBe(textContent(post));
  });

  it('keeps a character reference whole and bills it as the one character it stands for', () => {
    expect(billedCharacters('<speak>R&amp;D &lt;3 &#x1F600;</speak>', 'ssml')).toBe(8);
    const post = `<speak>${'&amp;'.repeat(50)}</speak>`;
    const pieces = splitForPolly(post, 'ssml', { maxBilledCharacters: 7 });
    expect(pieces).toHaveLength(8);
    expectWithinPollyLimits(pieces, 7);
    expect(pieces[0]).toBe(`<speak>${'&amp;'.repeat(7)}</speak>`);
  });

  it('counts markup toward the total but not toward the billed characters', () => {
    const post = `<speak>${'<emphasis level="reduced">a</emphasis> '.repeat(200)}</speak>`;
    expect(billedCharacters(post, 'ssml')).toBe(400);
    const pieces = splitForPolly(post, 'ssml', { maxTotalCharacters: 1000 });
    expect(pieces.length).toBeGreaterThanOrEqual(8);
    expectWithinPollyLimits(pieces, 3000, 1000);
  });

  it('drops comments and the XML declaration, and turns CDATA into escaped text', () => {
    const post = '<?xml version="1.0"?><speak><!-- note -->Fish <![CDATA[& chips]]></speak>';
    expect(splitForPolly(post, 'ssml')).toEqual(['<speak>Fish &amp; chips</speak>']);
  });

  it('gives no pieces for a document that says nothing', () => {
    expect(splitForPolly('<speak></speak>', 'ssml')).toEqual([]);
    expect(splitForPolly('<speak> <p> </p> </speak>', 'ssml')).toEqual([]);
    expect(splitForPolly('<speak><break time="1s"/></speak>', 'ssml')).toHaveLength(1);
  });

  it.each([
    ['', /SSML is empty/],
    ['plain words', /text outside the root element/],
    ['<p>x</p>', /root element must be <speak>/],
    ['<speak><p>x</speak>', /<\/speak> closes <p>/],
    ['<speak><p>x</p>', /<speak> is never closed/],
    ['<speak>x</speak><speak>y</speak>', /content after the root element/],
    ['<speak>a <b</speak>', /malformed markup/],
    ['<!DOCTYPE speak><speak>x</speak>', /DOCTYPE/],
    ['<speak><?pi x?>x</speak>', /processing instruction/],
    ['<speak>fish & chips</speak>', /not well-formed XML/],
    ['<speak>&nbsp;</speak>', /"&nbsp;", which is not an XML reference/],
    ['<speak><blink>x</blink></speak>', /unknown tag <blink>/],
    ['<speak><break time="20s"/></speak>', /longer than the 10s a break may last/],
  ])('refuses %j with SsmlError', (post, message) => {
    expect(() => splitForPolly(post, 'ssml')).toThrow(SsmlError);
    expect(() => splitForPolly(post, 'ssml')).toThrow(message);
  });

  it('checks the pieces for the engine given: neural voices take <amazon:domain>, standard ones do not', () => {
    const post = '<speak><amazon:domain name="news">Markets rose.</amazon:domain></speak>';
    expect(splitForPolly(post, 'ssml', { engine: 'neural' })).toEqual([post]);
    expect(() => splitForPolly(post, 'ssml')).toThrow(/needs a neural voice/);
  });

  it('refuses an atomic element longer than a request', () => {
    const post = `<speak><say-as interpret-as="characters">${'a'.repeat(3001)}</say-as></speak>`;
    expect(() => splitForPolly(post, 'ssml')).toThrow(
      /Cannot split for Polly: <say-as interpret-as="characters">/,
    );
  });

  it('refuses limits above what Polly accepts, or below one', () => {
    expect(() => splitForPolly('x', 'text', { maxBilledCharacters: 3001 })).toThrow(RangeError);
    expect(() => splitForPolly('x', 'text', { maxTotalCharacters: 0 })).toThrow(RangeError);
    expect(() => splitForPolly('x', 'text', { maxTotalCharacters: 1.5 })).toThrow(RangeError);
  });
});

describe('splitForPolly on random nested SSML', () => {
  type Generate = (next: () => number, depth: number) => string;

  const atomic: readonly Generate[] = [
    (next) => `<say-as interpret-as="digits">${between(next, 0, 999_999)}</say-as>`,
    () => '<sub alias="World Wide Web">WWW</sub>',
    () => '<phoneme alphabet="ipa" ph="pɪˈkɑːn">pecan</phoneme>',
    () => '<w role="amazon:VB">read</w>',
    (next) => `<break time="${between(next, 1, 2000)}ms"/>`,
    () => '<mark name="here"/>',
  ];

  const containers: readonly [string, string][] = [
    ['<prosody rate="slow">', '</prosody>'],
    ['<prosody volume="-3dB" pitch="+5%">', '</prosody>'],
    ['<emphasis level="strong">', '</emphasis>'],
    ['<lang xml:lang="de-DE">', '</lang>'],
    ['<amazon:effect name="whispered">', '</amazon:effect>'],
    ['<amazon:auto-breaths frequency="low">', '</amazon:auto-breaths>'],
  ];

  function inline(next: () => number, depth: number): string {
    const parts = Array.from({ length: between(next, 1, 6) }, () => {
      const roll = next();
      if (roll < 0.5 || depth >= 4) return words(next, between(next, 1, 12));
      if (roll < 0.7) return pick(next, atomic)(next, depth);
      const [open, close] = pick(next, containers);
      return `${open}${inline(next, depth + 1)}${close}`;
    });
    return parts.join(pick(next, [' ', ' ', '\n', '. ']));
  }

  function document(next: () => number): string {
    const blocks = Array.from({ length: between(next, 1, 12) }, () => {
      const roll = next();
      if (roll < 0.3) return inline(next, 0);
      const sentences = Array.from(
        { length: between(next, 1, 4) },
        () => `<s>${inline(next, 1)}</s>`,
      );
      return roll < 0.7 ? `<p>${sentences.join(' ')}</p>` : sentences.join('');
    });
    return `<speak>${blocks.join(pick(next, ['', ' ', '\n']))}</speak>`;
  }

  it('keeps every invariant over 150 random posts and limits', () => {
    for (let seed = 1; seed <= 150; seed += 1) {
      const next = random(seed);
      const post = document(next);
      const billed = between(next, 40, 600);
      const total = between(next, 400, 1500);
      const pieces = splitForPolly(post, 'ssml', {
        maxBilledCharacters: billed,
        maxTotalCharacters: total,
      });
      const context = `seed ${seed}`;
      if (/\S/.test(textContent(post)))
        expect([context, pieces.length > 0]).toEqual([context, true]);
      for (const piece of pieces) {
        expect([context, validateSsml(piece, 'polly-standard')]).toEqual([context, { ok: true }]);
        expect(billedCharacters(piece, 'ssml')).toBeLessThanOrEqual(billed);
        expect(codePoints(piece)).toBeLessThanOrEqual(total);
      }
      expect([context, textContent(pieces.join(''))]).toEqual([context, textContent(post)]);
      for (const element of post.match(/<(say-as|sub|phoneme|w)\b[^>]*>[^<]*<\/\1>/g) ?? []) {
        expect(pieces.some((piece) => piece.includes(element))).toBe(true);
      }
    }
  });
});
