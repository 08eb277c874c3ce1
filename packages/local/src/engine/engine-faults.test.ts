import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  InternalServerError,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import type { Engine } from './engine';
import { startEngine } from './engine';
import { FaultRulesError } from './faults';

jest.setTimeout(60_000);

/**
 * Fault rules in the engine's HTTP layer, seen through the AWS SDK v3 the functions use: the errors
 * arrive as the SDK's own exception classes, with DynamoDB's reasons, and the SDK's retries of
 * throttling happen (and are counted) as they would against AWS.
 */
let engine: Engine;
let client: DynamoDBClient;
const TABLE = 'faults-test';

const item = (pk: string) => ({ pk: { S: pk } });
const put = (pk: string) => new PutItemCommand({ TableName: TABLE, Item: item(pk) });
const read = async (pk: string) => (await client.send(new GetItemCommand({ TableName: TABLE, Key: item(pk), ConsistentRead: true }))).Item;
const rejection = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
};

beforeAll(async () => {
  engine = await startEngine({ port: 0 });
  client = new DynamoDBClient({
    endpoint: engine.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
});

afterEach(() => engine.faults.clear());

afterAll(async () => {
  client?.destroy();
  await engine?.stop();
});

describe('fault injection in the engine, through the AWS SDK', () => {
  it('cancels a TransactWriteItems with a TransactionConflict reason, writes nothing, and is not retried by the SDK', async () => {
    await engine.faults.set([{ table: TABLE, operation: 'TransactWriteItems', fault: 'TransactionConflict', rate: 1 }]);
    const error = await rejection(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: TABLE, Item: item('tx-a') } }, { Put: { TableName: TABLE, Item: item('tx-b') } }],
        }),
      ),
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict, None]');
    expect((error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' },
      { Code: 'None' },
    ]);
    expect((await engine.faults.state()).injected).toBe(1);
    await engine.faults.clear();
    expect(await read('tx-a')).toBeUndefined();
    expect(await read('tx-b')).toBeUndefined();
  });

  it('refuses a single-item write with TransactionConflictException, writing nothing', async () => {
    await engine.faults.set([{ operation: 'PutItem', fault: 'TransactionConflict', rate: 1 }]);
    const error = await rejection(client.send(put('single')));
    expect(error).toBeInstanceOf(TransactionConflictException);
    expect(error.message).toBe('Transaction is ongoing for the item');
    await engine.faults.clear();
    expect(await read('single')).toBeUndefined();
  });

  it('throughput exceeded: the SDK retries with backoff, every attempt counted; it gives up after maxAttempts', async () => {
    await engine.faults.set([{ table: TABLE, operation: 'PutItem', fault: 'ProvisionedThroughputExceeded', rate: 1 }]);
    const error = await rejection(client.send(put('throttled')));
    expect(error).toBeInstanceOf(ProvisionedThroughputExceededException);
    expect((error as ProvisionedThroughputExceededException).$metadata).toMatchObject({ httpStatusCode: 400, attempts: 3 });
    expect((await engine.faults.state()).injected).toBe(3);
  });

  it('throughput exceeded fewer times than the SDK tries: the call succeeds after its retries', async () => {
    await engine.faults.set([{ table: TABLE, operation: 'PutItem', fault: 'ProvisionedThroughputExceeded', rate: 1, count: 2 }]);
    const output = await client.send(put('retried'));
    expect(output.$metadata.attempts).toBe(3);
    expect(await engine.faults.state()).toMatchObject({ injected: 2, rules: [{ spent: true }] });
    expect(await read('retried')).toEqual(item('retried'));
  });

  it('throttling and internal errors arrive as the SDK’s ThrottlingException and InternalServerError (status 500)', async () => {
    await engine.faults.set([{ operation: 'GetItem', fault: 'Throttling', rate: 1 }]);
    expect(await rejection(read('x'))).toBeInstanceOf(ThrottlingException);
    await engine.faults.set([{ operation: 'GetItem', fault: 'InternalServerError', rate: 1 }]);
    const error = await rejection(read('x'));
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).$metadata.httpStatusCode).toBe(500);
  });

  it('latency delays the matching calls and leaves their answer as it is', async () => {
    await client.send(put('slow'));
    await engine.faults.set([{ table: 'faults-*', operation: 'GetItem', fault: 'latency', latencyMs: 400, rate: 1 }]);
    const started = performance.now();
    expect(await read('slow')).toEqual(item('slow'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    const fast = performance.now();
    await client.send(put('not-slowed')); // PutItem: not covered by the rule
    expect(performance.now() - fast).toBeLessThan(300);
  });

  it('refuses invalid rules before they reach the engine, keeping the rules in force', async () => {
    await engine.faults.set([{ fault: 'Throttling', rate: 0 }]);
    await expect(engine.faults.set([{ fault: 'Throttling', rate: 5 }])).rejects.toBeInstanceOf(FaultRulesError);
    expect((await engine.faults.state()).rules).toEqual([{ fault: 'Throttling', rate: 0, injected: 0, spent: false }]);
  });

  it('passes every call through unchanged when the rules do not match', async () => {
    await engine.faults.set([{ table: 'another-table', fault: 'InternalServerError', rate: 1 }]);
    await client.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: TABLE, Item: item('through') } }] }));
    expect(await read('through')).toEqual(item('through'));
    expect((await engine.faults.state()).injected).toBe(0);
  });
});
