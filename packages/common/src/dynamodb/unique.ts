import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationOutcomes, isTransactionCanceled } from './errors';

export interface UniquePut {
  tableName: string;
  /** The new item (keys included); written only if its key is free. */
  item: Record<string, unknown>;
  /** The guard item claiming the unique value (e.g. `EMAIL#<email>`), written only if free. */
  guard: Record<string, unknown>;
}

/**
 * Writes an item and the guard item of a value that must be unique (an email, a SKU) in ONE
 * transaction, both `attribute_not_exists(pk)`: no check-then-write race. Resolves `false` when the
 * value is taken (nothing written); anything else (e.g. the item's own key taken) is rethrown.
 *
 * @example
 * if (!(await putWithUniqueValue(db, { tableName, item: userItem, guard: emailItem }))) throw new EmailTakenError();
 */
export const putWithUniqueValue = async (db: DynamoDBDocumentClient, { tableName, item, guard }: UniquePut): Promise<boolean> => {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [item, guard].map((Item) => ({ Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } })),
      }),
    );
    return true;
  } catch (error) {
    if (isTransactionCanceled(error) && cancellationOutcomes(error)[1]?.code === 'ConditionalCheckFailed') return false;
    throw error;
  }
};
