import { DOCS } from '@emporium/common/contract/meta';
import { defineProblem } from '@emporium/common/http/problem';

/**
 * Orders' problem codes. Where orders passes on what catalog said (not enough stock, a product
 * that cannot be sold), it keeps catalog's code: one error code, one name across services.
 * Each is an export of its own, and callers import the module as a namespace (`import * as P`):
 * esbuild then keeps in a function's bundle only the problems it names (docs/adr/0022).
 */

export { INSUFFICIENT_STOCK, PRODUCT_UNAVAILABLE } from '@emporium/catalog-contract/problems';

export const ORDER_NOT_FOUND = defineProblem({
  code: 'ORDER_NOT_FOUND',
  status: 404,
  title: 'Order not found',
  description: DOCS && 'No order of yours has this id.',
});

export const MIXED_CURRENCY = defineProblem({
  code: 'MIXED_CURRENCY',
  status: 422,
  title: 'Mixed currencies',
  description: DOCS && 'The products are priced in different currencies; order them separately.',
});

export const ORDER_ATTEMPT_UNDONE = defineProblem({
  code: 'ORDER_ATTEMPT_UNDONE',
  status: 409,
  title: 'Order attempt undone',
  description: DOCS && 'An earlier attempt with this Idempotency-Key was undone and its stock released; retry with a new key.',
});

export const REQUEST_IN_PROGRESS = defineProblem({
  code: 'REQUEST_IN_PROGRESS',
  status: 409,
  title: 'Request in progress',
  description: DOCS && 'A request with this Idempotency-Key is still being processed; retry after `Retry-After` seconds.',
});

export const IDEMPOTENCY_KEY_REUSED = defineProblem({
  code: 'IDEMPOTENCY_KEY_REUSED',
  status: 422,
  title: 'Idempotency key reused',
  description: DOCS && 'This Idempotency-Key was used with a different body; use a new key for a new order.',
});

export const ORDER_NOT_CANCELLABLE = defineProblem({
  code: 'ORDER_NOT_CANCELLABLE',
  status: 409,
  title: 'Order not cancellable',
  description: DOCS && 'Only PENDING or CONFIRMED orders can be cancelled.',
});

export const INVALID_TRANSITION = defineProblem({
  code: 'INVALID_TRANSITION',
  status: 409,
  title: 'Invalid status transition',
  description: DOCS && 'The order is not in a status from which it can move to the one asked for.',
});

export const CATALOG_UNAVAILABLE = defineProblem({
  code: 'CATALOG_UNAVAILABLE',
  status: 503,
  title: 'Catalog unavailable',
  description: DOCS && 'The catalog could not be reached in time; nothing was ordered. Retry after `Retry-After` seconds.',
});

export const CATALOG_BAD_RESPONSE = defineProblem({
  code: 'CATALOG_BAD_RESPONSE',
  status: 502,
  title: 'Bad response from catalog',
  description: DOCS && 'The catalog answered something orders cannot use.',
});

export const SERVICE_AUTH_UNAVAILABLE = defineProblem({
  code: 'SERVICE_AUTH_UNAVAILABLE',
  status: 503,
  title: 'Service credential unavailable',
  description: DOCS && 'The users service did not issue the credential orders needs to call the catalog. Retry after `Retry-After` seconds.',
});
