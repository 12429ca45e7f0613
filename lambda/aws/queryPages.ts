/** Reading every page of a DynamoDB Query. */
import type { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Every item a Query finds, page after page, until DynamoDB has no more or at least `maxItems`
 * are read (whole pages). `pageQuery` makes the command for a page's start key, so each caller
 * still names the Query it sends.
 */
export async function everyPage(
  client: DynamoDBDocumentClient,
  pageQuery: (startKey: Record<string, unknown> | undefined) => QueryCommand,
  abortSignal: AbortSignal,
  maxItems = Number.POSITIVE_INFINITY,
): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(pageQuery(startKey), { abortSignal });
    found.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && found.length < maxItems);
  return found;
}
