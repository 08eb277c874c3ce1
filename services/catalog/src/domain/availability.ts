import type { Availability } from '@emporium/catalog-contract/v2/product';
import { LOW_STOCK_THRESHOLD } from '@emporium/catalog-contract/v2/product';

/** What a shopper needs to know of a stock count (API v2): none, a few left, or plenty. */
export const availabilityOf = (stock: number): Availability => {
  if (stock <= 0) return 'out_of_stock';
  return stock <= LOW_STOCK_THRESHOLD ? 'low_stock' : 'in_stock';
};
