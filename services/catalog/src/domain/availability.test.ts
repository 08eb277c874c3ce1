import { LOW_STOCK_THRESHOLD } from '@emporium/catalog-contract/v2/product';
import { availabilityOf } from './availability';

describe('availabilityOf', () => {
  it.each([
    [0, 'out_of_stock'],
    [1, 'low_stock'],
    [5, 'low_stock'],
    [6, 'in_stock'],
    [1_000_000, 'in_stock'],
  ] as const)('%i units in stock is %s', (stock, expected) => {
    expect(availabilityOf(stock)).toBe(expected);
  });
});

describe('availabilityOf at the edges', () => {
  it('is out of stock below zero, and low stock up to the threshold (5) inclusive', () => {
    expect(availabilityOf(-1)).toBe('out_of_stock');
    expect(LOW_STOCK_THRESHOLD).toBe(5);
    expect(availabilityOf(LOW_STOCK_THRESHOLD)).toBe('low_stock');
    expect(availabilityOf(LOW_STOCK_THRESHOLD + 1)).toBe('in_stock');
  });
});
