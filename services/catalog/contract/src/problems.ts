import { DOCS } from '@emporium/common/contract/meta';
import { defineProblem } from '@emporium/common/http/problem';

/**
 * Catalog's own problem codes: one name each, for catalog and for every service that calls it.
 * Each is an export of its own, and callers import the module as a namespace (`import * as P`):
 * esbuild then keeps in a function's bundle only the problems it names (docs/adr/0022).
 */

export const PRODUCT_NOT_FOUND = defineProblem({
  code: 'PRODUCT_NOT_FOUND',
  status: 404,
  title: 'Product not found',
  description: DOCS && 'No product has this id.',
});

export const SKU_TAKEN = defineProblem({
  code: 'SKU_TAKEN',
  status: 409,
  title: 'SKU taken',
  description: DOCS && 'Another product (active or archived) already uses this SKU.',
});

export const PRODUCT_ARCHIVED = defineProblem({
  code: 'PRODUCT_ARCHIVED',
  status: 409,
  title: 'Product archived',
  description: DOCS && 'The product is archived and can no longer be changed.',
});

export const INSUFFICIENT_STOCK = defineProblem({
  code: 'INSUFFICIENT_STOCK',
  status: 409,
  title: 'Insufficient stock',
  description: DOCS && 'Some lines ask for more than is in stock; `errors` names them. Nothing was reserved.',
});

export const PRODUCT_UNAVAILABLE = defineProblem({
  code: 'PRODUCT_UNAVAILABLE',
  status: 422,
  title: 'Product unavailable',
  description: DOCS && 'Some lines name a product that does not exist or is archived; `errors` names them. Nothing was reserved.',
});

export const RESERVATION_NOT_FOUND = defineProblem({
  code: 'RESERVATION_NOT_FOUND',
  status: 404,
  title: 'Reservation not found',
  description: DOCS && 'No reservation has this id.',
});

export const RESERVATION_ID_REUSED = defineProblem({
  code: 'RESERVATION_ID_REUSED',
  status: 422,
  title: 'Reservation id reused',
  description: DOCS && 'A reservation with this id exists with different lines; use a new reservation id.',
});

export const RESERVATION_RELEASED = defineProblem({
  code: 'RESERVATION_RELEASED',
  status: 409,
  title: 'Reservation released',
  description: DOCS && 'This reservation id was released (possibly before it was ever reserved) and holds no stock; reserve under a new id.',
});
