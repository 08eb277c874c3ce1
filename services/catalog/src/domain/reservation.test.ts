import { ValidationError } from '@emporium/common/errors';
import { assertDistinctProducts, sameLines } from './reservation';

describe('reservation rules', () => {
  it('accepts lines for distinct products', () => {
    expect(() => assertDistinctProducts([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 2 }])).not.toThrow();
  });

  it('rejects a product listed twice, naming the line', () => {
    const lines = [{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 1 }, { productId: 'a', quantity: 3 }];
    expect(() => assertDistinctProducts(lines)).toThrow(ValidationError);
    try {
      assertDistinctProducts(lines);
    } catch (error) {
      expect((error as ValidationError).errors?.[0]?.path).toBe('body.lines.2.productId');
    }
  });

  it('treats the same lines in another order as the same request', () => {
    expect(sameLines([{ productId: 'a', quantity: 1 }, { productId: 'b', quantity: 2 }], [{ productId: 'b', quantity: 2 }, { productId: 'a', quantity: 1 }])).toBe(true);
  });

  it('sees a different quantity as a different request', () => {
    expect(sameLines([{ productId: 'a', quantity: 1 }], [{ productId: 'a', quantity: 2 }])).toBe(false);
  });
});
