import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@emporium/common/dynamodb/errors';
import { putWithUniqueValue } from '@emporium/common/dynamodb/unique';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError } from '@emporium/common/errors';
import { ProductArchivedError, ProductNotFoundError, SkuTakenError, StaleVersionError } from '../domain/errors';
import type { Product } from '../domain/product';
import type { ProductRepository } from '../ports';
import { listingKeys, productKey, skuKey } from './keys';

type ProductItem = Product & Record<string, unknown>;

const toProduct = (item: Record<string, unknown>): Product => {
  const { id, sku, name, description, price, category, stock, status, version, createdAt, updatedAt } =
    item as ProductItem;
  return { id, sku, name, description, price, category, stock, status, version, createdAt, updatedAt };
};

export const dynamodbProductRepository = (db: DynamoDBDocumentClient, tableName: string): ProductRepository => {
  const get = async (id: string): Promise<Product | undefined> => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: productKey(id) }));
    return Item ? toProduct(Item) : undefined;
  };

  /** Why a conditional write on a product failed, from the old item (or a fresh read). */
  const explainFailure = async (id: string, expectedVersion: number | undefined, old?: Record<string, unknown>) => {
    const current = old ? toProduct(old) : await get(id);
    if (!current) return new ProductNotFoundError(id);
    if (current.status === 'archived') return new ProductArchivedError(id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      return new StaleVersionError(expectedVersion, current.version);
    }
    return new ConflictError(`Product ${id} changed concurrently; retry`);
  };

  return {
    get,

    async create(product) {
      const created = await putWithUniqueValue(db, {
        tableName,
        item: { ...productKey(product.id), ...listingKeys(product.id, product.category), type: 'PRODUCT', ...product },
        guard: { ...skuKey(product.sku), type: 'SKU', productId: product.id },
      });
      if (!created) throw new SkuTakenError(product.sku);
    },

    async update(id, changes, expectedVersion, now) {
      const names: Record<string, string> = { '#version': 'version', '#status': 'status', '#updatedAt': 'updatedAt' };
      const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':active': 'active', ':now': now.toISOString() };
      const sets = ['#version = #version + :one', '#updatedAt = :now'];
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        sets.push(`#${field} = :${field}`);
      }
      if (changes.category !== undefined) {
        names['#gsi1pk'] = 'gsi1pk';
        values[':gsi1pk'] = listingKeys(id, changes.category).gsi1pk;
        sets.push('#gsi1pk = :gsi1pk');
      }
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: productKey(id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected AND #status = :active',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return toProduct(Attributes ?? {});
      } catch (error) {
        if (isConditionalCheckFailed(error)) {
          // The document client leaves the old item of a failed condition in DynamoDB's wire format.
          throw await explainFailure(id, expectedVersion, error.Item ? unmarshall(error.Item) : undefined);
        }
        throw error;
      }
    },

    async archive(id, now) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: productKey(id),
            UpdateExpression:
              'SET #status = :archived, #version = #version + :one, #updatedAt = :now REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
            ConditionExpression: 'attribute_exists(pk) AND #status = :active',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ':archived': 'archived', ':active': 'active', ':one': 1, ':now': now.toISOString() },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toProduct(Attributes ?? {});
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        const current = await get(id);
        if (!current) throw new ProductNotFoundError(id);
        return current; // archived already: archiving is idempotent
      }
    },

    async list({ category, limit, startKey }) {
      const byCategory = category !== undefined;
      const { Items, LastEvaluatedKey } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: byCategory ? 'gsi1' : 'gsi2',
          KeyConditionExpression: byCategory ? 'gsi1pk = :pk' : 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': byCategory ? `CATEGORY#${category}` : 'PRODUCTS' },
          Limit: limit,
          ExclusiveStartKey: startKey,
        }),
      );
      return {
        items: (Items ?? []).map(toProduct),
        ...(LastEvaluatedKey ? { lastKey: LastEvaluatedKey as Record<string, string> } : {}),
      };
    },
  };
};
