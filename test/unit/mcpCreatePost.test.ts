import * as v from 'valibot';
import { createPostInput } from '../../lambda/mcp/tools/posts';
import { MAX_TITLE_CHARACTERS, newPostBody } from '../../lambda/posts/postRequest';

/**
 * create_post describes the posts API's new-post fields in zod (the MCP SDK's schemas) while the
 * API checks them in valibot: the two must name the same fields and agree on what is required.
 */
describe("create_post's input and the posts API's new-post body", () => {
  const fields = Object.keys(newPostBody.entries).sort();

  it('name the same fields', () => {
    expect(Object.keys(createPostInput.shape).sort()).toEqual(fields);
  });

  it.each(fields)('agree whether %s may be left out, and on a wrong type', (field) => {
    const mcp = createPostInput.shape[field as keyof typeof createPostInput.shape];
    const api = newPostBody.entries[field as keyof typeof newPostBody.entries];
    expect(mcp.safeParse(undefined).success).toBe(v.safeParse(api, undefined).success);
    expect(mcp.safeParse(42).success).toBe(false);
    expect(v.safeParse(api, 42).success).toBe(false);
  });

  it('agree on the longest title and the allowed text types and engines', () => {
    const body = { text: 'Hello.', title: 'x'.repeat(MAX_TITLE_CHARACTERS) };
    for (const input of [
      body,
      { ...body, title: 'x'.repeat(MAX_TITLE_CHARACTERS + 1) },
      { ...body, textType: 'ssml', engine: 'neural' },
      { ...body, textType: 'markdown' },
      { ...body, engine: 'long-form' },
    ]) {
      expect([input, createPostInput.safeParse(input).success]).toEqual([
        input,
        v.safeParse(newPostBody, input).success,
      ]);
    }
  });
});
