import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationOutcomes, isConditionalCheckFailed, isTransactionCanceled } from '@emporium/common/dynamodb/errors';
import { queryPage } from '@emporium/common/dynamodb/page';
import { versionedUpdate } from '@emporium/common/dynamodb/versioned-update';
import type { StoredApp } from '../domain/app';
import { publishedApp } from '../domain/app';
import type { AppRepository } from '../ports';
import { appCountKey, appKey, listingKeys } from './keys';

const toApp = (item: Record<string, unknown>): StoredApp => {
  const { id, ownerId, name, description, plan, status, key, retiredKeyIds, version, createdAt, updatedAt } = item as StoredApp;
  return { id, ownerId, name, description, plan, status, key: key ?? null, retiredKeyIds: retiredKeyIds ?? [], version, createdAt, updatedAt };
};

/** Apps as `APP#<id>/APP` items, listed through gsi1 (by owner) and gsi2 (all); reads are strongly consistent. */
export const dynamodbAppRepository = (db: DynamoDBDocumentClient, tableName: string): AppRepository => ({
  async create(app, maxPerOwner) {
    try {
      await db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: { ...appKey(app.id), ...listingKeys(app), type: 'APP', ...app },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              // The owner's count goes up only while it is below the limit: no check-then-write race.
              Update: {
                TableName: tableName,
                Key: appCountKey(app.ownerId),
                UpdateExpression: 'SET #type = :type ADD #count :one',
                ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
                ExpressionAttributeNames: { '#count': 'count', '#type': 'type' },
                ExpressionAttributeValues: { ':one': 1, ':max': maxPerOwner, ':type': 'APPCOUNT' },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isTransactionCanceled(error) && cancellationOutcomes(error)[1]?.code === 'ConditionalCheckFailed') return false;
      throw error;
    }
  },

  async get(id) {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: appKey(id), ConsistentRead: true }));
    return Item ? toApp(Item) : undefined;
  },

  async list({ ownerId, limit, startKey }) {
    const byOwner = ownerId !== undefined;
    const page = await queryPage(
      db,
      {
        TableName: tableName,
        IndexName: byOwner ? 'gsi1' : 'gsi2',
        KeyConditionExpression: byOwner ? 'gsi1pk = :pk' : 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': byOwner ? `OWNER#${ownerId}` : 'APPS' },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      },
      limit,
      byOwner ? ['pk', 'sk', 'gsi1pk', 'gsi1sk'] : ['pk', 'sk', 'gsi2pk', 'gsi2sk'],
    );
    return { items: page.items.map((item) => publishedApp(toApp(item))), ...(page.lastKey ? { lastKey: page.lastKey } : {}) };
  },

  async update(id, changes, expectedVersion, now) {
    try {
      const { Attributes } = await db.send(new UpdateCommand(versionedUpdate({ tableName, key: appKey(id), changes, expectedVersion, now })));
      return Attributes ? toApp(Attributes) : undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw error;
    }
  },
});
