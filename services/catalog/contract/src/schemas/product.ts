import { money } from '@emporium/common/contract/money';
import { DOCS, withMeta } from '@emporium/common/contract/meta';
import { cursorParam, limitParam, pageOf } from '@emporium/common/pagination';
import * as z from 'zod/mini';
import { cleanText } from '@emporium/common/contract/text';
import { MAX_STOCK, productId, productNameAnswered } from './product-fields';
import { isoDateTime } from '@emporium/common/contract/formats';

/** Catalog's product contracts: requests, responses and their documentation, in one place. */

export const MAX_PAGE_SIZE = 100;
export { MAX_STOCK, productId };

export const category = withMeta(
  z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a lowercase slug such as "home-office"')),
  DOCS && { description: 'Category slug', example: 'home-office' },
);

const sku = withMeta(
  z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'Expected 2-64 letters, digits or hyphens')),
  DOCS && {
    description: 'Stock-keeping unit, unique across the catalog; stored upper-case',
    example: 'DESK-OAK-140',
  },
);
const name = withMeta(
  z.string().check(z.trim(), z.minLength(1), z.maxLength(200), cleanText()),
  DOCS && { description: 'Display name', example: 'Oak desk, 140 cm' },
);
const description = withMeta(
  z.string().check(z.maxLength(2000), cleanText({ multiline: true })),
  DOCS && {
    description: 'Longer description',
    example: 'Solid oak, oiled.',
  },
);
const stock = withMeta(z.number().check(z.int(), z.gte(0), z.lte(MAX_STOCK)), DOCS && { description: 'Units in stock', example: 12 });

export const createProductBody = withMeta(
  z.strictObject({
    sku,
    name,
    description: z._default(description, ''),
    price: money,
    category,
    stock,
  }),
  DOCS && { id: 'CreateProduct', description: "A new product. The id, status, version and dates are the system's." },
);
export type CreateProductBody = z.output<typeof createProductBody>;

export const updateProductBody = withMeta(
  z
    .strictObject({
      name: z.optional(name),
      description: z.optional(description),
      price: z.optional(money),
      category: z.optional(category),
      stock: z.optional(stock),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, 'Send at least one field to change')),
  DOCS && { id: 'UpdateProduct', description: 'The fields to change; at least one. SKU, status and version cannot be set.' },
);
export type UpdateProductBody = z.output<typeof updateProductBody>;

export const productIdParams = z.strictObject({ id: productId });

/**
 * Unknown query parameters are ignored, not rejected: this route is cached at the gateway by
 * category/limit/cursor only, so `?x=1` shares the cache entry of the same listing without it; a
 * 400 for it would be cached under that key and served to everyone (cache poisoning).
 */
export const listProductsQuery = z.object({
  category: withMeta(z.optional(category), DOCS && { description: 'Only products of this category' }),
  limit: limitParam(MAX_PAGE_SIZE, 20),
  cursor: cursorParam(),
});
export type ListProductsQuery = z.output<typeof listProductsQuery>;

export const productSchema = withMeta(
  z.object({
    id: productId,
    sku: withMeta(z.string(), DOCS && { example: 'DESK-OAK-140' }),
    name: productNameAnswered,
    description: z.string(),
    price: money,
    category,
    stock: withMeta(z.number().check(z.int()), DOCS && { description: 'Units in stock now (a cached read may be up to one cache TTL old)', example: 12 }),
    status: withMeta(z.enum(['active', 'archived']), DOCS && { description: 'Archived products leave listings but stay readable' }),
    version: withMeta(z.number().check(z.int(), z.gte(1)), DOCS && { description: 'Bumped by every change; the ETag is `"<version>"`', example: 3 }),
    createdAt: withMeta(isoDateTime(), DOCS && { example: '2026-11-20T10:15:00.000Z' }),
    updatedAt: withMeta(isoDateTime(), DOCS && { example: '2026-11-21T08:00:00.000Z' }),
  }),
  DOCS && { id: 'Product', description: 'A product of the catalog, with its price and stock.' },
);
export type Product = z.output<typeof productSchema>;

export const productPage = pageOf(productSchema, 'ProductPage');
