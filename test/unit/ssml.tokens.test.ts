/** The one SSML reader: every character of the source lands in exactly one token, each of the right kind. */
import { validateSsml } from '../../ssml';
import { tokenize } from '../../ssml/tokens';
import { pick, seeded as random } from '../support/random';

const PIECES = [
  '<speak>',
  '</speak>',
  '<s>',
  '</s>',
  '<break time="1s"/>',
  "<sub alias='a > b'>",
  '<s a="1"b="2">',
  '<s a=1>',
  '</s x>',
  '<1a>',
  '<!-- note -->',
  '<!--',
  '-->',
  '<![CDATA[& x]]>',
  '<?xml version="1.0"?>',
  '<?pi x?>',
  '<!DOCTYPE speak [<!ENTITY x "y">]>',
  '<!DOCTYPE',
  '&amp;',
  '&',
  '<',
  '>',
  'Grüße 😀',
  ' ',
  '\n',
];

describe('tokenize', () => {
  it('gives back the source when its tokens are joined, whatever the source', () => {
    const next = random(0x70c3);
    for (let run = 0; run < 2000; run++) {
      const source = Array.from({ length: 1 + Math.floor(next() * 12) }, () =>
        pick(next, PIECES),
      ).join('');
      const tokens = tokenize(source);
      expect(tokens.map((token) => token.raw).join('')).toBe(source);
      for (const token of tokens) expect(source.startsWith(token.raw, token.at)).toBe(true);
    }
  });

  it('tells tags, text, comments, CDATA, instructions and DOCTYPEs apart', () => {
    const kinds = tokenize(
      '<?xml version="1.0"?><!DOCTYPE speak><speak><!-- c -->a &amp; b<![CDATA[<x>]]><break time="1s"/></speak>',
    ).map((token) => token.kind);
    expect(kinds).toEqual([
      'instruction',
      'doctype',
      'open',
      'comment',
      'text',
      'cdata',
      'open',
      'close',
    ]);
  });

  it('reads attribute values as written, a ">" inside quotes included', () => {
    const [sub] = tokenize(`<sub alias='a > b' xml:lang="de-DE">`);
    expect(sub).toMatchObject({
      kind: 'open',
      name: 'sub',
      empty: false,
      attributes: [
        { name: 'alias', raw: 'a > b' },
        { name: 'xml:lang', raw: 'de-DE' },
      ],
    });
  });

  it('marks markup that is no well-formed tag, and a lone "<"', () => {
    expect(tokenize('<s a=1>')).toEqual([{ kind: 'malformed', at: 0, raw: '<s a=1>', name: 's' }]);
    expect(tokenize('a < b').map((token) => token.kind)).toEqual(['text', 'malformed', 'text']);
  });
});

describe('validateSsml reads XML strictly', () => {
  const notWellFormed = (ssml: string) => {
    const result = validateSsml(ssml, 'alexa');
    return result.ok ? [] : result.issues;
  };

  it.each([
    ['text after the root element', '<speak>hi</speak> there', 'Extra text at the end'],
    ['a second root element', '<speak>a</speak><speak>b</speak>', 'Multiple possible root nodes'],
    [
      'an XML declaration after the start',
      '<speak><?xml version="1.0"?>hi</speak>',
      'XML declaration',
    ],
    [
      'a repeated attribute',
      '<speak><break time="1s" time="2s"/></speak>',
      "Attribute 'time' is repeated",
    ],
    ['an unquoted attribute value', '<speak><break time=1s/></speak>', 'not well-formed XML'],
    ['an attribute without a value', '<speak><break time/></speak>', "boolean attribute 'time'"],
    ['an unclosed element', '<speak><s>hi</speak>', "Expected closing tag 's'"],
    ['an element never closed', '<speak>hi', "Unclosed tag 'speak'"],
    ['an end tag with nothing open', '</speak>', "Closing tag 'speak' has not been opened"],
    ['a tag name XML does not allow', '<speak><1s>hi</1s></speak>', "Tag '1s' is an invalid name"],
  ])('refuses %s', (_what, ssml, problem) => {
    expect(notWellFormed(ssml)).toEqual([expect.stringContaining('not well-formed XML')]);
    expect(notWellFormed(ssml)[0]).toContain(problem);
  });

  it('says where a document stops being XML, by line and column', () => {
    expect(notWellFormed('<speak>\n  <p>open\n</speak>')).toEqual([
      "not well-formed XML: Expected closing tag 'p' (opened in line 2, col 3) instead of closing tag 'speak'. (line 3, column 1)",
    ]);
  });

  it('accepts an XML declaration, a byte order mark and comments where XML allows them', () => {
    expect(
      validateSsml(
        '\ufeff<?xml version="1.0"?>\n<!-- hi --><speak>a<!-- b -->c</speak>\n',
        'alexa',
      ),
    ).toEqual({ ok: true });
  });
});
