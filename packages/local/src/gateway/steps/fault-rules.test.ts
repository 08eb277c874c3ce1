import { createFaultInjector } from '../../engine/fault-injection.cjs';
import type { FaultControl } from '../../engine/faults';
import type { FrontDoor } from '../front-door';
import { startFrontDoor } from '../front-door';
import { StageCache } from '../stage-cache';

/** The admin endpoint on a front door, over the engine's rules (here the injector itself, in process). */
const injector = createFaultInjector();
const control: FaultControl = {
  set: async (rules) => Promise.resolve(injector.set(rules)),
  clear: async () => Promise.resolve(injector.clear()),
  state: async () => Promise.resolve(injector.state()),
};

let door: FrontDoor;
let url: string;

beforeAll(async () => {
  door = await startFrontDoor({
    port: 0,
    host: '127.0.0.1',
    stage: 'local',
    services: [],
    cache: new StageCache(0),
    accessLog: false,
    throttle: false,
    apiKeys: () => undefined,
    documents: () => [],
    faults: () => control,
  });
  url = `${door.url}/_emporium/faults`;
});

afterAll(() => door?.close());
beforeEach(() => injector.clear());

const send = async (method: string, body?: unknown) => {
  const response = await fetch(url, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
};

const conflict = { table: 'orders-*', operation: 'TransactWriteItems', fault: 'TransactionConflict', rate: 0.5, count: 3 };

describe('/_emporium/faults on the front door', () => {
  it('PUT replaces the rules (a list or { rules }), GET lists them with their counters, DELETE removes them', async () => {
    expect(await send('GET')).toMatchObject({ status: 200, body: { rules: [], injected: 0 } });
    const put = await send('PUT', [conflict]);
    expect(put).toMatchObject({ status: 200, body: { rules: [{ ...conflict, injected: 0, spent: false }], injected: 0 } });
    expect(put.headers.get('cache-control')).toBe('no-store');
    injector.decide('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'orders-local' } }] });
    // Another PUT replaces the rules; counters restart.
    expect((await send('PUT', { rules: [{ fault: 'latency', rate: 1, latencyMs: 250 }] })).body.rules).toEqual([
      { fault: 'latency', rate: 1, latencyMs: 250, injected: 0, spent: false },
    ]);
    expect((await send('DELETE')).status).toBe(204);
    expect((await send('GET')).body).toEqual({ rules: [], injected: 0 });
  });

  it('shows how many calls each rule affected', async () => {
    await send('PUT', [{ ...conflict, rate: 1 }]);
    injector.decide('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'orders-local' } }] });
    injector.decide('TransactWriteItems', { TransactItems: [{ Put: { TableName: 'catalog-local' } }] });
    expect((await send('GET')).body).toEqual({ rules: [{ ...conflict, rate: 1, injected: 1, spent: false }], injected: 1 });
  });

  it('refuses invalid rules with 400 INVALID_FAULT_RULES naming every field, and keeps the rules in force', async () => {
    await send('PUT', [conflict]);
    const refused = await send('PUT', {
      rules: [
        { fault: 'Slow', rate: 1.5 },
        { operation: 'Query', fault: 'TransactionConflict', rate: 1 },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'https://emporium.example.com/problems/invalid-fault-rules',
      title: 'Bad Request',
      status: 400,
      code: 'INVALID_FAULT_RULES',
      instance: '/_emporium/faults',
      requestId: refused.headers.get('x-amzn-requestid'),
      errors: [
        { path: 'body.rules.0.fault', message: expect.stringContaining('TransactionConflict') },
        { path: 'body.rules.0.rate', message: expect.any(String) },
        { path: 'body.rules.1.operation', message: expect.any(String) },
      ],
    });
    expect((await send('PUT', [{ fault: 'latency', rate: 1 }])).body.errors).toEqual([{ path: 'body.0.latencyMs', message: expect.any(String) }]);
    expect((await send('PUT', { fault: 'Throttling', rate: 1 })).body.errors).toEqual([{ path: 'body.rules', message: expect.any(String) }]);
    expect((await send('GET')).body.rules).toEqual([{ ...conflict, injected: 0, spent: false }]);
  });

  it('refuses a body that is not JSON (400 MALFORMED_JSON) and other methods (405 with Allow)', async () => {
    const malformed = await send('PUT', '[{"fault":');
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    const post = await send('POST', [conflict]);
    expect(post).toMatchObject({ status: 405, body: { code: 'METHOD_NOT_ALLOWED' } });
    expect(post.headers.get('allow')).toBe('GET, PUT, DELETE');
  });
});
