/** Posts (text rendered to speech): listed newest first, read one by one, and created with the posts API's checks and limits. */
import { z } from 'zod';
import { MAX_POST_CHARACTERS, MAX_TITLE_CHARACTERS } from '../../posts/postRequest';
import { isPostId, POST_STATUSES, POSTS_PAGE_SIZE } from '../../posts/repository';
import { postView } from '../../posts/view';
import { ToolInputError } from '../errors';
import type { McpDependencies } from '../services';
import { READS, tool, type Tool } from './define';

/**
 * create_post's input: the posts API's new-post fields (`newPostBody`, in valibot like the rest of
 * the Lambdas' parsing) described in zod for the SDK. The posts API's own checks decide.
 */
export const createPostInput = z.object({
  text: z
    .string({ error: 'text is required and must be a string' })
    .describe(
      `What the post says: plain text, or SSML with textType "ssml"; at most ${MAX_POST_CHARACTERS.toLocaleString('en-US')} characters.`,
    ),
  title: z
    .string()
    .max(MAX_TITLE_CHARACTERS, `title must be at most ${MAX_TITLE_CHARACTERS} characters`)
    .optional()
    .describe('A title; by default the first words of the text.'),
  voice: z
    .string()
    .optional()
    .describe("A Polly voice, e.g. Matthew, Amy or Vicki; by default the locale's."),
  textType: z
    .enum(['text', 'ssml'], { error: 'textType must be "text" or "ssml"' })
    .default('text'),
  locale: z.string().optional().describe("en-US, en-GB, de-DE…; by default the voice's, or en-US."),
  engine: z
    .enum(['standard', 'neural'], { error: 'engine must be "standard" or "neural"' })
    .optional()
    .describe("Polly's engine; by default the deployment's."),
});

const postSchema = z.object({
  postId: z.string(),
  title: z.string(),
  voice: z.string(),
  locale: z.string(),
  status: z.enum(POST_STATUSES),
  audioUrl: z.string().optional().describe('MP3 of the post, presigned; only once COMPLETED.'),
  durationSeconds: z.number().optional(),
  characters: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

const postLine = (post: z.infer<typeof postSchema>) =>
  `“${post.title}” (${post.postId}): ${post.status}${post.durationSeconds === undefined ? '' : `, ${Math.round(post.durationSeconds)} s`}`;

export function postTools({ posts, publishPost, postAudio }: McpDependencies): Tool[] {
  const view = (post: Parameters<typeof postView>[0]) =>
    postView(post, postAudio.store, postAudio.urlSeconds);

  const listPosts = tool({
    name: 'list_posts',
    title: 'Latest posts',
    description:
      'The posts rendered to speech, newest first, a page at a time: each with its title, status ' +
      '(PROCESSING, COMPLETED or FAILED) and, once COMPLETED, a link to its MP3.',
    input: z
      .object({
        limit: z
          .number({ error: 'limit must be a number' })
          .int('limit must be a whole number')
          .min(1, 'limit must be at least 1')
          .max(POSTS_PAGE_SIZE.max, `limit must be at most ${POSTS_PAGE_SIZE.max}`)
          .default(POSTS_PAGE_SIZE.default)
          .describe(
            `Posts on the page (1–${POSTS_PAGE_SIZE.max}, default ${POSTS_PAGE_SIZE.default}).`,
          ),
        cursor: z
          .string()
          .min(1)
          .optional()
          .describe("The previous page's nextCursor, for the page after it."),
      })
      .strict(),
    output: z.object({
      items: z.array(postSchema),
      nextCursor: z.string().optional().describe('Absent on the last page.'),
    }),
    annotations: READS,
    async run({ limit, cursor }) {
      const page = await posts.list({ limit, ...(cursor === undefined ? {} : { cursor }) });
      const items = await Promise.all(page.posts.map(view));
      const more = page.nextCursor ? `\nMore: call again with cursor ${page.nextCursor}` : '';
      return {
        structured: { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
        text:
          items.length === 0
            ? 'No posts yet.'
            : `${items.length} post${items.length === 1 ? '' : 's'}, newest first:\n${items.map(postLine).join('\n')}${more}`,
      };
    },
  });

  const getPost = tool({
    name: 'get_post',
    title: 'A post',
    description:
      'One post by its id: title, voice, locale, status, and once COMPLETED a link to its MP3 and its ' +
      'duration; why it FAILED, if it did.',
    input: z
      .object({ postId: z.string().min(1).describe('The post id create_post or list_posts gave.') })
      .strict(),
    output: postSchema,
    annotations: READS,
    async run({ postId }) {
      const post = isPostId(postId) ? await posts.get(postId) : undefined;
      if (!post) throw new ToolInputError(`No post ${postId}.`);
      const shown = await view(post);
      return { structured: shown, text: postLine(shown) };
    },
  });

  const createPost = tool({
    name: 'create_post',
    title: 'Create a post',
    description:
      'Writes a post and has it rendered to speech (an MP3 in a Polly voice that an Echo can play), ' +
      'as the posts API does, with the same checks and limits. It starts PROCESSING; get_post tells ' +
      'when it is COMPLETED (usually seconds) or FAILED.',
    input: createPostInput,
    output: z.object({ postId: z.string(), status: z.enum(POST_STATUSES) }),
    annotations: {
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: false,
    },
    async run(body) {
      const created = await publishPost(body);
      return {
        structured: { postId: created.postId, status: created.status },
        text: `Created post ${created.postId}; it is ${created.status}. get_post tells when it is ready.`,
      };
    },
  });

  return [listPosts, getPost, createPost];
}
