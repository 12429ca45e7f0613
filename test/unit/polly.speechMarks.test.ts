/** Speech marks of the local Polly emulator from made-up espeak events: where words and sentences are, when they are spoken. */
import {
  espeakInputFor,
  layoutOf,
  serializeMarks,
  speechMarks,
  visemeOf,
  wordTimes,
  type TextType,
} from '../../local/polly/speechMarks';
import type { EspeakEvent } from '../../local/polly/synthesizer';

function wordsOf(text: string, textType: TextType = 'text'): string[] {
  return layoutOf(text, textType).words.map((word) => text.slice(word.start, word.end));
}

function sentencesOf(text: string, textType: TextType = 'text'): string[] {
  const { words, sentences } = layoutOf(text, textType);
  return sentences.map(({ first, last }) =>
    text.slice(words[first]?.rawStart, words[last]?.rawEnd),
  );
}

/** A word event where espeak would put it: 1-based code point position in espeak's input. */
function wordEvent(input: string, word: string, ms: number, from = 0): EspeakEvent {
  const index = input.indexOf(word, from);
  return { type: 'word', position: [...input.slice(0, index)].length + 1, length: word.length, ms };
}

describe('layoutOf', () => {
  test('words without their punctuation, sentences with it', () => {
    const text = '"Hello," she said. Is it 1,234? (Yes!)';
    expect(wordsOf(text)).toEqual(['Hello', 'she', 'said', 'Is', 'it', '1,234', 'Yes']);
    expect(sentencesOf(text)).toEqual(['"Hello," she said.', 'Is it 1,234?', '(Yes!)']);
  });

  test('plain text bills every character and keeps "&" and "<" as text', () => {
    const layout = layoutOf('AT&T <b>', 'text');
    expect(layout.billedCharacters).toBe(8);
    expect(wordsOf('AT&T <b>')).toEqual(['AT&T', '<b>']);
  });

  test('SSML: tags separate words and are not billed, entities bill one character', () => {
    const ssml = '<speak>Tom&apos;s <emphasis>big</emphasis> day &amp; night</speak>';
    const layout = layoutOf(ssml, 'ssml');
    expect(wordsOf(ssml, 'ssml')).toEqual(['Tom&apos;s', 'big', 'day', '&amp;', 'night']);
    expect(layout.billedCharacters).toBe("Tom's big day & night".length);
    expect(layout.totalCharacters).toBe(ssml.length);
  });

  test('SSML: <s> and <p> end sentences, punctuation after a closing tag stays with its word', () => {
    const ssml =
      '<speak><p><s>One two</s><s>three</s></p><p><emphasis>Four</emphasis>. Five</p></speak>';
    expect(sentencesOf(ssml, 'ssml')).toEqual(['One two', 'three', 'Four</emphasis>.', 'Five']);
  });

  test('SSML: marks are found with the word they precede; comments and CDATA are handled', () => {
    const ssml =
      '<speak><!-- not < spoken -->Go <mark name=\'here\'/>now <![CDATA[a<b]]><mark name="end"/></speak>';
    const layout = layoutOf(ssml, 'ssml');
    expect(wordsOf(ssml, 'ssml')).toEqual(['Go', 'now', 'a<b']);
    expect(layout.marks.map(({ name, beforeWord }) => [name, beforeWord])).toEqual([
      ['here', 1],
      ['end', 3],
    ]);
    expect(ssml.slice(layout.marks[0]?.start, layout.marks[0]?.end)).toBe("<mark name='here'/>");
  });

  test('a ">" inside an attribute does not end the tag', () => {
    const ssml = '<speak><sub alias="a > b">ab</sub> done</speak>';
    expect(wordsOf(ssml, 'ssml')).toEqual(['ab', 'done']);
  });
});

describe('espeakInputFor', () => {
  test('escapes plain text for espeak, which reads everything as SSML, and maps positions back', () => {
    const { input, sourceIndex } = espeakInputFor('a&b <c', 'text');
    expect(input).toBe('a&amp;b &lt;c');
    expect(sourceIndex[input.indexOf('b')]).toBe(2);
    expect(sourceIndex[input.indexOf('c')]).toBe(5);
    expect(sourceIndex.at(-1)).toBe(6);
  });

  test('counts code points, as espeak does, and maps them to UTF-16 indices', () => {
    const text = '😀 ok';
    const { input, sourceIndex } = espeakInputFor(text, 'ssml');
    expect(input).toBe(text);
    expect(sourceIndex).toEqual([0, 2, 3, 4, 5]);
  });
});

