import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed } from '@emporium/common/dynamodb/errors';
import type { AttemptWindow } from '../domain/sign-in-attempts';
import { epochSeconds } from '../domain/sign-in-attempts';
import type { SignInAttempts } from '../ports';
import { signInKey } from './keys';

const toWindow = (item: Record<string, unknown> | undefined): AttemptWindow => ({
  attempts: Number(item?.['attempts'] ?? 0),
  expiresAt: Number(item?.['expiresAt'] ?? 0),
});

/** Two ways to count, each conditional; a few rounds settle any race between them. */
const MAX_ROUNDS = 3;

/**
 * Attempt windows as `SIGNIN#<email>/CLIENT#<client>` items `{attempts, expiresAt}`. `expiresAt` is also the
 * table's TTL attribute, but TTL deletes lazily (up to days later), so an ended window is detected
 * by its expiresAt, never by the item being gone.
 */
export const dynamodbSignInAttempts = (db: DynamoDBDocumentClient, tableName: string): SignInAttempts => ({
  async count({ email, client }, now, windowSeconds) {
    const values = { ':now': epochSeconds(now), ':expiry': epochSeconds(now) + windowSeconds, ':one': 1, ':type': 'SIGNIN' };
    const names = { '#attempts': 'attempts', '#expiresAt': 'expiresAt', '#type': 'type' };
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      try {
        // Atomic ADD into the open window (or a new item, which opens one).
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: signInKey(email, client),
            UpdateExpression: 'SET #type = :type, #expiresAt = if_not_exists(#expiresAt, :expiry) ADD #attempts :one',
            ConditionExpression: 'attribute_not_exists(pk) OR #expiresAt > :now',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toWindow(Attributes);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
      try {
        // The stored window has ended: open a new one with this attempt, unless another request
        // just did (then the condition fails and the next round adds to that one).
        const { Attributes } = await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: signInKey(email, client),
            UpdateExpression: 'SET #type = :type, #attempts = :one, #expiresAt = :expiry',
            ConditionExpression: '#expiresAt <= :now',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toWindow(Attributes);
      } catch (error) {
        if (!isConditionalCheckFailed(error)) throw error;
      }
    }
    throw new Error(`Could not count a sign-in attempt after ${MAX_ROUNDS} rounds of contention`);
  },

  async reset({ email, client }) {
    await db.send(new DeleteCommand({ TableName: tableName, Key: signInKey(email, client) }));
  },
});
