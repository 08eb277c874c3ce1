import { money } from '@emporium/common/contract/money';
import { cursorParam, limitParam, pageOf } from '@emporium/common/pagination';
import { z } from 'zod';
import { cleanText } from '@emporium/common/contract/text';

/** Catalog's product contracts: requests, responses and their documentation, in one place. */

export const MAX_PAGE_SIZE = 100;
export const MAX_STOCK = 1_000_000;

export const productId = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a product id (a ULID such as 01JF3Z8X6M4Q2W9RZK7T5B1C0D)')
  .meta({ description: 'Product id (ULID)', example: '01JF3Z8X6M4Q2W9RZK7T5B1C0D' });

export const category = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a lowercase slug such as "home-office"')
  .meta({ description: 'Category slug', example: 'home-office' });

const sku = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'Expected 2-64 letters, digits or hyphens')
  .meta({ description: 'Stock-keeping unit, unique across the catalog; stored upper-case', example: 'DESK-OAK-140' });
const name = z.string().trim().min(1).max(200).check(cleanText()).meta({ description: 'Display name', example: 'Oak desk, 140 cm' });
const description = z.string().max(2000).check(cleanText({ multiline: true })).meta({ description: 'Longer description', example: 'Solid oak, oiled.' });
const stock = z.number().int().min(0).max(MAX_STOCK).meta({ description: 'Units in stock', example: 12 });

export const createProductBody = z
  .strictObject({
    sku,
    name,
    description: description.default(''),
    price: money,
    category,
    stock,
  })
  .meta({ id: 'CreateProduct', description: 'A new product. The id, status, version and dates are the system\'s.' });
export type CreateProductBody = z.output<typeof createProductBody>;

export const updateProductBody = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    price: money.optional(),
    category: category.optional(),
    stock: stock.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change')
  .meta({ id: 'UpdateProduct', description: 'The fields to change; at least one. SKU, status and version cannot be set.' });
export type UpdateProductBody = z.output<typeof updateProductBody>;

export const productIdParams = z.strictObject({ id: productId });

/**
 * Unknown query parameters are ignored, not rejected: this route is cached at the gateway by
 * category/limit/cursor only, so `?x=1` shares the cache entry of the same listing without it; a
 * 400 for it would be cached under that key and served to everyone (cache poisoning).
 */
export const listProductsQuery = z.object({
  category: category.optional().meta({ description: 'Only products of this category' }),
  limit: limitParam(MAX_PAGE_SIZE, 20),
  cursor: cursorParam(),
});
export type ListProductsQuery = z.output<typeof listProductsQuery>;

export const productSchema = z
  .object({
    id: productId,
    sku: z.string().meta({ example: 'DESK-OAK-140' }),
    name: z.string().meta({ example: 'Oak desk, 140 cm' }),
    description: z.string(),
    price: money,
    category,
    stock: z.number().int().meta({ description: 'Units in stock now (a cached read may be up to one cache TTL old)', example: 12 }),
    status: z.enum(['active', 'archived']).meta({ description: 'Archived products leave listings but stay readable' }),
    version: z.number().int().min(1).meta({ description: 'Bumped by every change; the ETag is `"<version>"`', example: 3 }),
    createdAt: z.iso.datetime().meta({ example: '2026-11-20T10:15:00.000Z' }),
    updatedAt: z.iso.datetime().meta({ example: '2026-11-21T08:00:00.000Z' }),
  })
  .meta({ id: 'Product', description: 'A product of the catalog, with its price and stock.' });
export type Product = z.output<typeof productSchema>;

export const productPage = pageOf(productSchema, 'ProductPage');
