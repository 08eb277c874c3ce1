import type { FaultRule } from './fault-injection.cjs';
import { createFaultInjector, FaultRulesError, validateFaultRules } from './fault-injection.cjs';

const put = (table: string) => ({ TableName: table, Item: { pk: { S: 'a' } } });
const transaction = (...tables: string[]) => ({ TransactItems: tables.map((table) => ({ Update: { TableName: table, Key: { pk: { S: table } } } })) });

/** A random source that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let index = 0;
  return () => values[index++ % values.length] ?? 0;
};

const problemsOf = (input: unknown) => {
  try {
    validateFaultRules(input);
  } catch (error) {
    if (error instanceof FaultRulesError) return error.errors;
    throw error;
  }
  return [];
};

describe('fault rules: validation', () => {
  it('accepts a list or { rules: [...] } and keeps only the given fields', () => {
    const rule: FaultRule = { table: 'orders-*', operation: 'TransactWriteItems', fault: 'TransactionConflict', rate: 0.5, count: 2 };
    expect(validateFaultRules([rule])).toEqual([rule]);
    expect(validateFaultRules({ rules: [{ fault: 'latency', rate: 1, latencyMs: 300 }] })).toEqual([{ fault: 'latency', rate: 1, latencyMs: 300 }]);
    expect(validateFaultRules([])).toEqual([]);
  });

  it('names every problem with its rule and field', () => {
    expect(
      problemsOf([
        { fault: 'Conflict', rate: 2, count: 0, colour: 'red' },
        { fault: 'latency', rate: 1 },
        { table: 'orders table', operation: 'TransactWrite', fault: 'Throttling', rate: '1' },
        { operation: 'GetItem', fault: 'TransactionConflict', rate: 1 },
        'TransactionConflict',
      ]).map((p) => p.path),
    ).toEqual([
      'rules.0.colour',
      'rules.0.fault',
      'rules.0.rate',
      'rules.0.count',
      'rules.1.latencyMs',
      'rules.2.rate',
      'rules.2.table',
      'rules.2.operation',
      'rules.3.operation',
      'rules.4',
    ]);
    expect(problemsOf({ fault: 'Throttling', rate: 1 })).toEqual([{ path: 'rules', message: expect.stringContaining('list') }]);
    expect(problemsOf([{ fault: 'latency', rate: 1, latencyMs: 60_001 }])[0]?.path).toBe('rules.0.latencyMs');
  });
});

describe('fault rules: matching', () => {
  it('is not live without rules, nor once every rule is spent', () => {
    const faults = createFaultInjector();
    expect(faults.live).toBe(false);
    faults.set([{ fault: 'Throttling', rate: 1, count: 1 }]);
    expect(faults.live).toBe(true);
    expect(faults.decide('GetItem', { TableName: 't' })?.response?.body['__type']).toBe('com.amazonaws.dynamodb.v20120810#ThrottlingException');
    expect(faults.live).toBe(false);
    expect(faults.decide('GetItem', { TableName: 't' })).toBeUndefined();
    expect(faults.state()).toEqual({ rules: [{ fault: 'Throttling', rate: 1, count: 1, injected: 1, spent: true }], injected: 1 });
  });

  it('matches the table by exact name or glob, in single calls, batches and any action of a transaction', () => {
    const faults = createFaultInjector();
    faults.set([{ table: 'orders-*', fault: 'InternalServerError', rate: 1 }]);
    expect(faults.decide('PutItem', put('orders-local'))).toBeDefined();
    expect(faults.decide('PutItem', put('catalog-local'))).toBeUndefined();
    expect(faults.decide('PutItem', put('my-orders-local'))).toBeUndefined();
    expect(faults.decide('TransactWriteItems', transaction('catalog-local', 'orders-local'))).toBeDefined();
    expect(faults.decide('BatchGetItem', { RequestItems: { 'orders-local': { Keys: [] } } })).toBeDefined();
    faults.set([{ table: 'orders-local', fault: 'InternalServerError', rate: 1 }]);
    expect(faults.decide('Query', { TableName: 'orders-local' })).toBeDefined();
    expect(faults.decide('Query', { TableName: 'orders-localx' })).toBeUndefined();
  });

  it('matches the operation; a rule without one covers data operations only, never table management', () => {
    const faults = createFaultInjector();
    faults.set([{ operation: 'UpdateItem', fault: 'Throttling', rate: 1 }]);
    expect(faults.couldMatch('UpdateItem')).toBe(true);
    expect(faults.couldMatch('PutItem')).toBe(false);
    faults.set([{ fault: 'Throttling', rate: 1 }]);
    expect(faults.couldMatch('GetItem')).toBe(true);
    expect(faults.couldMatch('CreateTable')).toBe(false);
    expect(faults.couldMatch('DescribeTable')).toBe(false);
  });

  it('gives transaction conflicts only where DynamoDB does: single-item writes and transactions', () => {
    const faults = createFaultInjector();
    faults.set([{ fault: 'TransactionConflict', rate: 1 }]);
    for (const operation of ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem']) expect(faults.couldMatch(operation)).toBe(false);
    for (const operation of ['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'TransactGetItems']) expect(faults.couldMatch(operation)).toBe(true);
  });

  it('fires with the rule’s rate: a call gets the fault when the random draw is below it', () => {
    const faults = createFaultInjector({ random: sequence(0.1, 0.7, 0.29, 0.3) });
    faults.set([{ fault: 'Throttling', rate: 0.3 }]);
    const outcomes = Array.from({ length: 4 }, () => faults.decide('GetItem', { TableName: 't' }) !== undefined);
    expect(outcomes).toEqual([true, false, true, false]);
    expect(faults.state().injected).toBe(2);
    faults.set([{ fault: 'Throttling', rate: 0 }]);
    expect(faults.decide('GetItem', { TableName: 't' })).toBeUndefined();
  });

  it('stops a rule after `count` injections; calls it does not fire on do not count', () => {
    const faults = createFaultInjector({ random: sequence(0.9, 0.1) });
    faults.set([{ fault: 'InternalServerError', rate: 0.5, count: 2 }]);
    const fired = Array.from({ length: 8 }, () => faults.decide('PutItem', put('t')) !== undefined).filter(Boolean);
    expect(fired).toHaveLength(2);
    expect(faults.state().rules[0]).toMatchObject({ injected: 2, spent: true });
  });

  it('adds the delays of the latency rules that fire, and stops at the first error rule', () => {
    const faults = createFaultInjector();
    faults.set([
      { fault: 'latency', rate: 1, latencyMs: 100 },
      { table: 'other', fault: 'latency', rate: 1, latencyMs: 1000 },
      { fault: 'latency', rate: 1, latencyMs: 50 },
      { fault: 'Throttling', rate: 1, latencyMs: 5 },
      { fault: 'InternalServerError', rate: 1 },
    ]);
    const decision = faults.decide('GetItem', { TableName: 't' });
    expect(decision?.delayMs).toBe(155);
    expect(decision?.response?.body['__type']).toBe('com.amazonaws.dynamodb.v20120810#ThrottlingException');
    expect(faults.state().rules.map((r) => r.injected)).toEqual([1, 0, 1, 1, 0]);
  });

  it('set replaces the rules and restarts the counters; clear removes them', () => {
    const faults = createFaultInjector();
    faults.set([{ fault: 'Throttling', rate: 1 }]);
    faults.decide('GetItem', { TableName: 't' });
    expect(faults.set([{ fault: 'Throttling', rate: 1 }]).injected).toBe(0);
    expect(faults.clear()).toEqual({ rules: [], injected: 0 });
    expect(faults.live).toBe(false);
    expect(() => faults.set([{ fault: 'nope', rate: 1 }])).toThrow(FaultRulesError);
  });
});

describe('fault rules: DynamoDB’s answers', () => {
  const answer = (rule: FaultRule, operation: string, body: Record<string, unknown>) => {
    const faults = createFaultInjector();
    faults.set([rule]);
    return faults.decide(operation, body)?.response;
  };

  it('cancels a transaction with one TransactionConflict reason, on the first action of the rule’s table, None for the others', () => {
    expect(
      answer({ table: 'orders-local', fault: 'TransactionConflict', rate: 1 }, 'TransactWriteItems', transaction('catalog-local', 'orders-local', 'x')),
    ).toEqual({
      statusCode: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict, None]',
        CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }, { Code: 'None' }],
      },
    });
    const get = answer({ fault: 'TransactionConflict', rate: 1 }, 'TransactGetItems', { TransactItems: [{ Get: { TableName: 't' } }] });
    expect(get?.body['CancellationReasons']).toEqual([{ Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }]);
  });

  it('answers a single-item write with TransactionConflictException', () => {
    expect(answer({ fault: 'TransactionConflict', rate: 1 }, 'UpdateItem', put('t'))).toEqual({
      statusCode: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException', message: 'Transaction is ongoing for the item' },
    });
  });

  it.each([
    [
      'ProvisionedThroughputExceeded',
      400,
      'ProvisionedThroughputExceededException',
      /^The level of configured provisioned throughput for the table was exceeded/,
    ],
    ['Throttling', 400, 'ThrottlingException', /^Throughput exceeds the current capacity of your table or index/],
    ['InternalServerError', 500, 'InternalServerError', /^Internal server error$/],
  ] as const)('answers %s with %i %s', (fault, status, type, message) => {
    const response = answer({ fault, rate: 1 }, 'GetItem', { TableName: 't' });
    expect(response?.statusCode).toBe(status);
    expect(response?.body['__type']).toBe(`com.amazonaws.dynamodb.v20120810#${type}`);
    expect(response?.body['message']).toMatch(message);
  });
});
