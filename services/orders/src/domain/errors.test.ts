import { AppError, PreconditionFailedError } from '@emporium/common/errors';
import { problemResponse } from '@emporium/common/http/response';
import {
  CatalogBadResponseError,
  CatalogUnavailableError,
  IdempotencyKeyReusedError,
  InsufficientStockError,
  InvalidTransitionError,
  MixedCurrencyError,
  OrderAttemptUndoneError,
  OrderNotCancellableError,
  OrderNotFoundError,
  ProductUnavailableError,
  RequestInProgressError,
  ServiceAuthUnavailableError,
  StaleOrderError,
} from './errors';

const contract = (error: AppError) => ({
  name: error.name,
  message: error.message,
  code: error.code,
  status: error.status,
  title: error.title,
  detail: error.detail,
  headers: error.headers,
});

/** The message each error logs (never shown to callers: they see the detail). */
const MESSAGES: Record<string, string> = {
  OrderNotFoundError: 'Order O1 not found',
  MixedCurrencyError: 'Mixed currencies',
  OrderAttemptUndoneError: 'Order attempt undone',
  IdempotencyKeyReusedError: 'Idempotency key reused',
  OrderNotCancellableError: 'Order not cancellable',
  InvalidTransitionError: 'Invalid status transition',
  StaleOrderError: 'Version mismatch',
  CatalogBadResponseError: 'Bad response from catalog',
};

describe("orders' errors: the contract by value", () => {
  it.each([
    [() => new OrderNotFoundError('O1'), 'OrderNotFoundError', 'ORDER_NOT_FOUND', 404, 'Order not found', 'No order of yours has the id O1.'],
    [
      () => new MixedCurrencyError(['EUR', 'USD']),
      'MixedCurrencyError',
      'MIXED_CURRENCY',
      422,
      'Mixed currencies',
      'The products are priced in different currencies (EUR, USD); order them separately.',
    ],
    [
      () => new OrderAttemptUndoneError(),
      'OrderAttemptUndoneError',
      'ORDER_ATTEMPT_UNDONE',
      409,
      'Order attempt undone',
      'An earlier attempt with this Idempotency-Key was undone and its stock released; retry with a new Idempotency-Key.',
    ],
    [
      () => new IdempotencyKeyReusedError(),
      'IdempotencyKeyReusedError',
      'IDEMPOTENCY_KEY_REUSED',
      422,
      'Idempotency key reused',
      'This Idempotency-Key was used with a different request body; use a new key for a new order.',
    ],
    [
      () => new OrderNotCancellableError('O1', 'SHIPPED'),
      'OrderNotCancellableError',
      'ORDER_NOT_CANCELLABLE',
      409,
      'Order not cancellable',
      'Order O1 is SHIPPED; only PENDING or CONFIRMED orders can be cancelled.',
    ],
    [
      () => new InvalidTransitionError('O1', 'PENDING', 'SHIPPED'),
      'InvalidTransitionError',
      'INVALID_TRANSITION',
      409,
      'Invalid status transition',
      'Order O1 is PENDING; it cannot become SHIPPED.',
    ],
    [
      () => new StaleOrderError('O1', 2, 3),
      'StaleOrderError',
      'PRECONDITION_FAILED',
      412,
      'Precondition Failed',
      'Order O1 changed since you read it (you sent version 2, it is now 3). Read it again and retry.',
    ],
    [
      () => new CatalogBadResponseError('Catalog answered 200 without lines'),
      'CatalogBadResponseError',
      'CATALOG_BAD_RESPONSE',
      502,
      'Bad response from catalog',
      'Catalog answered 200 without lines',
    ],
  ] as const)('%s', (make, name, code, status, title, detail) => {
    const error = make();
    expect(contract(error)).toEqual({ name, message: MESSAGES[name], code, status, title, detail, headers: undefined });
    expect(error).toBeInstanceOf(AppError);
  });

  it('passes on the field errors of a catalog refusal', () => {
    const errors = [{ path: 'body.lines.0.productId', message: 'Product P1 is archived', code: 'archived' }];
    const unavailable = new ProductUnavailableError({ detail: 'Some products cannot be reserved.', errors });
    expect(contract(unavailable)).toEqual({
      name: 'ProductUnavailableError',
      message: 'Product unavailable',
      code: 'PRODUCT_UNAVAILABLE',
      status: 422,
      title: expect.any(String),
      detail: 'Some products cannot be reserved.',
      headers: undefined,
    });
    expect(unavailable.errors).toEqual(errors);
    expect(unavailable.message).toBe('Product unavailable');
    const short = new InsufficientStockError({ detail: 'Not enough stock.', errors });
    expect([short.code, short.status, short.detail, short.errors, short.message]).toEqual([
      'INSUFFICIENT_STOCK',
      409,
      'Not enough stock.',
      errors,
      'Insufficient stock',
    ]);
  });

  it('tells when to retry a request in progress: Retry-After in seconds', () => {
    const error = new RequestInProgressError(7);
    expect(contract(error)).toEqual({
      name: 'RequestInProgressError',
      message: 'Request in progress',
      code: 'REQUEST_IN_PROGRESS',
      status: 409,
      title: 'Request in progress',
      detail: 'A request with this Idempotency-Key is still being processed; retry it later.',
      headers: { 'retry-after': '7' },
    });
  });

  it('answers an unreachable catalog with 503 and Retry-After 5, delivered unless said otherwise', () => {
    const cause = new Error('ECONNRESET');
    const error = new CatalogUnavailableError('Catalog did not answer in time.', { cause });
    expect(contract(error)).toEqual({
      name: 'CatalogUnavailableError',
      message: 'Catalog unavailable',
      code: 'CATALOG_UNAVAILABLE',
      status: 503,
      title: 'Catalog unavailable',
      detail: 'Catalog did not answer in time.',
      headers: { 'retry-after': '5' },
    });
    expect(error.delivered).toBe(true);
    expect(error.cause).toBe(cause);
    expect(error.message).toBe('Catalog unavailable');
    expect(new CatalogUnavailableError('No connection.', { delivered: false }).delivered).toBe(false);
    expect(new CatalogUnavailableError('x').delivered).toBe(true);
  });

  it('answers a missing service credential with 503 and Retry-After 5', () => {
    const cause = new Error('users down');
    const error = new ServiceAuthUnavailableError('The users service did not issue a token.', { cause });
    expect(contract(error)).toEqual({
      name: 'ServiceAuthUnavailableError',
      message: 'Service credential unavailable',
      code: 'SERVICE_AUTH_UNAVAILABLE',
      status: 503,
      title: 'Service credential unavailable',
      detail: 'The users service did not issue a token.',
      headers: { 'retry-after': '5' },
    });
    expect(error.cause).toBe(cause);
    expect(new ServiceAuthUnavailableError('x').headers).toEqual({ 'retry-after': '5' });
  });

  it('is a stale version, 412, to the shared error mapper', () => {
    expect(new StaleOrderError('O1', 1, 2)).toBeInstanceOf(PreconditionFailedError);
  });

  it('reaches the caller as problem+json with Retry-After', () => {
    const response = problemResponse(new RequestInProgressError(3), 'req-1', '/v1/orders');
    expect(response.statusCode).toBe(409);
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', 'retry-after': '3' });
    expect(JSON.parse(response.body)).toEqual({
      type: 'https://emporium.example.com/problems/request-in-progress',
      title: 'Request in progress',
      status: 409,
      detail: 'A request with this Idempotency-Key is still being processed; retry it later.',
      code: 'REQUEST_IN_PROGRESS',
      instance: '/v1/orders',
      requestId: 'req-1',
    });
  });
});
