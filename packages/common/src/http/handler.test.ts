import { apiEvent, lambdaContext } from '@emporium/testing/events';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { ConflictError } from '../errors';
import { httpHandler } from './handler';

const body = z.strictObject({ name: z.string().min(1), qty: z.number().int() });
const echo = httpHandler({ body, maxBodyBytes: 200 }, async (req) => ({ status: 201, body: req.body }));

const call = async (handler: typeof echo, event = apiEvent()) => {
  const result = await handler(event, lambdaContext());
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
};

describe('httpHandler', () => {
  it('passes the validated body to the route and serialises its result', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', body: { name: 'a', qty: 2 } }));
    expect(result.statusCode).toBe(201);
    expect(result.headers?.['content-type']).toBe('application/json');
    expect(result.json).toEqual({ name: 'a', qty: 2 });
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', rawBody: '{"name": "a",' }));
    expect(result.statusCode).toBe(400);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(result.json).toMatchObject({ status: 400, code: 'MALFORMED_JSON', title: 'Bad Request' });
  });

  it('lists every invalid, missing and unknown field', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', body: { qty: 1.5, extra: true } }));
    expect(result.statusCode).toBe(400);
    const paths = (result.json.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(['body.extra', 'body.name', 'body.qty']);
  });

  it('rejects a body over the route limit with 413', async () => {
    const result = await call(echo, apiEvent({ method: 'POST', body: { name: 'x'.repeat(300), qty: 1 } }));
    expect(result.statusCode).toBe(413);
    expect(result.json.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('rejects a non-JSON content type with 415', async () => {
    const event = apiEvent({ method: 'POST', rawBody: 'name=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const result = await call(echo, event);
    expect(result.statusCode).toBe(415);
  });

  it('rejects a missing body with 400', async () => {
    const result = await call(echo, apiEvent({ method: 'POST' }));
    expect(result.statusCode).toBe(400);
    expect(result.json.detail).toMatch(/needs a JSON request body/);
  });

  it('maps an AppError to its status and code', async () => {
    const handler = httpHandler({}, () => Promise.reject(new ConflictError('taken', { detail: 'SKU taken' })));
    const result = await call(handler);
    expect(result.statusCode).toBe(409);
    expect(result.json).toMatchObject({ code: 'CONFLICT', detail: 'SKU taken', requestId: 'test-request' });
  });

  it('turns an unexpected error into a 500 that leaks nothing', async () => {
    const handler = httpHandler({}, () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:8000 secret')));
    const result = await call(handler);
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/ECONNREFUSED|secret/);
    expect(result.json.code).toBe('INTERNAL');
  });

  it('enforces roles: 401 without a caller, 403 with the wrong role', async () => {
    const admin = httpHandler({ roles: ['admin'] }, async () => ({ body: { ok: true } }));
    expect((await call(admin)).statusCode).toBe(401);
    const customer = apiEvent({ authorizer: { principalId: 'u1', role: 'customer' } });
    expect((await call(admin, customer)).statusCode).toBe(403);
    const ok = apiEvent({ authorizer: { principalId: 'u2', role: 'admin' } });
    expect((await call(admin, ok)).statusCode).toBe(200);
  });
});

describe('httpHandler and DynamoDB contention', () => {
  it('answers a transaction that lost to a concurrent one with a retryable 503, not a 500', async () => {
    const conflict = new TransactionCanceledException({
      message: 'Transaction cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });
    const handler = httpHandler({}, () => Promise.reject(conflict));
    const result = await call(handler);
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['retry-after']).toBe('1');
    expect(result.json.code).toBe('SERVICE_UNAVAILABLE');
  });
});
