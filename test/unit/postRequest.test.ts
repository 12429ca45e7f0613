import { checkNewPost, MAX_POST_CHARACTERS } from '../../lambda/posts/postRequest';
import { PostRejected } from '../../lambda/posts/errors';

const check = (body: unknown) => checkNewPost(body, { postId: 'p-1', defaultEngine: 'standard' });

describe('a new post', () => {
  it('accepts exactly 100,000 characters and refuses one more', () => {
    expect(check({ text: 'a'.repeat(MAX_POST_CHARACTERS) }).characters).toBe(MAX_POST_CHARACTERS);
    expect(() => check({ text: 'a'.repeat(MAX_POST_CHARACTERS + 1) })).toThrow(PostRejected);
  });

  it("takes the locale's default voice, and the locale of a chosen voice", () => {
    expect(check({ text: 'Hi.' })).toMatchObject({
      voice: 'Matthew',
      locale: 'en-US',
      engine: 'standard',
    });
    expect(check({ text: 'Hi.', locale: 'en-GB' })).toMatchObject({ voice: 'Amy' });
    expect(check({ text: 'Hallo.', voice: 'Marlene' })).toMatchObject({ locale: 'de-DE' });
  });

  it('titles an untitled post with its first words', () => {
    expect(check({ text: 'Rain is coming to Berlin tonight. Take an umbrella.' }).title).toBe(
      'Rain is coming to Berlin tonight.',
    );
    expect(
      check({ text: '<speak><p>Hello <emphasis>world</emphasis>.</p></speak>', textType: 'ssml' })
        .title,
    ).toBe('Hello world.');
  });

  it('names the voices that would do when the chosen one cannot', () => {
    expect(() => check({ text: 'Hallo.', voice: 'Hans', engine: 'neural' })).toThrow(/Vicki/);
    expect(() => check({ text: 'Hallo.', voice: 'Joanna', locale: 'de-DE' })).toThrow(
      /Hans, Marlene, Vicki/,
    );
  });
});
