import { BadGatewayError, ConflictError, NotFoundError, ServiceUnavailableError, UnprocessableEntityError } from '@emporium/common/errors';
import type { AppErrorOptions } from '@emporium/common/errors';

export class OrderNotFoundError extends NotFoundError {
  override readonly code = 'ORDER_NOT_FOUND';
  constructor(id: string) {
    super(`Order ${id} not found`);
  }
}

export class ProductUnavailableError extends UnprocessableEntityError {
  override readonly code = 'PRODUCT_UNAVAILABLE';
  constructor(options: AppErrorOptions) {
    super('Product unavailable', options);
  }
}

export class MixedCurrencyError extends UnprocessableEntityError {
  override readonly code = 'MIXED_CURRENCY';
  constructor(currencies: readonly string[]) {
    super('Mixed currencies', {
      detail: `The products are priced in different currencies (${currencies.join(', ')}); order them separately.`,
    });
  }
}

export class OutOfStockError extends ConflictError {
  override readonly code = 'OUT_OF_STOCK';
  constructor(options: AppErrorOptions) {
    super('Out of stock', options);
  }
}

/** The reservation of an earlier attempt under this key was released (undone): start afresh. */
export class OrderAttemptUndoneError extends ConflictError {
  override readonly code = 'ORDER_ATTEMPT_UNDONE';
  constructor() {
    super('Order attempt undone', {
      detail: 'An earlier attempt with this Idempotency-Key was undone and its stock released; retry with a new Idempotency-Key.',
    });
  }
}

export class RequestInProgressError extends ConflictError {
  override readonly code = 'REQUEST_IN_PROGRESS';
  constructor(retryAfterSeconds: number) {
    super('Request in progress', {
      detail: 'A request with this Idempotency-Key is still being processed; retry it later.',
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}

export class IdempotencyKeyReusedError extends UnprocessableEntityError {
  override readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('Idempotency key reused', {
      detail: 'This Idempotency-Key was used with a different request body; use a new key for a new order.',
    });
  }
}

export class OrderNotCancellableError extends ConflictError {
  override readonly code = 'ORDER_NOT_CANCELLABLE';
  constructor(id: string, status: string) {
    super('Order not cancellable', { detail: `Order ${id} is ${status}; only PENDING or CONFIRMED orders can be cancelled.` });
  }
}

export class InvalidTransitionError extends ConflictError {
  override readonly code = 'INVALID_TRANSITION';
  constructor(id: string, from: string, to: string) {
    super('Invalid status transition', { detail: `Order ${id} is ${from}; it cannot become ${to}.` });
  }
}

/** Catalog could not be reached, timed out or failed (5xx/429): the caller may retry. */
export class CatalogUnavailableError extends ServiceUnavailableError {
  override readonly code = 'CATALOG_UNAVAILABLE';
  constructor(detail: string, options: ErrorOptions = {}) {
    super('Catalog unavailable', { ...options, detail, headers: { 'retry-after': '5' } });
  }
}

/** Catalog answered something orders cannot use (wrong shape, unexpected status). */
export class CatalogBadResponseError extends BadGatewayError {
  override readonly code = 'CATALOG_BAD_RESPONSE';
  constructor(detail: string) {
    super('Bad response from catalog', { detail });
  }
}

/** The users service did not issue the service token orders needs to call catalog. */
export class ServiceAuthUnavailableError extends ServiceUnavailableError {
  override readonly code = 'SERVICE_AUTH_UNAVAILABLE';
  constructor(detail: string, options: ErrorOptions = {}) {
    super('Service credential unavailable', { ...options, detail, headers: { 'retry-after': '5' } });
  }
}
