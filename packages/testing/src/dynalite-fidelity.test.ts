/**
 * Where the local DynamoDB engine (dynalite, patched by patches/dynalite@4.0.0.patch) used to be more
 * lenient than DynamoDB, so that code could pass locally and fail on AWS (issue 10, ADR 5):
 *  - empty String/Binary values for secondary index keys,
 *  - ReturnValuesOnConditionCheckFailure on PutItem/UpdateItem/DeleteItem,
 *  - keys that do not match the key schema inside TransactWriteItems (a cancellation, not a plain error),
 *  - the 4 MB aggregate size of a transaction,
 *  - a ClientRequestToken reused with a different request.
 * Every test talks to a real in-process dynalite server through the AWS SDK v3 client and asserts
 * DynamoDB's answer by value (error name, message, CancellationReasons, Item).
 */
import {
  type AttributeValue,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  QueryCommand,
  type ReturnValuesOnConditionCheckFailure,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';

import type { DynaliteServer, Item } from './dynalite-server';
import { N, S, startDynalite } from './dynalite-server';

const PRODUCTS = 'fi-products'; // pk; GSIs byCategory (category, pk) and byImage (image: B)
const LINES = 'fi-lines'; // pk + sk; LSI byPosition (pk, position)
const TAGS = 'fi-tags'; // pk; GSIs zz-byTag and aa-byTag, both on tag
const BLOBS = 'fi-blobs'; // pk: B

let engine: DynaliteServer;
let client: DynamoDBClient;

const EMPTY_B: AttributeValue = { B: new Uint8Array([]) };

const PUT_EMPTY_INDEX_KEY = (index: string, attr: string, kind = 'string'): string =>
  'One or more parameter values are not valid. A value specified for a secondary index key is not supported. ' +
  `The AttributeValue for a key attribute cannot contain an empty ${kind} value. IndexName: ${index}, IndexKey: ${attr}`;
const UPDATE_EMPTY_INDEX_KEY = (kind = 'string'): string =>
  'One or more parameter values are not valid. The update expression attempted to update a secondary index key ' +
  `to a value that is not supported. The AttributeValue for a key attribute cannot contain an empty ${kind} value.`;
const EMPTY_KEY = (attr: string, kind = 'string'): string =>
  `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${kind} value. Key: ${attr}`;
const CONDITION_FAILED = 'The conditional request failed';
const KEY_SCHEMA_MISMATCH = 'The provided key element does not match the schema';
const TOO_LARGE = 'The aggregate size of the items in the transaction exceeds 4 MB';
const cancelledMessage = (codes: string[]): string => `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`;

beforeAll(async () => {
  engine = await startDynalite();
  client = engine.client;

  await client.send(
    new CreateTableCommand({
      TableName: PRODUCTS,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'category', AttributeType: 'S' },
        { AttributeName: 'image', AttributeType: 'B' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byCategory',
          KeySchema: [
            { AttributeName: 'category', KeyType: 'HASH' },
            { AttributeName: 'pk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'byImage',
          KeySchema: [{ AttributeName: 'image', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: LINES,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'position', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byPosition',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'position', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: TAGS,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'tag', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: ['zz-byTag', 'aa-byTag'].map((IndexName) => ({
        IndexName,
        KeySchema: [{ AttributeName: 'tag', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      })),
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: BLOBS,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'B' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }),
  );
});

afterAll(() => engine?.stop());

const put = (table: string, item: Item): Promise<void> => engine.put(table, item);

async function get(table: string, key: Item): Promise<Item | undefined> {
  const res = await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }));
  return res.Item;
}

async function transactWrite(items: TransactWriteItem[], clientRequestToken?: string): Promise<void> {
  await client.send(new TransactWriteItemsCommand({ TransactItems: items, ClientRequestToken: clientRequestToken }));
}

async function queryCategory(category: string): Promise<string[]> {
  const res = await client.send(
    new QueryCommand({
      TableName: PRODUCTS,
      IndexName: 'byCategory',
      KeyConditionExpression: 'category = :c',
      ExpressionAttributeValues: { ':c': S(category) },
    }),
  );
  return (res.Items ?? []).map((item) => item.pk?.S ?? '').sort();
}

/** Resolves with the error the promise rejects with; fails the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Error) return err;
    throw err;
  }
  throw new Error('Expected the request to fail, but it succeeded');
}

async function validationMessage(promise: Promise<unknown>): Promise<string> {
  const err = await rejectionOf(promise);
  expect(err.name).toBe('ValidationException');
  return err.message;
}

async function cancellation(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const err = await rejectionOf(promise);
  expect(err).toBeInstanceOf(TransactionCanceledException);
  return err as TransactionCanceledException;
}

async function conditionFailure(promise: Promise<unknown>): Promise<ConditionalCheckFailedException> {
  const err = await rejectionOf(promise);
  expect(err).toBeInstanceOf(ConditionalCheckFailedException);
  expect(err.name).toBe('ConditionalCheckFailedException');
  expect(err.message).toBe(CONDITION_FAILED);
  return err as ConditionalCheckFailedException;
}

describe('empty String/Binary values for secondary index keys', () => {
  it('PutItem refuses an empty GSI key, names the index and the key, and writes nothing', async () => {
    const message = await validationMessage(put(PRODUCTS, { pk: S('empty-put'), category: S(''), name: S('x') }));
    expect(message).toBe(PUT_EMPTY_INDEX_KEY('byCategory', 'category'));
    expect(await get(PRODUCTS, { pk: S('empty-put') })).toBeUndefined();
    expect(await queryCategory('')).toEqual([]);
  });

  it('PutItem refuses an empty binary GSI key and an empty LSI key', async () => {
    expect(await validationMessage(put(PRODUCTS, { pk: S('empty-binary'), image: EMPTY_B }))).toBe(PUT_EMPTY_INDEX_KEY('byImage', 'image', 'binary'));
    expect(await get(PRODUCTS, { pk: S('empty-binary') })).toBeUndefined();

    expect(await validationMessage(put(LINES, { pk: S('empty-lsi'), sk: S('1'), position: S('') }))).toBe(PUT_EMPTY_INDEX_KEY('byPosition', 'position'));
    expect(await get(LINES, { pk: S('empty-lsi'), sk: S('1') })).toBeUndefined();
  });

  it('names the alphabetically first index when several are keyed on the attribute', async () => {
    expect(await validationMessage(put(TAGS, { pk: S('tagged'), tag: S('') }))).toBe(PUT_EMPTY_INDEX_KEY('aa-byTag', 'tag'));
  });

  it('BatchWriteItem refuses an empty index key and writes nothing of the batch', async () => {
    const message = await validationMessage(
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            [PRODUCTS]: [
              { PutRequest: { Item: { pk: S('batch-ok'), category: S('batch') } } },
              { PutRequest: { Item: { pk: S('batch-empty'), category: S('') } } },
            ],
          },
        }),
      ),
    );
    expect(message).toBe(PUT_EMPTY_INDEX_KEY('byCategory', 'category'));
    expect(await get(PRODUCTS, { pk: S('batch-ok') })).toBeUndefined();
  });

  it('UpdateItem refuses to set an index key to an empty value, in an expression or computed', async () => {
    const original = { pk: S('empty-update'), category: S('kept') };
    await put(PRODUCTS, original);
    const update = (expression: string, values: Item): Promise<unknown> =>
      client.send(
        new UpdateItemCommand({
          TableName: PRODUCTS,
          Key: { pk: S('empty-update') },
          UpdateExpression: expression,
          ExpressionAttributeValues: values,
        }),
      );

    expect(await validationMessage(update('SET category = :empty', { ':empty': S('') }))).toBe(UPDATE_EMPTY_INDEX_KEY());
    expect(await validationMessage(update('SET image = :empty', { ':empty': EMPTY_B }))).toBe(UPDATE_EMPTY_INDEX_KEY('binary'));
    expect(await validationMessage(update('REMOVE category SET image = if_not_exists(image, :empty)', { ':empty': EMPTY_B }))).toBe(
      UPDATE_EMPTY_INDEX_KEY('binary'),
    );
    expect(await get(PRODUCTS, { pk: S('empty-update') })).toEqual(original);
    expect(await queryCategory('kept')).toEqual(['empty-update']);

    // The legacy AttributeUpdates parameter gets the same answer
    const legacy = await validationMessage(
      client.send(
        new UpdateItemCommand({
          TableName: PRODUCTS,
          Key: { pk: S('empty-update') },
          AttributeUpdates: { category: { Action: 'PUT', Value: S('') } },
        }),
      ),
    );
    expect(legacy).toBe(UPDATE_EMPTY_INDEX_KEY());
    expect(await get(PRODUCTS, { pk: S('empty-update') })).toEqual(original);
  });

  it('still accepts empty values for attributes that key no index, and removing an index key', async () => {
    await put(PRODUCTS, { pk: S('empty-ok'), category: S('empty-ok'), description: S(''), notes: { M: { category: S('') } } });
    await client.send(
      new UpdateItemCommand({
        TableName: PRODUCTS,
        Key: { pk: S('empty-ok') },
        UpdateExpression: 'SET summary = :empty REMOVE category',
        ExpressionAttributeValues: { ':empty': S('') },
      }),
    );
    expect(await get(PRODUCTS, { pk: S('empty-ok') })).toEqual({
      pk: S('empty-ok'),
      description: S(''),
      summary: S(''),
      notes: { M: { category: S('') } },
    });
    expect(await queryCategory('empty-ok')).toEqual([]);
  });

  it('TransactWriteItems refuses an empty index key with a ValidationException, not a cancellation', async () => {
    const putMessage = await validationMessage(
      transactWrite([
        { Put: { TableName: PRODUCTS, Item: { pk: S('tx-empty-other'), category: S('tx') } } },
        { Put: { TableName: PRODUCTS, Item: { pk: S('tx-empty-put'), category: S('') } } },
      ]),
    );
    expect(putMessage).toBe(PUT_EMPTY_INDEX_KEY('byCategory', 'category'));

    const updateMessage = await validationMessage(
      transactWrite([
        { Put: { TableName: PRODUCTS, Item: { pk: S('tx-empty-other'), category: S('tx') } } },
        {
          Update: {
            TableName: PRODUCTS,
            Key: { pk: S('tx-empty-update') },
            UpdateExpression: 'SET category = :empty',
            ExpressionAttributeValues: { ':empty': S('') },
          },
        },
      ]),
    );
    expect(updateMessage).toBe(UPDATE_EMPTY_INDEX_KEY());
    expect(await get(PRODUCTS, { pk: S('tx-empty-other') })).toBeUndefined();
    expect(await get(PRODUCTS, { pk: S('tx-empty-update') })).toBeUndefined();
  });

  it('refuses empty table key values with a ValidationException, in transactions and single-item calls', async () => {
    const keyed = (Key: Item): TransactWriteItem[] => [
      { Update: { TableName: PRODUCTS, Key, UpdateExpression: 'SET n = :one', ExpressionAttributeValues: { ':one': N(1) } } },
    ];
    expect(await validationMessage(transactWrite([{ Put: { TableName: PRODUCTS, Item: { pk: S('') } } }]))).toBe(EMPTY_KEY('pk'));
    expect(await validationMessage(transactWrite(keyed({ pk: S('') })))).toBe(EMPTY_KEY('pk'));
    expect(await validationMessage(transactWrite([{ Delete: { TableName: BLOBS, Key: { pk: EMPTY_B } } }]))).toBe(EMPTY_KEY('pk', 'binary'));
    expect(
      await validationMessage(transactWrite([{ ConditionCheck: { TableName: PRODUCTS, Key: { pk: S('') }, ConditionExpression: 'attribute_exists(pk)' } }])),
    ).toBe(EMPTY_KEY('pk'));

    expect(await validationMessage(put(PRODUCTS, { pk: S('') }))).toBe(EMPTY_KEY('pk'));
    expect(await validationMessage(get(PRODUCTS, { pk: S('') }))).toBe(EMPTY_KEY('pk'));
    expect(await validationMessage(client.send(new DeleteItemCommand({ TableName: BLOBS, Key: { pk: EMPTY_B } })))).toBe(EMPTY_KEY('pk', 'binary'));
  });
});

describe('ReturnValuesOnConditionCheckFailure on single-item writes', () => {
  const existing = { pk: S('rv-existing'), name: S('before'), version: N(3) };
  const stale = { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': N(2) } };

  beforeAll(async () => {
    await put(PRODUCTS, existing);
  });

  it('PutItem, UpdateItem and DeleteItem return the item as it was with ALL_OLD', async () => {
    const putFailure = await conditionFailure(
      client.send(
        new PutItemCommand({
          TableName: PRODUCTS,
          Item: { pk: S('rv-existing'), name: S('after') },
          ...stale,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(putFailure.Item).toEqual(existing);

    const updateFailure = await conditionFailure(
      client.send(
        new UpdateItemCommand({
          TableName: PRODUCTS,
          Key: { pk: S('rv-existing') },
          UpdateExpression: 'SET #name = :name',
          ConditionExpression: 'version = :v',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':v': N(2), ':name': S('after') },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(updateFailure.Item).toEqual(existing);

    const deleteFailure = await conditionFailure(
      client.send(
        new DeleteItemCommand({
          TableName: PRODUCTS,
          Key: { pk: S('rv-existing') },
          ...stale,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(deleteFailure.Item).toEqual(existing);
    expect(await get(PRODUCTS, { pk: S('rv-existing') })).toEqual(existing);
  });

  it('returns no item with NONE, without the parameter, or when there is no item', async () => {
    for (const mode of ['NONE', undefined] as const) {
      const failure = await conditionFailure(
        client.send(new DeleteItemCommand({ TableName: PRODUCTS, Key: { pk: S('rv-existing') }, ...stale, ReturnValuesOnConditionCheckFailure: mode })),
      );
      expect(failure.Item).toBeUndefined();
    }

    const missing = await conditionFailure(
      client.send(
        new UpdateItemCommand({
          TableName: PRODUCTS,
          Key: { pk: S('rv-missing') },
          UpdateExpression: 'SET n = :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': N(1) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(missing.Item).toBeUndefined();
    expect(await get(PRODUCTS, { pk: S('rv-missing') })).toBeUndefined();
  });

  it('refuses a value other than ALL_OLD and NONE', async () => {
    const invalid = (value: string): string =>
      `1 validation error detected: Value '${value}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: ` +
      'Member must satisfy enum value set: [ALL_OLD, NONE]';
    const mode = (value: string): ReturnValuesOnConditionCheckFailure => value as ReturnValuesOnConditionCheckFailure;

    expect(
      await validationMessage(
        client.send(new PutItemCommand({ TableName: PRODUCTS, Item: { pk: S('rv-invalid') }, ReturnValuesOnConditionCheckFailure: mode('ALL_NEW') })),
      ),
    ).toBe(invalid('ALL_NEW'));
    expect(
      await validationMessage(
        client.send(
          new UpdateItemCommand({
            TableName: PRODUCTS,
            Key: { pk: S('rv-invalid') },
            UpdateExpression: 'SET n = :one',
            ExpressionAttributeValues: { ':one': N(1) },
            ReturnValuesOnConditionCheckFailure: mode('UPDATED_OLD'),
          }),
        ),
      ),
    ).toBe(invalid('UPDATED_OLD'));
    expect(
      await validationMessage(
        client.send(new DeleteItemCommand({ TableName: PRODUCTS, Key: { pk: S('rv-invalid') }, ReturnValuesOnConditionCheckFailure: mode('all_old') })),
      ),
    ).toBe(invalid('all_old'));
    expect(await get(PRODUCTS, { pk: S('rv-invalid') })).toBeUndefined();
  });
});

describe('TransactWriteItems: keys that do not match the key schema', () => {
  const okPut = (pk: string): TransactWriteItem => ({ Put: { TableName: PRODUCTS, Item: { pk: S(pk), category: S('schema') } } });

  it('cancels on a Put item key of the wrong type, with a ValidationError reason at its position', async () => {
    const err = await cancellation(transactWrite([okPut('schema-put-ok'), { Put: { TableName: PRODUCTS, Item: { pk: N(5), name: S('x') } } }]));
    expect(err.name).toBe('TransactionCanceledException');
    expect(err.message).toBe(cancelledMessage(['None', 'ValidationError']));
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N' },
    ]);
    expect(await get(PRODUCTS, { pk: S('schema-put-ok') })).toBeUndefined();
  });

  it('cancels on a Key of the wrong type in Update, Delete and ConditionCheck', async () => {
    const actions: TransactWriteItem[] = [
      {
        Update: {
          TableName: PRODUCTS,
          Key: { pk: N(1) },
          UpdateExpression: 'SET n = :one',
          ExpressionAttributeValues: { ':one': N(1) },
        },
      },
      { Delete: { TableName: PRODUCTS, Key: { pk: { L: [S('x')] } } } },
      { ConditionCheck: { TableName: PRODUCTS, Key: { pk: N(1) }, ConditionExpression: 'attribute_exists(pk)' } },
    ];
    for (const action of actions) {
      const err = await cancellation(transactWrite([action, okPut('schema-key-ok')]));
      expect(err.message).toBe(cancelledMessage(['ValidationError', 'None']));
      expect(err.CancellationReasons).toEqual([{ Code: 'ValidationError', Message: KEY_SCHEMA_MISMATCH }, { Code: 'None' }]);
    }
    expect(await get(PRODUCTS, { pk: S('schema-key-ok') })).toBeUndefined();
  });

  it('cancels on a missing key attribute and on an index key of the wrong type', async () => {
    const missing = await cancellation(transactWrite([okPut('schema-missing-ok'), { Put: { TableName: LINES, Item: { pk: S('x') } } }]));
    expect(missing.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'One or more parameter values were invalid: Missing the key sk in the item' },
    ]);

    const indexMismatch = 'One or more parameter values were invalid: Type mismatch for Index Key category Expected: S Actual: N IndexName: byCategory';
    const putIndex = await cancellation(transactWrite([{ Put: { TableName: PRODUCTS, Item: { pk: S('schema-index'), category: N(1) } } }]));
    expect(putIndex.CancellationReasons).toEqual([{ Code: 'ValidationError', Message: indexMismatch }]);

    const updateIndex = await cancellation(
      transactWrite([
        okPut('schema-missing-ok'),
        {
          Update: {
            TableName: PRODUCTS,
            Key: { pk: S('schema-index') },
            UpdateExpression: 'SET category = :n',
            ExpressionAttributeValues: { ':n': N(1) },
          },
        },
      ]),
    );
    expect(updateIndex.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'ValidationError', Message: indexMismatch }]);
    expect(await get(PRODUCTS, { pk: S('schema-missing-ok') })).toBeUndefined();
    expect(await get(PRODUCTS, { pk: S('schema-index') })).toBeUndefined();
  });

  it('reports only the first such action, before evaluating conditions or looking for duplicate targets', async () => {
    await put(PRODUCTS, { pk: S('schema-first'), version: N(1) });
    const err = await cancellation(
      transactWrite([
        {
          ConditionCheck: {
            TableName: PRODUCTS,
            Key: { pk: S('schema-first') },
            ConditionExpression: 'version = :two',
            ExpressionAttributeValues: { ':two': N(2) },
          },
        },
        { Delete: { TableName: PRODUCTS, Key: { pk: S('schema-first') } } },
        { Put: { TableName: PRODUCTS, Item: { pk: { B: new Uint8Array([1]) } } } },
        { Delete: { TableName: PRODUCTS, Key: { pk: N(2) } } },
      ]),
    );
    expect(err.message).toBe(cancelledMessage(['None', 'None', 'ValidationError', 'None']));
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: B' },
      { Code: 'None' },
    ]);
    expect(await get(PRODUCTS, { pk: S('schema-first') })).toEqual({ pk: S('schema-first'), version: N(1) });
  });
});

describe('TransactWriteItems: 4 MB aggregate size', () => {
  const MB4 = 4 * 1024 * 1024;
  // An item of exactly `bytes` by DynamoDB's size rule (attribute names plus values; ASCII strings)
  const sized = (pk: string, bytes: number): Item => ({ pk: S(pk), data: S('x'.repeat(bytes - 'pk'.length - pk.length - 'data'.length)) });
  // 11 items (at most 400 KB each) that add up to `total` bytes
  const items = (prefix: string, total: number): Item[] =>
    Array.from({ length: 11 }, (_, i) => {
      const base = Math.floor(total / 11);
      return sized(`${prefix}-${String(i).padStart(2, '0')}`, i === 10 ? total - 10 * base : base);
    });

  it('accepts a transaction of exactly 4 MB and refuses one byte more, writing nothing', async () => {
    const over = await validationMessage(transactWrite(items('size-over', MB4 + 1).map((Item) => ({ Put: { TableName: PRODUCTS, Item } }))));
    expect(over).toBe(TOO_LARGE);
    expect(await get(PRODUCTS, { pk: S('size-over-00') })).toBeUndefined();

    await transactWrite(items('size-at', MB4).map((Item) => ({ Put: { TableName: PRODUCTS, Item } })));
    expect((await get(PRODUCTS, { pk: S('size-at-10') }))?.pk).toEqual(S('size-at-10'));
  });

  it('counts the items Updates write', async () => {
    const existing = items('size-upd', MB4 - 100);
    for (const item of existing) await put(PRODUCTS, item);
    const grow = (item: Item): TransactWriteItem => ({
      Update: {
        TableName: PRODUCTS,
        Key: { pk: item.pk as AttributeValue },
        UpdateExpression: 'SET more = :more',
        ExpressionAttributeValues: { ':more': S('y'.repeat(50)) },
      },
    });

    expect(await validationMessage(transactWrite(existing.map(grow)))).toBe(TOO_LARGE);
    expect(await get(PRODUCTS, { pk: existing[0]?.pk as AttributeValue })).toEqual(existing[0]);
  });
});

describe('TransactWriteItems: ClientRequestToken', () => {
  it('rejects a reused token when only an attribute whose name starts with _ changed', async () => {
    const write = (version: number): Promise<void> =>
      transactWrite(
        [{ Put: { TableName: PRODUCTS, Item: { pk: S('token-underscore'), _version: N(version), meta: { M: { _by: S('a') } } } } }],
        'token-underscore',
      );
    await write(1);
    await write(1); // an identical replay is fine

    const err = await rejectionOf(write(2));
    expect(err).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(err.name).toBe('IdempotentParameterMismatchException');

    const nested = await rejectionOf(
      transactWrite([{ Put: { TableName: PRODUCTS, Item: { pk: S('token-underscore'), _version: N(1), meta: { M: { _by: S('b') } } } } }], 'token-underscore'),
    );
    expect(nested).toBeInstanceOf(IdempotentParameterMismatchException);
    expect((await get(PRODUCTS, { pk: S('token-underscore') }))?._version).toEqual(N(1));
  });

  it('rejects a reused token when an expression, a value or another parameter changed', async () => {
    await put(PRODUCTS, { pk: S('token-update'), n: N(0) });
    const increment = (by: number, extra: Partial<TransactWriteItemsCommandInput> = {}): Promise<unknown> =>
      client.send(
        new TransactWriteItemsCommand({
          ClientRequestToken: 'token-update',
          TransactItems: [
            {
              Update: {
                TableName: PRODUCTS,
                Key: { pk: S('token-update') },
                UpdateExpression: 'ADD n :by',
                ExpressionAttributeValues: { ':by': N(by) },
              },
            },
          ],
          ...extra,
        }),
      );
    await increment(1);
    await increment(1);
    expect(await rejectionOf(increment(2))).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(await rejectionOf(increment(1, { ReturnConsumedCapacity: 'TOTAL' }))).toBeInstanceOf(IdempotentParameterMismatchException);
    expect((await get(PRODUCTS, { pk: S('token-update') }))?.n).toEqual(N(1));
  });
});
