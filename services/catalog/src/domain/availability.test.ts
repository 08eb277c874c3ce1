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
