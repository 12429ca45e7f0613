import {
  Speech,
  SsmlError,
  limitIssues,
  plainTextOf,
  stripInvalidXmlCharacters,
  validateSsml,
  type SsmlTarget,
} from '../../ssml';
import { pick, seeded as random } from '../support/random';

// Pieces chosen to break naive escaping: markup, entity look-alikes, quotes, CDATA/comment openers,
// German and other non-ASCII letters, astral characters, and characters XML forbids outright.
const PIECES = [
  '&',
  '<',
  '>',
  '"',
  "'",
  '&amp;',
  '&lt;',
  '&#x41;',
  '&#0;',
  '&nbsp;',
  ';',
  '#',
  '=',
  '?',
  '%',
  '/',
  ']]>',
  '<!--',
  '-->',
  '<![CDATA[',
  '<speak>',
  '</voice>',
  '<break time="99s"/>',
  "'/><audio src='",
  'ä',
  'ö',
  'ü',
  'Ä',
  'Ö',
  'Ü',
  'ß',
  'Grüße',
  'Straße',
  'é',
  'ñ',
  'İ',
  '日本',
  '😀',
  '👩‍💻',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00A0',
  '\u200B',
  '\u202E',
  'a',
  'Z',
  '7',
  'Pulse',
  '\u0000',
  '\u0007',
  '\u001F',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
];

function hostileString(next: () => number): string {
  const length = Math.floor(next() * 12);
  return Array.from({ length }, () => pick(next, PIECES)).join('');
}

/** What a listener should get back: the text minus XML-forbidden characters, whitespace collapsed. */
function spoken(text: string): string {
  return stripInvalidXmlCharacters(text).replace(/\s+/g, ' ').trim();
}

type Step = (speech: Speech, next: () => number) => void;

const EVERYWHERE: readonly Step[] = [
  (s, n) => s.say(hostileString(n)),
  (s, n) => s.sentence(hostileString(n)),
  (s, n) => s.paragraph(hostileString(n)),
  (s, n) => s.prosody({ rate: 'slow', volume: '-3dB' }, hostileString(n)),
  (s, n) => s.sub(`x${hostileString(n)}`, hostileString(n)),
  (s, n) => s.lang('de-DE', hostileString(n)),
  (s, n) => s.sayAs(hostileString(n), 'characters', hostileString(n)),
  (s, n) => s.number((n() - 0.5) * 1e7),
  (s, n) => s.pause(1 + Math.floor(n() * 9999)),
];

const ALEXA_STEPS: readonly Step[] = [
  ...EVERYWHERE,
  (s, n) => s.emphasis('reduced', hostileString(n)),
  (s, n) => s.whisper(hostileString(n)),
  (s, n) => s.emotion('excited', 'low', hostileString(n)),
  (s, n) =>
    s.audio(
      `https://cdn.example.com/a.mp3?X-Amz-Signature=${hostileString(n)}&b=${hostileString(n)}`,
    ),
];

const STEPS: Readonly<Record<SsmlTarget, readonly Step[]>> = {
  alexa: ALEXA_STEPS,
  'alexa-simulator': [
    ...ALEXA_STEPS,
    (s, n) =>
      s.audio(`http://127.0.0.1:4302/pulse/posts/a.mp3?X-Amz-Signature=${hostileString(n)}`),
  ],
  'polly-standard': [
    ...EVERYWHERE,
    (s, n) => s.emphasis('strong', hostileString(n)),
    (s, n) => s.whisper(hostileString(n)),
  ],
  'polly-neural': EVERYWHERE,
};

const LOCALES = ['en-US', 'en-GB', 'de-DE'] as const;
const RUNS = 300;

describe.each<SsmlTarget>(['alexa', 'polly-standard', 'polly-neural'])(
  'for %s, over many generated hostile strings',
  (target) => {
    it('plain text always gives valid SSML that reads back as the text', () => {
      const next = random(0x5eed);
      for (let run = 0; run < RUNS; run++) {
        const text = hostileString(next);
        const ssml = new Speech({ locale: pick(next, LOCALES), target }).say(text).toSsml();
        expect(validateSsml(ssml, target)).toEqual({ ok: true });
        expect(plainTextOf(ssml)).toBe(spoken(text));
      }
    });

    it('any mix of elements always gives valid SSML, and Polly never gets <voice>', () => {
      const next = random(0xc0ffee);
      for (let run = 0; run < RUNS; run++) {
        const speech = new Speech({ locale: pick(next, LOCALES), target });
        const steps = 1 + Math.floor(next() * 6);
        for (let step = 0; step < steps; step++) pick(next, STEPS[target])(speech, next);
        const ssml = speech.toSsml();
        expect(validateSsml(ssml, target)).toEqual({ ok: true });
        if (target !== 'alexa') expect(ssml).not.toContain('<voice');
      }
    });
  },
);

describe.each<SsmlTarget>(['alexa', 'polly-standard', 'polly-neural'])(
  "for %s, Speech's run-time check against the full validator",
  (target) => {
    /** Several documents' bodies in one: well-formed, and often past the target's limits. */
    function joined(next: () => number): string {
      const parts = Array.from({ length: 1 + Math.floor(next() * 12) }, () => {
        const speech = new Speech({ locale: pick(next, LOCALES), target });
        const steps = 1 + Math.floor(next() * 6);
        for (let step = 0; step < steps; step++) pick(next, STEPS[target])(speech, next);
        if (next() < 0.3) speech.say('word '.repeat(Math.floor(next() * 400)));
        return speech.toSsml().replace(/^<speak>|<\/speak>$/g, '');
      });
      return `<speak>${parts.join('')}</speak>`;
    }

    it('finds exactly the issues the full validator finds in well-formed SSML, in its words', () => {
      const next = random(0x11a1);
      let refused = 0;
      for (let run = 0; run < RUNS; run++) {
        const ssml = joined(next);
        const verdict = validateSsml(ssml, target);
        expect(limitIssues(ssml, target)).toEqual(verdict.ok ? [] : verdict.issues);
        if (!verdict.ok) refused += 1;
      }
      // The generator reaches the limits often enough for the comparison to mean something.
      expect(refused).toBeGreaterThan(RUNS / 20);
    });

    it('throws from toSsml() exactly when the full validator would refuse the document', () => {
      const next = random(0xbead);
      for (let run = 0; run < RUNS; run++) {
        const speech = new Speech({ locale: pick(next, LOCALES), target });
        const body = joined(next).replace(/^<speak>|<\/speak>$/g, '');
        const plain = plainTextOf(body);
        speech.say(plain);
        if (target === 'alexa')
          for (let i = 0; i < Math.floor(next() * 8); i++)
            speech.audio('https://cdn.example.com/a.mp3');
        let ssml: string | undefined;
        let error: unknown;
        try {
          ssml = speech.toSsml();
        } catch (caught) {
          error = caught;
        }
        if (ssml !== undefined) expect(validateSsml(ssml, target)).toEqual({ ok: true });
        else expect(error).toBeInstanceOf(SsmlError);
      }
    });
  },
);
