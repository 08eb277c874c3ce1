import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableEntityError,
} from '@emporium/common/errors';
import type { AppErrorOptions } from '@emporium/common/errors';

export class ProductNotFoundError extends NotFoundError {
  override readonly code = 'PRODUCT_NOT_FOUND';
  constructor(id: string) {
    super(`Product ${id} not found`);
  }
}

export class SkuTakenError extends ConflictError {
  override readonly code = 'SKU_TAKEN';
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

export class ProductArchivedError extends ConflictError {
  override readonly code = 'PRODUCT_ARCHIVED';
  constructor(id: string) {
    super(`Product ${id} is archived and cannot be changed`);
  }
}

export class InsufficientStockError extends ConflictError {
  override readonly code = 'INSUFFICIENT_STOCK';
  constructor(options: AppErrorOptions) {
    super('Insufficient stock', options);
  }
}

export class UnavailableProductError extends UnprocessableEntityError {
  override readonly code = 'PRODUCT_UNAVAILABLE';
  constructor(options: AppErrorOptions) {
    super('Product unavailable', options);
  }
}

export class ReservationNotFoundError extends NotFoundError {
  override readonly code = 'RESERVATION_NOT_FOUND';
  constructor(id: string) {
    super(`Reservation ${id} not found`);
  }
}

export class ReservationIdReusedError extends UnprocessableEntityError {
  override readonly code = 'RESERVATION_ID_REUSED';
  constructor(id: string) {
    super('Reservation id reused', {
      detail: `Reservation ${id} already exists with different lines; use a new reservation id.`,
    });
  }
}

export class ReservationReleasedError extends ConflictError {
  override readonly code = 'RESERVATION_RELEASED';
  constructor(id: string) {
    super('Reservation released', {
      detail: `Reservation ${id} was released and holds no stock; reserve again under a new id.`,
    });
  }
}
