/** Puts made in one turn of the event loop, written together: records handled concurrently share BatchWriteItem calls. */
import type { PutRequest, RollupWriter } from './writer';

/** Collects the puts of one turn of the event loop into one writeAll; each put settles with its own item's outcome. */
export function coalescingWriter(writer: RollupWriter): (request: PutRequest) => Promise<void> {
  let queue: { request: PutRequest; resolve: () => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      const results = await writer.writeAll(batch.map((entry) => entry.request));
      results.forEach((result, i) =>
        result.status === 'fulfilled' ? batch[i]!.resolve() : batch[i]!.reject(result.reason),
      );
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  };
  return (request) =>
    new Promise<void>((resolve, reject) => {
      if (queue.length === 0) setImmediate(() => void flush());
      queue.push({ request, resolve, reject });
    });
}
