import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@emporium/common/dynamodb/errors';
import { queryPage } from '@emporium/common/dynamodb/page';
import type { OrderRepository } from '../ports';
import { dynamodbOrderPlacement, toOrder } from './dynamodb-order-placement';
import { orderKey } from './keys';

export const dynamodbOrderRepository = (db: DynamoDBDocumentClient, tableName: string): OrderRepository => {
  const placement = dynamodbOrderPlacement(db, tableName);

  return {
    ...placement,

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
        if (isConditionalCheckFailed(error)) return { cancelled: false, current: await placement.get(id) };
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
        const current = await placement.get(id);
        if (!current) throw error;
        return current; // marked already (a concurrent cancel finished the release first)
      }
    },
  };
};
