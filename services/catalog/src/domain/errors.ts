import * as P from '@emporium/catalog-contract/problems';
import type { AppErrorOptions } from '@emporium/common/errors';
import { errorClass, PreconditionFailedError } from '@emporium/common/errors';

export class ProductNotFoundError extends errorClass(P.PRODUCT_NOT_FOUND) {
  constructor(id: string) {
    super(`Product ${id} not found`, { detail: `No product has the id ${id}.` });
  }
}

export class SkuTakenError extends errorClass(P.SKU_TAKEN) {
  constructor(sku: string) {
    super(`SKU ${sku} is already used by another product`);
  }
}

export class StaleVersionError extends PreconditionFailedError {
  constructor(expected: number, actual: number) {
    super('Version mismatch', {
      detail: `The product changed since you read it (you sent version ${expected}, it is now ${actual}). Read it again and retry.`,
    });
  }
}

export class ProductArchivedError extends errorClass(P.PRODUCT_ARCHIVED) {
  constructor(id: string) {
    super(`Product ${id} is archived and cannot be changed`);
  }
}

export class InsufficientStockError extends errorClass(P.INSUFFICIENT_STOCK) {
  constructor(options: AppErrorOptions) {
    super('Insufficient stock', options);
  }
}

export class UnavailableProductError extends errorClass(P.PRODUCT_UNAVAILABLE) {
  constructor(options: AppErrorOptions) {
    super('Product unavailable', options);
  }
}

export class ReservationNotFoundError extends errorClass(P.RESERVATION_NOT_FOUND) {
  constructor(id: string) {
    super(`Reservation ${id} not found`, { detail: `No reservation has the id ${id}.` });
  }
}

export class ReservationIdReusedError extends errorClass(P.RESERVATION_ID_REUSED) {
  constructor(id: string) {
    super('Reservation id reused', {
      detail: `Reservation ${id} already exists with different lines; use a new reservation id.`,
    });
  }
}

export class ReservationReleasedError extends errorClass(P.RESERVATION_RELEASED) {
  constructor(id: string) {
    super('Reservation released', {
      detail: `Reservation ${id} was released and holds no stock; reserve again under a new id.`,
    });
  }
}

/**
 * Internal, never an answer: a product's price changed between the read that priced a reservation
 * and the transaction that takes its stock. The use case reads again and retries.
 */
export class PriceChangedError extends Error {
  override readonly name = 'PriceChangedError';
  constructor(readonly productIds: readonly string[]) {
    super(`The price of ${productIds.join(', ')} changed while reserving`);
  }
}
