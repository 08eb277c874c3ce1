import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@emporium/common/dynamodb/errors';
import { queryPage } from '@emporium/common/dynamodb/page';
import { putWithUniqueValue } from '@emporium/common/dynamodb/unique';
import { versionedUpdate } from '@emporium/common/dynamodb/versioned-update';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { PreconditionFailedError } from '@emporium/common/errors';
import { ProductArchivedError, ProductNotFoundError, SkuTakenError, StaleVersionError } from '../domain/errors';
import type { Product } from '../domain/product';
import type { ProductRepository } from '../ports';
import { listingKeys, productKey, skuKey } from './keys';

type ProductItem = Product & Record<string, unknown>;

const toProduct = (item: Record<string, unknown>): Product => {
  const { id, sku, name, description, price, category, stock, status, version, createdAt, updatedAt } = item as ProductItem;
  return { id, sku, name, description, price, category, stock, status, version, createdAt, updatedAt };
};

export const dynamodbProductRepository = (db: DynamoDBDocumentClient, tableName: string): ProductRepository => {
  const get = async (id: string, options: { consistent?: boolean } = {}): Promise<Product | undefined> => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: productKey(id), ...(options.consistent ? { ConsistentRead: true } : {}) }));
    return Item ? toProduct(Item) : undefined;
  };

  /**
   * Why a conditional write on a product failed, from the item as it was when the condition was
   * checked (ReturnValuesOnConditionCheckFailure: ALL_OLD): none means there was no item, with no
   * second read.
   */
  const explainFailure = (id: string, expectedVersion: number | undefined, old?: Record<string, unknown>) => {
    const current = old ? toProduct(old) : undefined;
    if (!current) return new ProductNotFoundError(id);
    if (current.status === 'archived') return new ProductArchivedError(id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      return new StaleVersionError(expectedVersion, current.version);
    }
    // The item as the condition saw it would have passed: not expected with ALL_OLD, answered as a
    // stale version (412, read again) rather than a 500.
    return new PreconditionFailedError('Version mismatch', { detail: `Product ${id} changed while your change was applied. Read it again and retry.` });
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
      // A new category moves the product in the category listing (gsi1).
      const listing = changes.category !== undefined ? { gsi1pk: listingKeys(id, changes.category).gsi1pk } : {};
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            ...versionedUpdate({
              tableName,
              key: productKey(id),
              changes: { ...changes, ...listing },
              expectedVersion,
              now,
              condition: { expression: '#status = :active', names: { '#status': 'status' }, values: { ':active': 'active' } },
            }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return toProduct(Attributes ?? {});
      } catch (error) {
        if (isConditionalCheckFailed(error)) {
          // The document client leaves the old item of a failed condition in DynamoDB's wire format.
          throw explainFailure(id, expectedVersion, error.Item ? unmarshall(error.Item) : undefined);
        }
        throw error;
      }
    },

    async archive(id, expectedVersion, now) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: productKey(id),
            UpdateExpression: 'SET #status = :archived, #version = #version + :one, #updatedAt = :now REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
            ConditionExpression: 'attribute_exists(pk) AND #status = :active AND #version = :expected',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ':archived': 'archived', ':active': 'active', ':one': 1, ':expected': expectedVersion, ':now': now.toISOString() },
            ReturnValues: 'ALL_NEW',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return toProduct(Attributes ?? {});
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        // The item as it was (ALL_OLD); none: there is no such product.
        const current = error.Item ? toProduct(unmarshall(error.Item)) : undefined;
        if (!current) throw new ProductNotFoundError(id);
        if (current.status === 'archived') return current; // archived already: archiving is idempotent
        throw new StaleVersionError(expectedVersion, current.version);
      }
    },

    async list({ category, limit, startKey }) {
      const byCategory = category !== undefined;
      const index = byCategory ? 'gsi1' : 'gsi2';
      const page = await queryPage(
        db,
        {
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: `${index}pk = :pk`,
          ExpressionAttributeValues: { ':pk': byCategory ? `CATEGORY#${category}` : 'PRODUCTS' },
          ExclusiveStartKey: startKey,
        },
        limit,
        ['pk', 'sk', `${index}pk`, `${index}sk`],
      );
      return { items: page.items.map(toProduct), ...(page.lastKey ? { lastKey: page.lastKey } : {}) };
    },
  };
};
