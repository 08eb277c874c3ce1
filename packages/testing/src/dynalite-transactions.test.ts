/**
 * TransactWriteItems / TransactGetItems on the local DynamoDB engine (dynalite, patched by
 * patches/dynalite@4.0.0.patch). Every test talks to a real in-process dynalite server through the
 * AWS SDK v3 client, so the wire format (errors, CancellationReasons) is exercised too.
 */
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  IdempotentParameterMismatchException,
  QueryCommand,
  ResourceNotFoundException,
  TransactGetItemsCommand,
  TransactionCanceledException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';

import type { DynaliteServer, Item } from './dynalite-server';
import { N, S, startDynalite } from './dynalite-server';

const PRODUCTS = 'tx-products'; // pk, GSI byCategory (category)
const ORDERS = 'tx-orders'; // pk + sk
const COUNTERS = 'tx-counters'; // pk

let engine: DynaliteServer;
let client: DynamoDBClient;

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
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: ORDERS,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  await client.send(
    new CreateTableCommand({
      TableName: COUNTERS,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
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

async function cancellation(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const err = await rejectionOf(promise);
  expect(err).toBeInstanceOf(TransactionCanceledException);
  return err as TransactionCanceledException;
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

function decrementStock(pk: string, quantity: number): TransactWriteItem {
  return {
    Update: {
      TableName: PRODUCTS,
      Key: { pk: S(pk) },
      UpdateExpression: 'SET stock = stock - :q',
      ConditionExpression: 'attribute_exists(pk) AND stock >= :q',
      ExpressionAttributeValues: { ':q': N(quantity) },
    },
  };
}

describe('TransactWriteItems', () => {
  it('is all or nothing: a failing condition on the 3rd action leaves the 1st and 2nd unwritten', async () => {
    await put(PRODUCTS, { pk: S('aon-product'), stock: N(1) });

    const err = await cancellation(
      transactWrite([
        { Put: { TableName: ORDERS, Item: { pk: S('aon-order'), sk: S('header'), total: N(30) } } },
        { Put: { TableName: ORDERS, Item: { pk: S('aon-order'), sk: S('line#1'), qty: N(3) } } },
        decrementStock('aon-product', 3),
      ]),
    );

    expect(err.name).toBe('TransactionCanceledException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]');
    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);

    expect(await get(ORDERS, { pk: S('aon-order'), sk: S('header') })).toBeUndefined();
    expect(await get(ORDERS, { pk: S('aon-order'), sk: S('line#1') })).toBeUndefined();
    expect(await get(PRODUCTS, { pk: S('aon-product') })).toEqual({ pk: S('aon-product'), stock: N(1) });
  });

  it('reports CancellationReasons in request order, with the old item for ALL_OLD', async () => {
    const existing = { pk: S('reasons-a'), name: S('existing'), stock: N(4) };
    await put(PRODUCTS, existing);
    await put(PRODUCTS, { pk: S('reasons-b'), stock: N(1) });
    await put(PRODUCTS, { pk: S('reasons-c'), stock: N(1) });

    const err = await cancellation(
      transactWrite([
        {
          Put: {
            TableName: PRODUCTS,
            Item: { pk: S('reasons-a'), name: S('replacement') },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          ConditionCheck: {
            TableName: PRODUCTS,
            Key: { pk: S('reasons-b') },
            ConditionExpression: 'stock = :one',
            ExpressionAttributeValues: { ':one': N(1) },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        {
          Delete: {
            TableName: PRODUCTS,
            Key: { pk: S('reasons-c') },
            ConditionExpression: '#s > :ten',
            ExpressionAttributeNames: { '#s': 'stock' },
            ExpressionAttributeValues: { ':ten': N(10) },
            ReturnValuesOnConditionCheckFailure: 'NONE',
          },
        },
        {
          Put: {
            TableName: ORDERS,
            Item: { pk: S('reasons-order'), sk: S('header') },
            ConditionExpression: 'attribute_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD', // no old item: no Item in the reason
          },
        },
      ]),
    );

    expect(err.message).toBe(
      'Transaction cancelled, please refer cancellation reasons for specific reasons ' +
        '[ConditionalCheckFailed, None, ConditionalCheckFailed, ConditionalCheckFailed]',
    );
    expect(err.CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: existing },
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await get(PRODUCTS, { pk: S('reasons-a') })).toEqual(existing);
    expect(await get(PRODUCTS, { pk: S('reasons-c') })).toEqual({ pk: S('reasons-c'), stock: N(1) });
  });

  it('reports an update that cannot be applied as a ValidationError reason and writes nothing', async () => {
    await put(COUNTERS, { pk: S('validation-error'), n: S('not a number') });

    const err = await cancellation(
      transactWrite([
        { Put: { TableName: COUNTERS, Item: { pk: S('validation-error-other'), n: N(1) } } },
        {
          Update: {
            TableName: COUNTERS,
            Key: { pk: S('validation-error') },
            UpdateExpression: 'SET n = n + :one',
            ExpressionAttributeValues: { ':one': N(1) },
          },
        },
      ]),
    );

    expect(err.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'An operand in the update expression has an incorrect data type' },
    ]);
    expect(await get(COUNTERS, { pk: S('validation-error-other') })).toBeUndefined();
  });

  it('decrements stock of several products only when every product has enough', async () => {
    await put(PRODUCTS, { pk: S('stock-1'), stock: N(10) });
    await put(PRODUCTS, { pk: S('stock-2'), stock: N(5) });
    await put(PRODUCTS, { pk: S('stock-3'), stock: N(2) });

    await transactWrite([
      decrementStock('stock-1', 2),
      decrementStock('stock-2', 5),
      decrementStock('stock-3', 2),
      { Put: { TableName: ORDERS, Item: { pk: S('stock-order-1'), sk: S('header'), lines: N(3) } } },
    ]);

    expect((await get(PRODUCTS, { pk: S('stock-1') }))?.stock).toEqual(N(8));
    expect((await get(PRODUCTS, { pk: S('stock-2') }))?.stock).toEqual(N(0));
    expect((await get(PRODUCTS, { pk: S('stock-3') }))?.stock).toEqual(N(0));
    expect(await get(ORDERS, { pk: S('stock-order-1'), sk: S('header') })).toBeDefined();

    // Second order: product 1 still has stock, products 2 and 3 don't -> nothing changes
    const err = await cancellation(
      transactWrite([
        decrementStock('stock-1', 1),
        decrementStock('stock-2', 1),
        decrementStock('stock-3', 1),
        { Put: { TableName: ORDERS, Item: { pk: S('stock-order-2'), sk: S('header'), lines: N(3) } } },
      ]),
    );
    expect(err.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed', 'ConditionalCheckFailed', 'None']);
    expect((await get(PRODUCTS, { pk: S('stock-1') }))?.stock).toEqual(N(8));
    expect(await get(ORDERS, { pk: S('stock-order-2'), sk: S('header') })).toBeUndefined();

    // Unknown product: attribute_exists(pk) fails
    const unknown = await cancellation(transactWrite([decrementStock('stock-missing', 1)]));
    expect(unknown.CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
    expect(await get(PRODUCTS, { pk: S('stock-missing') })).toBeUndefined();
  });

  it('supports ConditionCheck actions that guard writes to other items', async () => {
    const placeOrder = (): Promise<void> =>
      transactWrite([
        {
          ConditionCheck: {
            TableName: COUNTERS,
            Key: { pk: S('user#cc') },
            ConditionExpression: 'attribute_exists(pk) AND #status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':active': S('ACTIVE') },
          },
        },
        { Put: { TableName: ORDERS, Item: { pk: S('user#cc'), sk: S('order#1') } } },
      ]);

    const err = await cancellation(placeOrder());
    expect(err.CancellationReasons?.map((reason) => reason.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect(await get(ORDERS, { pk: S('user#cc'), sk: S('order#1') })).toBeUndefined();

    await put(COUNTERS, { pk: S('user#cc'), status: S('ACTIVE') });
    await placeOrder();
    expect(await get(ORDERS, { pk: S('user#cc'), sk: S('order#1') })).toEqual({ pk: S('user#cc'), sk: S('order#1') });
    // the checked item itself is untouched
    expect(await get(COUNTERS, { pk: S('user#cc') })).toEqual({ pk: S('user#cc'), status: S('ACTIVE') });
  });

  it('applies Delete, Update and Put to the table and its GSI on commit', async () => {
    await put(PRODUCTS, { pk: S('gsi-1'), category: S('gsi-old') });
    await put(PRODUCTS, { pk: S('gsi-2'), category: S('gsi-old') });
    await put(PRODUCTS, { pk: S('gsi-3'), category: S('gsi-old') });
    expect(await queryCategory('gsi-old')).toEqual(['gsi-1', 'gsi-2', 'gsi-3']);

    await transactWrite([
      { Delete: { TableName: PRODUCTS, Key: { pk: S('gsi-1') }, ConditionExpression: 'attribute_exists(pk)' } },
      {
        Update: {
          TableName: PRODUCTS,
          Key: { pk: S('gsi-2') },
          UpdateExpression: 'SET category = :new',
          ExpressionAttributeValues: { ':new': S('gsi-new') },
        },
      },
      { Put: { TableName: PRODUCTS, Item: { pk: S('gsi-4'), category: S('gsi-new') } } },
      { Update: { TableName: PRODUCTS, Key: { pk: S('gsi-3') }, UpdateExpression: 'REMOVE category' } },
    ]);

    expect(await get(PRODUCTS, { pk: S('gsi-1') })).toBeUndefined();
    expect(await get(PRODUCTS, { pk: S('gsi-2') })).toEqual({ pk: S('gsi-2'), category: S('gsi-new') });
    expect(await get(PRODUCTS, { pk: S('gsi-3') })).toEqual({ pk: S('gsi-3') });
    expect(await queryCategory('gsi-old')).toEqual([]);
    expect(await queryCategory('gsi-new')).toEqual(['gsi-2', 'gsi-4']);

    // A cancelled transaction leaves the index alone as well
    await cancellation(
      transactWrite([
        { Put: { TableName: PRODUCTS, Item: { pk: S('gsi-5'), category: S('gsi-new') } } },
        { Delete: { TableName: PRODUCTS, Key: { pk: S('gsi-2') }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ]),
    );
    expect(await queryCategory('gsi-new')).toEqual(['gsi-2', 'gsi-4']);
  });

  it('rejects two operations on the same item with a ValidationException', async () => {
    const err = await rejectionOf(
      transactWrite([
        { Put: { TableName: ORDERS, Item: { pk: S('dup-other'), sk: S('x') } } },
        { Put: { TableName: PRODUCTS, Item: { pk: S('dup'), stock: N(1) } } },
        {
          ConditionCheck: {
            TableName: PRODUCTS,
            Key: { pk: S('dup') },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ]),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toBe('Transaction request cannot include multiple operations on one item');
    expect(await get(ORDERS, { pk: S('dup-other'), sk: S('x') })).toBeUndefined();
    expect(await get(PRODUCTS, { pk: S('dup') })).toBeUndefined();

    // Same key values in different tables are different items
    await transactWrite([{ Put: { TableName: PRODUCTS, Item: { pk: S('same-key') } } }, { Put: { TableName: COUNTERS, Item: { pk: S('same-key') } } }]);
  });

  it('rejects more than 100 actions with a ValidationException', async () => {
    const items: TransactWriteItem[] = Array.from({ length: 101 }, (_, i) => ({
      Put: { TableName: COUNTERS, Item: { pk: S(`too-many-${i}`) } },
    }));
    const err = await rejectionOf(transactWrite(items));
    expect(err.name).toBe('ValidationException');
    expect(err.message).toContain("at 'transactItems' failed to satisfy constraint");
    expect(err.message).toContain('Member must have length less than or equal to 100');
    expect(await get(COUNTERS, { pk: S('too-many-0') })).toBeUndefined();

    // exactly 100 is fine
    await transactWrite(items.slice(0, 100));
    expect(await get(COUNTERS, { pk: S('too-many-99') })).toEqual({ pk: S('too-many-99') });
  });

  it('validates the shape of each action like the single-item operations do', async () => {
    const both = await rejectionOf(
      transactWrite([
        {
          Put: { TableName: COUNTERS, Item: { pk: S('shape') } },
          Delete: { TableName: COUNTERS, Key: { pk: S('shape') } },
        },
      ]),
    );
    expect(both.name).toBe('ValidationException');
    expect(both.message).toBe('TransactItems can only contain one of Check, Put, Update or Delete');

    // A key that does not match the key schema cancels the transaction, as in DynamoDB (see dynalite-fidelity.test.ts)
    const missingKey = await cancellation(transactWrite([{ Put: { TableName: ORDERS, Item: { pk: S('shape') } } }]));
    expect(missingKey.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]');
    expect(missingKey.CancellationReasons).toEqual([
      { Code: 'ValidationError', Message: 'One or more parameter values were invalid: Missing the key sk in the item' },
    ]);

    const badExpression = await rejectionOf(
      transactWrite([
        {
          Update: {
            TableName: COUNTERS,
            Key: { pk: S('shape') },
            UpdateExpression: 'SET n = :n',
            ExpressionAttributeValues: { ':n': N(1), ':unused': N(2) },
          },
        },
      ]),
    );
    expect(badExpression.name).toBe('ValidationException');
    expect(badExpression.message).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}');

    const keyUpdate = await rejectionOf(
      transactWrite([
        { Update: { TableName: COUNTERS, Key: { pk: S('shape') }, UpdateExpression: 'SET pk = :n', ExpressionAttributeValues: { ':n': S('x') } } },
      ]),
    );
    expect(keyUpdate.message).toBe('One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key');
    expect(await get(COUNTERS, { pk: S('shape') })).toBeUndefined();
  });

  it('applies a request only once per ClientRequestToken', async () => {
    await put(COUNTERS, { pk: S('idempotent'), n: N(0) });
    const increment: TransactWriteItem[] = [
      {
        Update: {
          TableName: COUNTERS,
          Key: { pk: S('idempotent') },
          UpdateExpression: 'ADD n :one',
          ExpressionAttributeValues: { ':one': N(1) },
        },
      },
      { Put: { TableName: ORDERS, Item: { pk: S('idempotent'), sk: S('log') } } },
    ];

    await transactWrite(increment, 'token-once');
    await transactWrite(increment, 'token-once');
    await transactWrite(increment, 'token-once');
    expect((await get(COUNTERS, { pk: S('idempotent') }))?.n).toEqual(N(1));

    // another token is another request
    await transactWrite(increment, 'token-twice');
    expect((await get(COUNTERS, { pk: S('idempotent') }))?.n).toEqual(N(2));
  });

  it('rejects a ClientRequestToken reused with a different request', async () => {
    await transactWrite([{ Put: { TableName: COUNTERS, Item: { pk: S('mismatch'), n: N(1) } } }], 'token-mismatch');

    const err = await rejectionOf(transactWrite([{ Put: { TableName: COUNTERS, Item: { pk: S('mismatch'), n: N(2) } } }], 'token-mismatch'));
    expect(err).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(err.name).toBe('IdempotentParameterMismatchException');
    expect((await get(COUNTERS, { pk: S('mismatch') }))?.n).toEqual(N(1));
  });

  it('does not burn the ClientRequestToken of a cancelled transaction', async () => {
    const guarded: TransactWriteItem[] = [
      {
        ConditionCheck: {
          TableName: COUNTERS,
          Key: { pk: S('retry-guard') },
          ConditionExpression: 'attribute_exists(pk)',
        },
      },
      { Put: { TableName: ORDERS, Item: { pk: S('retry'), sk: S('x') } } },
    ];
    await cancellation(transactWrite(guarded, 'token-retry'));
    await put(COUNTERS, { pk: S('retry-guard') });
    await transactWrite(guarded, 'token-retry');
    expect(await get(ORDERS, { pk: S('retry'), sk: S('x') })).toBeDefined();
  });

  it('answers ResourceNotFoundException for an unknown table and writes nothing', async () => {
    const err = await rejectionOf(
      transactWrite([{ Put: { TableName: COUNTERS, Item: { pk: S('unknown-table') } } }, { Put: { TableName: 'tx-does-not-exist', Item: { pk: S('x') } } }]),
    );
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(err.name).toBe('ResourceNotFoundException');
    expect(await get(COUNTERS, { pk: S('unknown-table') })).toBeUndefined();
  });

  it('serialises concurrent transactions on the same item', async () => {
    await put(COUNTERS, { pk: S('concurrent'), n: N(5) });

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        transactWrite([
          {
            Update: {
              TableName: COUNTERS,
              Key: { pk: S('concurrent') },
              UpdateExpression: 'SET n = n - :one',
              ConditionExpression: 'n >= :one',
              ExpressionAttributeValues: { ':one': N(1) },
            },
          },
          { Put: { TableName: ORDERS, Item: { pk: S('concurrent'), sk: S(`claim#${i}`) } } },
        ]),
      ),
    );

    const succeeded = results.filter((result) => result.status === 'fulfilled');
    const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(succeeded).toHaveLength(5);
    expect(failed).toHaveLength(15);
    for (const { reason } of failed) {
      expect(reason).toBeInstanceOf(TransactionCanceledException);
      expect((reason as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    }
    expect((await get(COUNTERS, { pk: S('concurrent') }))?.n).toEqual(N(0));

    // exactly the claims of the successful transactions were written
    const claims = await Promise.all(results.map((_, i) => get(ORDERS, { pk: S('concurrent'), sk: S(`claim#${i}`) })));
    const written = claims.map((claim) => claim !== undefined);
    expect(written).toEqual(results.map((result) => result.status === 'fulfilled'));
  });

  it('does not deadlock when transactions lock the same items in opposite orders', async () => {
    await put(COUNTERS, { pk: S('deadlock-a'), n: N(0) });
    await put(COUNTERS, { pk: S('deadlock-b'), n: N(0) });
    const add = (pk: string): TransactWriteItem => ({
      Update: {
        TableName: COUNTERS,
        Key: { pk: S(pk) },
        UpdateExpression: 'ADD n :one',
        ExpressionAttributeValues: { ':one': N(1) },
      },
    });

    await Promise.all(
      Array.from({ length: 20 }, (_, i) => transactWrite(i % 2 ? [add('deadlock-a'), add('deadlock-b')] : [add('deadlock-b'), add('deadlock-a')])),
    );
    expect((await get(COUNTERS, { pk: S('deadlock-a') }))?.n).toEqual(N(20));
    expect((await get(COUNTERS, { pk: S('deadlock-b') }))?.n).toEqual(N(20));
  });
});

describe('TransactGetItems', () => {
  it('returns the items in request order, with {} for missing items', async () => {
    await put(PRODUCTS, { pk: S('get-1'), stock: N(1), name: S('one') });
    await put(ORDERS, { pk: S('get-order'), sk: S('header'), total: N(42), status: S('NEW') });
    await put(COUNTERS, { pk: S('get-counter'), n: N(7) });

    const res = await client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: COUNTERS, Key: { pk: S('get-counter') } } },
          { Get: { TableName: PRODUCTS, Key: { pk: S('get-missing') } } },
          {
            Get: {
              TableName: ORDERS,
              Key: { pk: S('get-order'), sk: S('header') },
              ProjectionExpression: '#t, #s',
              ExpressionAttributeNames: { '#t': 'total', '#s': 'status' },
            },
          },
          { Get: { TableName: PRODUCTS, Key: { pk: S('get-1') } } },
        ],
      }),
    );

    expect(res.Responses).toEqual([
      { Item: { pk: S('get-counter'), n: N(7) } },
      {},
      { Item: { total: N(42), status: S('NEW') } },
      { Item: { pk: S('get-1'), stock: N(1), name: S('one') } },
    ]);
  });

  it('sees every transaction either completely or not at all', async () => {
    await put(COUNTERS, { pk: S('snapshot-a'), n: N(0) });
    await put(COUNTERS, { pk: S('snapshot-b'), n: N(0) });
    const move = (): Promise<void> =>
      transactWrite([
        {
          Update: {
            TableName: COUNTERS,
            Key: { pk: S('snapshot-a') },
            UpdateExpression: 'SET n = n + :one',
            ExpressionAttributeValues: { ':one': N(1) },
          },
        },
        {
          Update: {
            TableName: COUNTERS,
            Key: { pk: S('snapshot-b') },
            UpdateExpression: 'SET n = n - :one',
            ExpressionAttributeValues: { ':one': N(1) },
          },
        },
      ]);
    const read = async (): Promise<number> => {
      const res = await client.send(
        new TransactGetItemsCommand({
          TransactItems: [{ Get: { TableName: COUNTERS, Key: { pk: S('snapshot-a') } } }, { Get: { TableName: COUNTERS, Key: { pk: S('snapshot-b') } } }],
        }),
      );
      return Number(res.Responses?.[0]?.Item?.n?.N) + Number(res.Responses?.[1]?.Item?.n?.N);
    };

    const ops: Promise<number | void>[] = [];
    for (let i = 0; i < 15; i++) ops.push(move(), read());
    const results = await Promise.all(ops);
    // a + b is invariant under every transaction
    for (const sum of results.filter((value): value is number => typeof value === 'number')) expect(sum).toBe(0);
  });

  it('validates its input like the write side', async () => {
    const duplicate = await rejectionOf(
      client.send(
        new TransactGetItemsCommand({
          TransactItems: [{ Get: { TableName: COUNTERS, Key: { pk: S('x') } } }, { Get: { TableName: COUNTERS, Key: { pk: S('x') } } }],
        }),
      ),
    );
    expect(duplicate.name).toBe('ValidationException');
    expect(duplicate.message).toBe('Transaction request cannot include multiple operations on one item');

    const tooMany = await rejectionOf(
      client.send(
        new TransactGetItemsCommand({
          TransactItems: Array.from({ length: 101 }, (_, i) => ({
            Get: { TableName: COUNTERS, Key: { pk: S(`many-${i}`) } },
          })),
        }),
      ),
    );
    expect(tooMany.name).toBe('ValidationException');
    expect(tooMany.message).toContain('Member must have length less than or equal to 100');

    const unknownTable = await rejectionOf(
      client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'tx-nope', Key: { pk: S('x') } } }] })),
    );
    expect(unknownTable).toBeInstanceOf(ResourceNotFoundException);

    const badKey = await rejectionOf(client.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: ORDERS, Key: { pk: S('x') } } }] })));
    expect(badKey.name).toBe('ValidationException');
    expect(badKey.message).toBe('The provided key element does not match the schema');
  });
});