describe('wordTimes', () => {
  const text = 'one two three four';
  const { words } = layoutOf(text, 'text');
  const { sourceIndex, input } = espeakInputFor(text, 'text');

  test('each word takes the earliest event on it; others are spread between neighbours', () => {
    const events = [
      wordEvent(input, 'one', 0),
      wordEvent(input, 'three', 600),
      wordEvent(input, 'three', 650),
    ];
    expect(wordTimes(words, events, sourceIndex, 1000)).toEqual([0, 300, 600, 800]);
  });

  test('positions a character off still count, and times never go backwards', () => {
    const events: EspeakEvent[] = [
      { ...wordEvent(input, 'two', 400), position: wordEvent(input, 'two', 0).position - 1 },
      wordEvent(input, 'three', 300),
    ];
    const times = wordTimes(words, events, sourceIndex, 1000);
    expect(times[1]).toBe(400);
    expect(times[2]).toBe(400);
  });
});

describe('speechMarks', () => {
  test('byte offsets for non-ASCII text, marks in time order, sentence before its first word', () => {
    const text = 'Grüße, Köln. Tschüss!';
    const { input, sourceIndex } = espeakInputFor(text, 'text');
    const events = [
      wordEvent(input, 'Grüße', 0),
      wordEvent(input, 'Köln', 500),
      wordEvent(input, 'Tschüss', 1200),
    ];
    const marks = speechMarks({
      text,
      textType: 'text',
      types: ['word', 'sentence'],
      layout: layoutOf(text, 'text'),
      events,
      sourceIndex,
      totalMs: 2000,
    });
    expect(marks).toEqual([
      { time: 0, type: 'sentence', start: 0, end: 15, value: 'Grüße, Köln.' },
      { time: 0, type: 'word', start: 0, end: 7, value: 'Grüße' },
      { time: 500, type: 'word', start: 9, end: 14, value: 'Köln' },
      { time: 1200, type: 'sentence', start: 16, end: 25, value: 'Tschüss!' },
      { time: 1200, type: 'word', start: 16, end: 24, value: 'Tschüss' },
    ]);
    const bytes = Buffer.from(text);
    for (const mark of marks) {
      expect(bytes.subarray(mark.start, mark.end).toString()).toBe(mark.value);
    }
  });

  test('ssml marks take the time espeak fired them at, or the next word when it did not', () => {
    const ssml = '<speak>a <mark name="m1"/>b <mark name="m2"/>c</speak>';
    const { sourceIndex, input } = espeakInputFor(ssml, 'ssml');
    const events: EspeakEvent[] = [
      wordEvent(input, 'a ', 0),
      { type: 'mark', position: 9, length: 0, ms: 250, id: 'm1' },
      wordEvent(input, 'b ', 260),
      wordEvent(input, 'c<', 700),
    ];
    const marks = speechMarks({
      text: ssml,
      textType: 'ssml',
      types: ['ssml'],
      layout: layoutOf(ssml, 'ssml'),
      events,
      sourceIndex,
      totalMs: 900,
    });
    expect(marks.map(({ time, value }) => [time, value])).toEqual([
      [250, 'm1'],
      [700, 'm2'],
    ]);
  });

  test('visemes from phonemes, one silence for a run of pauses', () => {
    const events: EspeakEvent[] = [
      { type: 'phoneme', position: 1, length: 0, ms: 0, id: 'm' },
      { type: 'phoneme', position: 1, length: 0, ms: 80, id: 'ˈɑː' },
      { type: 'phoneme', position: 1, length: 0, ms: 200, id: '' },
      { type: 'phoneme', position: 1, length: 0, ms: 210, id: '' },
      { type: 'phoneme', position: 1, length: 0, ms: 300, id: 'tʃ' },
    ];
    const marks = speechMarks({
      text: 'x',
      textType: 'text',
      types: ['viseme'],
      layout: layoutOf('x', 'text'),
      events,
      sourceIndex: [0, 1],
      totalMs: 400,
    });
    expect(serializeMarks(marks)).toBe(
      [
        '{"time":0,"type":"viseme","value":"p"}',
        '{"time":80,"type":"viseme","value":"a"}',
        '{"time":200,"type":"viseme","value":"sil"}',
        '{"time":300,"type":"viseme","value":"S"}',
        '',
      ].join('\n'),
    );
  });

  test.each([
    ['θ', 'T'],
    ['ð', 'T'],
    ['f', 'f'],
    ['ˈiː', 'i'],
    ['oʊ', 'o'],
    ['ɔɪ', 'O'],
    ['ə', '@'],
    ['ɛ', 'E'],
    ['eɪ', 'e'],
    ['uː', 'u'],
    ['ʒ', 'S'],
    ['ɹ', 'r'],
    ['k', 'k'],
    ['s', 's'],
    ['ʔ', 'sil'],
  ])('viseme of %s is %s', (phoneme, viseme) => {
    expect(visemeOf(phoneme)).toBe(viseme);
  });
});
