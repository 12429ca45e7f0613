/** Reading an emulator's request body up to a limit; the rest is drained, so the client gets the emulator's answer rather than a reset socket. */

export interface RequestBody {
  /** The body, or its first `limit` bytes and a little more when it is too large. */
  readonly bytes: Buffer;
  /** The whole body's size, in bytes. */
  readonly size: number;
  readonly tooLarge: boolean;
}

export async function readBody(
  request: AsyncIterable<Buffer>,
  limit: number,
): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), size, tooLarge: size > limit };
}
