/**
 * What the handler wrapper logs: one line per request, the reason of every refusal or failure, and
 * the request id as the correlation id (operations read these; see docs/adr/0017).
 */
import { apiEvent, lambdaContext } from '@emporium/testing/events';
import { ConflictError, ServiceUnavailableError } from '../errors';
import { getLogger } from '../logger';
import { httpHandler } from './handler';
import type { RouteContract } from './route';

const route = (extra: Partial<RouteContract> = {}): RouteContract => ({
  operationId: 'op',
  method: 'GET',
  path: '/things',
  summary: 's',
  tags: ['T'],
  responses: { 200: { description: 'ok' } },
  ...extra,
});

describe('httpHandler logging', () => {
  const logger = getLogger();
  let info: jest.SpyInstance;
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  let correlation: jest.SpyInstance;
  let keys: jest.SpyInstance;
  beforeEach(() => {
    info = jest.spyOn(logger, 'info');
    warn = jest.spyOn(logger, 'warn');
    error = jest.spyOn(logger, 'error');
    correlation = jest.spyOn(logger, 'setCorrelationId');
    keys = jest.spyOn(logger, 'appendKeys');
  });
  afterEach(() => jest.restoreAllMocks());

  it('logs one line per request: method, route, status and duration', async () => {
    const handler = httpHandler(route(), async () => Promise.resolve({ body: {} }));
    await handler(apiEvent({ resource: '/things/{id}', path: '/things/1' }), lambdaContext());
    expect(info).toHaveBeenCalledWith('request', { method: 'GET', route: '/things/{id}', status: 200, durationMs: expect.any(Number) });
    expect(correlation).toHaveBeenCalledWith('test-request');
    expect(keys).not.toHaveBeenCalledWith(expect.objectContaining({ gateway_request_id: expect.anything() }));
  });

  it("keeps the gateway's request id beside the caller's", async () => {
    const handler = httpHandler(route(), async () => Promise.resolve({ body: {} }));
    await handler(apiEvent({ headers: { 'x-request-id': 'mine-1' } }), lambdaContext());
    expect(correlation).toHaveBeenCalledWith('mine-1');
    expect(keys).toHaveBeenCalledWith({ gateway_request_id: 'test-request' });
  });

  it('logs a refusal (4xx) at INFO with its code and status', async () => {
    const handler = httpHandler(route(), async () => Promise.reject(new ConflictError('taken')));
    await handler(apiEvent(), lambdaContext());
    expect(info).toHaveBeenCalledWith('request rejected', { code: 'CONFLICT', status: 409 });
    expect(warn).not.toHaveBeenCalled();
    expect(info).toHaveBeenCalledWith('request', expect.objectContaining({ status: 409 }));
  });

  it('logs a 5xx AppError at WARN with the error', async () => {
    const failure = new ServiceUnavailableError('down');
    const handler = httpHandler(route(), async () => Promise.reject(failure));
    await handler(apiEvent(), lambdaContext());
    expect(warn).toHaveBeenCalledWith('request failed', { code: 'SERVICE_UNAVAILABLE', status: 503, error: failure });
    expect(error).not.toHaveBeenCalled();
  });

  it('logs anything else at ERROR, as it was thrown', async () => {
    const failure = new Error('boom');
    const handler = httpHandler(route(), async () => Promise.reject(failure));
    await handler(apiEvent(), lambdaContext());
    expect(error).toHaveBeenCalledWith('unhandled error', failure);
    expect(info).toHaveBeenCalledWith('request', expect.objectContaining({ status: 500 }));
  });
});
