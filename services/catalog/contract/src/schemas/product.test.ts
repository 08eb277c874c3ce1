import { createProductBody, listProductsQuery, updateProductBody } from './product';

const valid = { sku: 'desk-1', name: ' Desk ', price: { amount: 1999, currency: 'EUR' }, category: 'furniture', stock: 3 };

describe('product contracts', () => {
  it('normalises SKU and name and defaults the description', () => {
    expect(createProductBody.parse(valid)).toEqual({ ...valid, sku: 'DESK-1', name: 'Desk', description: '' });
  });

  it.each([
    ['a fractional price', { price: { amount: 19.99, currency: 'EUR' } }],
    ['an unknown currency', { price: { amount: 1, currency: 'EUX' } }],
    ['negative stock', { stock: -1 }],
    ['a category that is not a slug', { category: 'Home Office' }],
    ['an unknown field', { color: 'red' }],
    ['a client-chosen id', { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }],
    ['a client-chosen status', { status: 'archived' }],
  ])('rejects %s', (_, change) => {
    expect(createProductBody.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('needs at least one field in a PATCH and refuses system fields', () => {
    expect(updateProductBody.safeParse({}).success).toBe(false);
    expect(updateProductBody.safeParse({ version: 3 }).success).toBe(false);
    expect(updateProductBody.safeParse({ stock: 4 }).success).toBe(true);
  });

  it('caps the page size and coerces it from the query string', () => {
    expect(listProductsQuery.parse({ limit: '5' }).limit).toBe(5);
    expect(listProductsQuery.parse({}).limit).toBe(20);
    expect(listProductsQuery.safeParse({ limit: '101' }).success).toBe(false);
    expect(listProductsQuery.safeParse({ limit: '0' }).success).toBe(false);
  });
});
