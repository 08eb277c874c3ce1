import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { cancellationOutcomes, contentionError, isContention, isTransactionCanceled } from '@emporium/common/dynamodb/errors';
import type { Order } from '../domain/order';
import type { OrderPlacement } from '../ports';
import { idempotencyKey, orderKey, userOrdersKeys } from './keys';

export const toOrder = (item: Record<string, unknown>): Order => {
  const { id, userId, status, lines, total, version, createdAt, updatedAt, cancelledAt, stockReleased } = item as unknown as Order;
  return {
    id,
    userId,
    status,
    lines,
    total,
    version,
    createdAt,
    updatedAt,
    ...(cancelledAt !== undefined ? { cancelledAt } : {}),
    ...(stockReleased !== undefined ? { stockReleased } : {}),
  };
};

/** Thrown when the idempotency record no longer belongs to this attempt (taken over or gone). */
export class IdempotencyClaimLostError extends Error {}

/**
 * Attempts of the order's transaction when DynamoDB cancels it for contention (a concurrent
 * transaction on the order or its key, e.g. a second request with the same key claiming it; or
 * throttling). A cancelled transaction wrote nothing and its conditions still hold, so trying it
 * again is safe; the SDK does not (TransactionCanceledException is not a retryable error to it).
 */
export const CREATE_ATTEMPTS = 3;
const CREATE_RETRY_BASE_MS = 25;

/**
 * What placing an order writes and reads back: the order with its Idempotency-Key completed (one
 * transaction), and the order by id (a replay, or a create whose answer was lost). The rest of the
 * repository (./dynamodb-order-repository) is built on it; place-order's bundle holds only this.
 */
export const dynamodbOrderPlacement = (db: DynamoDBDocumentClient, tableName: string): OrderPlacement => ({
  async get(id) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: orderKey(id), ConsistentRead: true }));
    return Item ? toOrder(Item) : undefined;
  },

  async create(order, idempotency) {
    const transaction = {
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...orderKey(order.id), ...userOrdersKeys(order.userId, order.createdAt, order.id), type: 'ORDER', ...order },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: idempotencyKey(idempotency.userId, idempotency.key),
            UpdateExpression: 'SET #status = :completed',
            ConditionExpression: '#status = :inProgress AND orderId = :orderId',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':completed': 'COMPLETED', ':inProgress': 'IN_PROGRESS', ':orderId': order.id },
          },
        },
      ],
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await db.send(new TransactWriteCommand(transaction));
        return;
      } catch (error) {
        if (!isTransactionCanceled(error)) throw contentionError(error) ?? error;
        // Reasons in request order: [the order, the key]. The key's condition failed: another
        // attempt holds it now (taken over) or it is gone. A condition decides over contention.
        if (cancellationOutcomes(error)[1]?.code === 'ConditionalCheckFailed') {
          throw new IdempotencyClaimLostError(`order ${order.id}: ${error.message}`, { cause: error });
        }
        // Contention is not a lost claim: nothing was written and the key is still ours. Try
        // again, then answer 503 with Retry-After (the caller undoes the reservation, frees the key).
        if (!isContention(error)) throw error; // e.g. the order's id is taken: the caller reads it back
        if (attempt >= CREATE_ATTEMPTS) throw contentionError(error) ?? error;
        await sleep(Math.random() * CREATE_RETRY_BASE_MS * 2 ** attempt);
      }
    }
  },
});
