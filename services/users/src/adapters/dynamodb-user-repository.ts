import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@emporium/common/dynamodb/errors';
import { putWithUniqueValue } from '@emporium/common/dynamodb/unique';
import { versionedUpdate } from '@emporium/common/dynamodb/versioned-update';
import { StaleUserError, EmailTakenError, UserNotFoundError } from '../domain/errors';
import type { User } from '../domain/user';
import type { UserRepository } from '../ports';
import { emailKey, userKey } from './keys';

const toUser = (item: Record<string, unknown>): User => {
  const { id, email, displayName, role, passwordHash, version, createdAt, updatedAt } = item as unknown as User;
  return { id, email, displayName, role, passwordHash, version, createdAt, updatedAt };
};

/**
 * Reads are strongly consistent: a sign-in right after registering, or a read right after a change,
 * must see it (the table is small per request; the extra read capacity is worth it).
 */
export const dynamodbUserRepository = (db: DynamoDBDocumentClient, tableName: string): UserRepository => {
  const get = async (id: string): Promise<User | undefined> => {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: userKey(id), ConsistentRead: true }));
    return Item ? toUser(Item) : undefined;
  };

  return {
    get,

    async findByEmail(email) {
      const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: emailKey(email), ConsistentRead: true }));
      const userId: unknown = Item?.['userId'];
      return typeof userId === 'string' ? get(userId) : undefined;
    },

    async create(user) {
      const created = await putWithUniqueValue(db, {
        tableName,
        item: { ...userKey(user.id), type: 'USER', ...user },
        guard: { ...emailKey(user.email), type: 'EMAIL', userId: user.id },
      });
      if (!created) throw new EmailTakenError();
    },

    async update(id, changes, expectedVersion, now) {
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            ...versionedUpdate({ tableName, key: userKey(id), changes, expectedVersion, now }),
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return toUser(Attributes ?? {});
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        // Gone (no old item comes back), or moved past the version we read: no second read needed.
        if (!error.Item) throw new UserNotFoundError(id);
        throw new StaleUserError(expectedVersion);
      }
    },
  };
};
