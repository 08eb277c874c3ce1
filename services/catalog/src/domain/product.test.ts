import { newProduct } from './product';

describe('newProduct', () => {
  it('is active at version 1, with the input as given, created and updated now', () => {
    const input = { sku: 'PEN-1', name: 'Pen', description: 'Blue', price: { amount: 199, currency: 'EUR' }, stock: 3, category: 'office' };
    expect(newProduct(input, 'P1', new Date('2026-01-02T03:04:05.000Z'))).toEqual({
      id: 'P1',
      ...input,
      status: 'active',
      version: 1,
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:05.000Z',
    });
  });
});
