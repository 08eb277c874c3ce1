import type { AppError } from '@emporium/common/errors';
import { PreconditionFailedError } from '@emporium/common/errors';
import {
  InsufficientStockError,
  PriceChangedError,
  ProductArchivedError,
  ProductNotFoundError,
  ReservationIdReusedError,
  ReservationNotFoundError,
  ReservationReleasedError,
  SkuTakenError,
  StaleVersionError,
  UnavailableProductError,
} from './errors';

const contract = (error: AppError) => ({ name: error.name, code: error.code, status: error.status, title: error.title, detail: error.detail });

describe("catalog's errors: the contract by value", () => {
  it.each([
    [() => new ProductNotFoundError('P1'), 'ProductNotFoundError', 'PRODUCT_NOT_FOUND', 404, 'Product not found', 'No product has the id P1.'],
    [() => new SkuTakenError('SKU-1'), 'SkuTakenError', 'SKU_TAKEN', 409, 'SKU taken', 'SKU SKU-1 is already used by another product'],
    [
      () => new StaleVersionError(2, 3),
      'StaleVersionError',
      'PRECONDITION_FAILED',
      412,
      'Precondition Failed',
      'The product changed since you read it (you sent version 2, it is now 3). Read it again and retry.',
    ],
    [() => new ProductArchivedError('P1'), 'ProductArchivedError', 'PRODUCT_ARCHIVED', 409, 'Product archived', 'Product P1 is archived and cannot be changed'],
    [
      () => new ReservationNotFoundError('R1'),
      'ReservationNotFoundError',
      'RESERVATION_NOT_FOUND',
      404,
      'Reservation not found',
      'No reservation has the id R1.',
    ],
    [
      () => new ReservationIdReusedError('R1'),
      'ReservationIdReusedError',
      'RESERVATION_ID_REUSED',
      422,
      'Reservation id reused',
      'Reservation R1 already exists with different lines; use a new reservation id.',
    ],
    [
      () => new ReservationReleasedError('R1'),
      'ReservationReleasedError',
      'RESERVATION_RELEASED',
      409,
      'Reservation released',
      'Reservation R1 was released and holds no stock; reserve again under a new id.',
    ],
  ] as const)('%s', (make, name, code, status, title, detail) => {
    const error = make();
    expect(contract(error)).toEqual({ name, code, status, title, detail });
    expect(error.headers).toBeUndefined();
  });

  it('passes on the field errors of a refused reservation', () => {
    const errors = [{ path: 'body.lines.0.quantity', message: 'Only 1 in stock', code: 'insufficient_stock' }];
    const short = new InsufficientStockError({ detail: 'Not enough stock.', errors });
    expect({ ...contract(short), errors: short.errors, message: short.message }).toEqual({
      name: 'InsufficientStockError',
      code: 'INSUFFICIENT_STOCK',
      status: 409,
      title: 'Insufficient stock',
      detail: 'Not enough stock.',
      errors,
      message: 'Insufficient stock',
    });
    const unavailable = new UnavailableProductError({ detail: 'Gone.', errors });
    expect({ ...contract(unavailable), errors: unavailable.errors, message: unavailable.message }).toEqual({
      name: 'UnavailableProductError',
      code: 'PRODUCT_UNAVAILABLE',
      status: 422,
      title: 'Product unavailable',
      detail: 'Gone.',
      errors,
      message: 'Product unavailable',
    });
  });

  it('answers a stale version as the shared 412', () => {
    expect(new StaleVersionError(1, 2)).toBeInstanceOf(PreconditionFailedError);
  });

  it('keeps a price change internal (never an answer), naming the products', () => {
    const error = new PriceChangedError(['P1', 'P2']);
    expect(error.name).toBe('PriceChangedError');
    expect(error.message).toBe('The price of P1, P2 changed while reserving');
    expect(error.productIds).toEqual(['P1', 'P2']);
    expect('status' in error).toBe(false);
  });

  it('logs a message of its own (callers see the detail)', () => {
    expect([
      new ProductNotFoundError('P1').message,
      new StaleVersionError(1, 2).message,
      new ReservationNotFoundError('R1').message,
      new ReservationIdReusedError('R1').message,
      new ReservationReleasedError('R1').message,
    ]).toEqual(['Product P1 not found', 'Version mismatch', 'Reservation R1 not found', 'Reservation id reused', 'Reservation released']);
  });
});
