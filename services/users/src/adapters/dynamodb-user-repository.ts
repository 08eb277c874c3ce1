import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@emporium/common/dynamodb/errors';
import { putWithUniqueValue } from '@emporium/common/dynamodb/unique';
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
      const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
      const values: Record<string, unknown> = { ':expected': expectedVersion, ':one': 1, ':now': now.toISOString() };
      const sets = ['#version = #version + :one', '#updatedAt = :now'];
      for (const [field, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        names[`#${field}`] = field;
        values[`:${field}`] = value;
        sets.push(`#${field} = :${field}`);
      }
      try {
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: userKey(id),
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toUser(Attributes ?? {});
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
        // Gone, or moved past the version we read. (dynalite ignores
        // ReturnValuesOnConditionCheckFailure, so a read tells which; see docs/adr/0005.)
        if (!(await get(id))) throw new UserNotFoundError(id);
        throw new StaleUserError(expectedVersion);
      }
    },
  };
};
