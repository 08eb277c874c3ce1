import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { putWithUniqueValue } from './unique';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
const dbFailingWith = (error?: Error) => {
  const sent: TransactWriteCommand[] = [];
  const db = {
    send: async (command: TransactWriteCommand) => {
      sent.push(command);
      if (error) throw error;
      return Promise.resolve({});
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, sent };
};
const put = { tableName: 'users', item: { pk: 'USER#1', email: 'a@b.c' }, guard: { pk: 'EMAIL#a@b.c' } };

describe('putWithUniqueValue', () => {
  it('writes the item and its guard in one transaction, each only if its key is free', async () => {
    const { db, sent } = dbFailingWith();
    expect(await putWithUniqueValue(db, put)).toBe(true);
    expect(sent[0]).toBeInstanceOf(TransactWriteCommand);
    expect(sent[0]?.input).toEqual({
      TransactItems: [
        { Put: { TableName: 'users', Item: put.item, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: 'users', Item: put.guard, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    });
  });

  it('answers false when the value is taken (the guard failed)', async () => {
    expect(await putWithUniqueValue(dbFailingWith(cancelled('None', 'ConditionalCheckFailed')).db, put)).toBe(false);
  });

  it("rethrows anything else: the item's own key taken, contention, other errors", async () => {
    for (const error of [cancelled('ConditionalCheckFailed', 'None'), cancelled('None', 'TransactionConflict'), cancelled(), new Error('boom')]) {
      await expect(putWithUniqueValue(dbFailingWith(error).db, put)).rejects.toBe(error);
    }
  });
});
