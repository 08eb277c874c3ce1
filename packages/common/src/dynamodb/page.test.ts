import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryPage } from './page';

/** A client whose Query answers `items` (as many as asked) and the LastEvaluatedKey given. */
const fakeDb = (items: Record<string, unknown>[], lastEvaluatedKey?: Record<string, string>) => {
  const sent: QueryCommand[] = [];
  const db = {
    send: async (command: QueryCommand) => {
      sent.push(command);
      return Promise.resolve({ Items: items.slice(0, command.input.Limit), LastEvaluatedKey: lastEvaluatedKey });
    },
  } as unknown as DynamoDBDocumentClient;
  return { db, sent };
};
const item = (n: number) => ({ pk: `P#${n}`, sk: 'P', gsi1pk: 'ALL', gsi1sk: n, name: `n${n}` });
const input = { TableName: 't', IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :all' };

describe('queryPage', () => {
  it('asks for one item more than the page and keeps the input', async () => {
    const { db, sent } = fakeDb([]);
    await queryPage(db, input, 10, ['pk']);
    expect(sent[0]).toBeInstanceOf(QueryCommand);
    expect(sent[0]?.input).toEqual({ ...input, Limit: 11 });
  });

  it('answers a full page and the key of its last item (as strings) when more follow', async () => {
    const { db } = fakeDb([item(1), item(2), item(3)], { pk: 'P#3', sk: 'P' });
    expect(await queryPage(db, input, 2, ['pk', 'sk', 'gsi1pk', 'gsi1sk'])).toEqual({
      items: [item(1), item(2)],
      lastKey: { pk: 'P#2', sk: 'P', gsi1pk: 'ALL', gsi1sk: '2' },
    });
  });

  it('answers no next page when the data ends exactly at the end of the page', async () => {
    const { db } = fakeDb([item(1), item(2)], { pk: 'P#2', sk: 'P' });
    expect(await queryPage(db, input, 2, ['pk'])).toEqual({ items: [item(1), item(2)], lastKey: { pk: 'P#2', sk: 'P' } });
    const { db: ended } = fakeDb([item(1), item(2)]);
    expect(await queryPage(ended, input, 2, ['pk'])).toEqual({ items: [item(1), item(2)] });
  });

  it("passes DynamoDB's key on when it stopped short of the page (its 1 MB limit)", async () => {
    const { db } = fakeDb([item(1)], { pk: 'P#1', sk: 'P' });
    expect(await queryPage(db, input, 5, ['pk'])).toEqual({ items: [item(1)], lastKey: { pk: 'P#1', sk: 'P' } });
  });

  it('answers an empty page without items in the answer', async () => {
    const db = { send: async () => Promise.resolve({}) } as unknown as DynamoDBDocumentClient;
    expect(await queryPage(db, input, 5, ['pk'])).toEqual({ items: [] });
  });
});
