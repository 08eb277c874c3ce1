import type { AppErrorOptions } from '@emporium/common/errors';
import { errorClass, PreconditionFailedError } from '@emporium/common/errors';
import * as P from '@emporium/orders-contract/problems';

export class OrderNotFoundError extends errorClass(P.ORDER_NOT_FOUND) {
  constructor(id: string) {
    super(`Order ${id} not found`, { detail: `No order of yours has the id ${id}.` });
  }
}

/** Catalog refused some lines (unknown or archived products): catalog's code, passed on. */
export class ProductUnavailableError extends errorClass(P.PRODUCT_UNAVAILABLE) {
  constructor(options: AppErrorOptions) {
    super('Product unavailable', options);
  }
}

export class MixedCurrencyError extends errorClass(P.MIXED_CURRENCY) {
  constructor(currencies: readonly string[]) {
    super('Mixed currencies', {
      detail: `The products are priced in different currencies (${currencies.join(', ')}); order them separately.`,
    });
  }
}

/** Catalog had too little stock for some lines: catalog's code, passed on. */
export class InsufficientStockError extends errorClass(P.INSUFFICIENT_STOCK) {
  constructor(options: AppErrorOptions) {
    super('Insufficient stock', options);
  }
}

/** The reservation of an earlier attempt under this key was released (undone): start afresh. */
export class OrderAttemptUndoneError extends errorClass(P.ORDER_ATTEMPT_UNDONE) {
  constructor() {
    super('Order attempt undone', {
      detail: 'An earlier attempt with this Idempotency-Key was undone and its stock released; retry with a new Idempotency-Key.',
    });
  }
}

export class RequestInProgressError extends errorClass(P.REQUEST_IN_PROGRESS) {
  constructor(retryAfterSeconds: number) {
    super('Request in progress', {
      detail: 'A request with this Idempotency-Key is still being processed; retry it later.',
      headers: { 'retry-after': String(retryAfterSeconds) },
    });
  }
}

export class IdempotencyKeyReusedError extends errorClass(P.IDEMPOTENCY_KEY_REUSED) {
  constructor() {
    super('Idempotency key reused', {
      detail: 'This Idempotency-Key was used with a different request body; use a new key for a new order.',
    });
  }
}

export class OrderNotCancellableError extends errorClass(P.ORDER_NOT_CANCELLABLE) {
  constructor(id: string, status: string) {
    super('Order not cancellable', { detail: `Order ${id} is ${status}; only PENDING or CONFIRMED orders can be cancelled.` });
  }
}

export class InvalidTransitionError extends errorClass(P.INVALID_TRANSITION) {
  constructor(id: string, from: string, to: string) {
    super('Invalid status transition', { detail: `Order ${id} is ${from}; it cannot become ${to}.` });
  }
}

/** If-Match named a version the order is no longer at: 412, nothing changed. */
export class StaleOrderError extends PreconditionFailedError {
  constructor(id: string, expected: number, actual: number) {
    super('Version mismatch', {
      detail: `Order ${id} changed since you read it (you sent version ${expected}, it is now ${actual}). Read it again and retry.`,
    });
  }
}

/** Catalog could not be reached, timed out or failed (5xx/429): the caller may retry. */
export class CatalogUnavailableError extends errorClass(P.CATALOG_UNAVAILABLE) {
  /** False when the call certainly never reached catalog (no connection): it changed nothing there. */
  readonly delivered: boolean;
  constructor(detail: string, options: ErrorOptions & { delivered?: boolean } = {}) {
    const { delivered = true, ...rest } = options;
    super('Catalog unavailable', { ...rest, detail, headers: { 'retry-after': '5' } });
    this.delivered = delivered;
  }
}

/** Catalog answered something orders cannot use (wrong shape, unexpected status). */
export class CatalogBadResponseError extends errorClass(P.CATALOG_BAD_RESPONSE) {
  constructor(detail: string) {
    super('Bad response from catalog', { detail });
  }
}

/** The users service did not issue the service token orders needs to call catalog. */
export class ServiceAuthUnavailableError extends errorClass(P.SERVICE_AUTH_UNAVAILABLE) {
  constructor(detail: string, options: ErrorOptions = {}) {
    super('Service credential unavailable', { ...options, detail, headers: { 'retry-after': '5' } });
  }
}
