import { pageOf } from '@emporium/common/pagination';
import { DOCS, withMeta } from '@emporium/common/contract/meta';
import * as z from 'zod/mini';
import { productId, productSchema } from '../schemas/product';

/**
 * Catalog v2's product (CHANGELOG.md, 2.0.0): `availability` replaces v1's exact `stock` count. A
 * public, gateway-cached product read cannot promise a count (it may be one cache TTL old) and
 * should not publish the shop's inventory; apps want to know whether to show "in stock", "only a
 * few left" or "sold out". Admins read the exact count at GET /products/{id}/stock.
 */

/** At or below this many units (and above zero) a product is `low_stock`. */
export const LOW_STOCK_THRESHOLD = 5;

export const availability = withMeta(
  z.enum(['in_stock', 'low_stock', 'out_of_stock']),
  DOCS && {
    description: `\`low_stock\`: ${LOW_STOCK_THRESHOLD} units or fewer left; \`out_of_stock\`: none`,
    example: 'in_stock',
  },
);
export type Availability = z.output<typeof availability>;

export const productV2Schema = withMeta(
  z.extend(z.omit(productSchema, { stock: true }), { availability }),
  DOCS && {
    id: 'Product',
    description: 'A product of the catalog, with its price and availability.',
  },
);
export type ProductV2 = z.output<typeof productV2Schema>;

export const productV2Page = pageOf(productV2Schema, 'ProductPage');

export const productStockSchema = withMeta(
  z.object({
    productId,
    stock: withMeta(z.number().check(z.int(), z.gte(0)), DOCS && { description: 'Units in stock now, read from the table (never cached)', example: 12 }),
    version: withMeta(
      z.number().check(z.int(), z.gte(1)),
      DOCS && {
        description: 'The product\'s version; the ETag is `"<version>"` (send it as If-Match to PATCH the stock)',
        example: 3,
      },
    ),
  }),
  DOCS && { id: 'ProductStock', description: "A product's exact stock, for admins." },
);
export type ProductStock = z.output<typeof productStockSchema>;
