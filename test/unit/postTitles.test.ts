/** Finding a post by its spoken title: with or without a leading article, in English and German, the closest title first. */
import type { Post } from '../../lambda/posts/repository';
import { postByTitle } from '../../lambda/skill/topics/posts';
import { POSTS_FEED } from '../../lambda/posts/table';

/** Posts newest first, as the repository lists them. */
function posts(...titles: string[]): Post[] {
  return titles.map((title, index) => ({
    postId: `00000000-0000-4000-8000-00000000000${index}`,
    feed: POSTS_FEED,
    title,
    text: `${title}.`,
    textType: 'text',
    voice: 'Matthew',
    engine: 'standard',
    locale: 'en-US',
    status: 'COMPLETED',
    characters: title.length + 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    renderAttempts: 1,
  })) as Post[];
}

const found = (list: readonly Post[], spoken: string) => postByTitle(list, spoken)?.title;

it.each([
  ['the weather', 'Weather'],
  ['weather', 'The Weather'],
  ['the weather', 'The Weather'],
  ['die neue saison', 'Neue Saison'],
  ['neue saison', 'Die neue Saison'],
  ['den wochenrückblick', 'Wochenrückblick'],
])('"%s" finds the post titled "%s"', (spoken, title) => {
  expect(found(posts('Server Maintenance', title, 'Quarterly Results'), spoken)).toBe(title);
});

it('lets no article alone match a title: "the update" is not "The Tournament"', () => {
  expect(found(posts('The Tournament'), 'the update')).toBeUndefined();
  expect(found(posts('Das Turnier'), 'das update')).toBeUndefined();
});

it('prefers the title the words cover most, then the newest', () => {
  const list = posts('Weather in Berlin next week', 'Weather', 'The Weather');
  expect(found(list, 'the weather')).toBe('Weather');
  expect(found(posts('Weather Berlin', 'Weather Munich'), 'weather')).toBe('Weather Berlin');
});

it('still finds a title that is only an article', () => {
  expect(found(posts('The'), 'the')).toBe('The');
});

it('finds nothing for words that name no title', () => {
  expect(found(posts('Weather'), 'quarterly results')).toBeUndefined();
  expect(found(posts('Weather'), '  ')).toBeUndefined();
});
