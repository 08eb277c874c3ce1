import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@emporium/common/dynamodb/errors';
import type { IdempotencyRecord } from '../domain/idempotency';
import type { IdempotencyStore } from '../ports';
import { idempotencyKey } from './keys';

const toRecord = (item: Record<string, unknown>): IdempotencyRecord => {
  const { userId, key, bodyHash, status, orderId, lockedUntil, expiresAt } = item as unknown as IdempotencyRecord;
  return { userId, key, bodyHash, status, orderId, lockedUntil, expiresAt };
};

/** Idempotency records `IDEMPOTENCY#<userId>#<key>`, kept 24 h (TTL on expiresAt). */
export const dynamodbIdempotencyStore = (db: DynamoDBDocumentClient, tableName: string): IdempotencyStore => ({
  async claim(record, now, takeOverFrom) {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    // Free: no record, or one past its TTL that DynamoDB has not deleted yet (TTL deletion lags).
    // Take-over: still exactly the stale IN_PROGRESS record the caller saw.
    const condition = takeOverFrom
      ? '#status = :inProgress AND orderId = :oldOrderId AND lockedUntil = :oldLockedUntil'
      : 'attribute_not_exists(pk) OR expiresAt <= :nowSeconds';
    const values = takeOverFrom
      ? { ':inProgress': 'IN_PROGRESS', ':oldOrderId': takeOverFrom.orderId, ':oldLockedUntil': takeOverFrom.lockedUntil }
      : { ':nowSeconds': nowSeconds };
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...idempotencyKey(record.userId, record.key), type: 'IDEMPOTENCY', ...record },
          ConditionExpression: condition,
          ...(takeOverFrom ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: values,
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: idempotencyKey(record.userId, record.key), ConsistentRead: true }));
      return { claimed: false, existing: Item ? toRecord(Item) : undefined };
    }
  },

  async abandon(record) {
    try {
      await db.send(
        new DeleteCommand({
          TableName: tableName,
          Key: idempotencyKey(record.userId, record.key),
          ConditionExpression: '#status = :inProgress AND orderId = :orderId',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':orderId': record.orderId },
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error; // not ours any more: leave it
    }
  },
});
