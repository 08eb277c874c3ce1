import { cursorParam, limitParam } from '@emporium/common/pagination';
import { z } from 'zod';

/** The single source of catalog's product contracts (requests, responses, docs). */

const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

export const MAX_PAGE_SIZE = 100;
export const MAX_PRICE_MINOR_UNITS = 100_000_000_00;
export const MAX_STOCK = 1_000_000;

export const productId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a product id (ULID)');
export const category = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a lowercase slug such as "home-office"');

export const money = z.strictObject({
  amount: z.number().int('Expected integer minor units (cents)').min(0).max(MAX_PRICE_MINOR_UNITS),
  currency: z.string().refine((code) => ISO_4217.has(code), 'Expected an ISO 4217 currency code such as "EUR"'),
});

const name = z.string().trim().min(1).max(200);
const description = z.string().max(2000);
const stock = z.number().int().min(0).max(MAX_STOCK);

export const createProductBody = z.strictObject({
  sku: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'Expected 2-64 letters, digits or hyphens'),
  name,
  description: description.default(''),
  price: money,
  category,
  stock,
});
export type CreateProductBody = z.output<typeof createProductBody>;

export const updateProductBody = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    price: money.optional(),
    category: category.optional(),
    stock: stock.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');
export type UpdateProductBody = z.output<typeof updateProductBody>;

export const productIdParams = z.strictObject({ id: productId });

/**
 * Unknown query parameters are ignored, not rejected: this route is cached at the gateway by
 * category/limit/cursor only, so `?x=1` shares the cache entry of the same listing without it; a
 * 400 for it would be cached under that key and served to everyone (cache poisoning).
 */
export const listProductsQuery = z.object({
  category: category.optional(),
  limit: limitParam(MAX_PAGE_SIZE, 20),
  cursor: cursorParam(),
});

export const productResponse = z.object({
  id: productId,
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  price: money,
  category,
  stock: z.number().int(),
  status: z.enum(['active', 'archived']),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const productPageResponse = z.object({
  items: z.array(productResponse),
  nextCursor: z.string().optional(),
});
