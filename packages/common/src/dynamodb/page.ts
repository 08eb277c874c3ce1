import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { PageKey } from '../pagination';

export interface QueryPage {
  items: Record<string, unknown>[];
  /** Where the next page starts; undefined when this page is the last. */
  lastKey?: PageKey;
}

/**
 * One page of a Query with no trailing empty page: it asks DynamoDB for one item more than the page
 * holds, so when the data ends exactly at the page's end there is no next page (DynamoDB would
 * return a LastEvaluatedKey and the client would fetch an empty page). `keyAttributes` are the
 * table's and the index's key attributes, from which the next start key is built.
 */
export const queryPage = async (
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'Limit'>,
  limit: number,
  keyAttributes: readonly string[],
): Promise<QueryPage> => {
  const { Items = [], LastEvaluatedKey } = await db.send(new QueryCommand({ ...input, Limit: limit + 1 }));
  if (Items.length > limit) {
    const items = Items.slice(0, limit);
    const last = items[limit - 1] ?? {};
    return { items, lastKey: Object.fromEntries(keyAttributes.map((name) => [name, String(last[name])])) };
  }
  // Fewer items than asked with a LastEvaluatedKey: DynamoDB stopped at its 1 MB page size.
  return { items: Items, ...(LastEvaluatedKey ? { lastKey: LastEvaluatedKey as PageKey } : {}) };
};
