import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { cancellationOutcomes, contentionError, isConditionalCheckFailed, isContention, isTransactionCanceled } from '@emporium/common/dynamodb/errors';
import { queryPage } from '@emporium/common/dynamodb/page';
import type { Order } from '../domain/order';
import type { OrderRepository } from '../ports';
import { idempotencyKey, orderKey, userOrdersKeys } from './keys';

const toOrder = (item: Record<string, unknown>): Order => {
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

export const dynamodbOrderRepository = (db: DynamoDBDocumentClient, tableName: string): OrderRepository => {
  const get = async (id: string): Promise<Order | undefined> => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: orderKey(id), ConsistentRead: true }));
    return Item ? toOrder(Item) : undefined;
  };

  return {
    get,

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

    async listByUser(userId, limit, startKey) {
      const page = await queryPage(
        db,
        {
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `USER#${userId}` },
          ScanIndexForward: false,
          ExclusiveStartKey: startKey,
        },
        limit,
        ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
      );
      return { items: page.items.map(toOrder), ...(page.lastKey ? { lastKey: page.lastKey } : {}) };
    },

    async transition(id, from, to, now, expectedVersion) {
      const values: Record<string, unknown> = { ':to': to, ':one': 1, ':now': now.toISOString() };
      from.forEach((status, index) => (values[`:from${index}`] = status));
      if (expectedVersion !== undefined) values[':expected'] = expectedVersion;
      const versionCondition = expectedVersion !== undefined ? ' AND #version = :expected' : '';
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(id),
            UpdateExpression: 'SET #status = :to, #version = #version + :one, updatedAt = :now',
            ConditionExpression: `attribute_exists(pk) AND #status IN (${from.map((_, index) => `:from${index}`).join(', ')})${versionCondition}`,
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toOrder(Attributes ?? {});
      } catch (error) {
        if (isConditionalCheckFailed(error)) return undefined;
        throw error;
      }
    },

    async cancel(id, now, expectedVersion) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(id),
            UpdateExpression: 'SET #status = :cancelled, stockReleased = :false, cancelledAt = :now, #version = #version + :one, updatedAt = :now',
            ConditionExpression: `attribute_exists(pk) AND #status IN (:pending, :confirmed)${expectedVersion !== undefined ? ' AND #version = :expected' : ''}`,
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: {
              ...(expectedVersion !== undefined ? { ':expected': expectedVersion } : {}),
              ':cancelled': 'CANCELLED',
              ':pending': 'PENDING',
              ':confirmed': 'CONFIRMED',
              ':false': false,
              ':one': 1,
              ':now': now.toISOString(),
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { cancelled: true, order: toOrder(Attributes ?? {}) };
      } catch (error) {
        // dynalite ignores ReturnValuesOnConditionCheckFailure on single-item writes (ADR 0005): read.
        if (isConditionalCheckFailed(error)) return { cancelled: false, current: await get(id) };
        throw error;
      }
    },

    async markStockReleased(id, now) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: orderKey(id),
            UpdateExpression: 'SET stockReleased = :true, #version = #version + :one, updatedAt = :now',
            ConditionExpression: 'stockReleased = :false',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':true': true, ':false': false, ':one': 1, ':now': now.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toOrder(Attributes ?? {});
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const current = await get(id);
        if (!current) throw error;
        return current; // marked already (a concurrent cancel finished the release first)
      }
    },
  };
};
