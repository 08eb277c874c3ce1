import { DOCS, withMeta } from '@emporium/common/contract/meta';
import * as z from 'zod/mini';

/**
 * The product fields other contracts reuse (reservations, catalog v2, orders), in a module of their
 * own: a function that needs a product id does not bundle every product schema (docs/adr/0022).
 */

export const MAX_STOCK = 1_000_000;

export const productId = withMeta(
  z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a product id (a ULID such as 01JF3Z8X6M4Q2W9RZK7T5B1C0D)')),
  DOCS && {
    description: 'Product id (ULID)',
    example: '01JF3Z8X6M4Q2W9RZK7T5B1C0D',
  },
);

/** A product's name as the catalog answers it (validated when written: see createProductBody). */
export const productNameAnswered = withMeta(z.string(), DOCS && { example: 'Oak desk, 140 cm' });
