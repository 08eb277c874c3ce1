import type { CreateProductBody, Product, UpdateProductBody } from '@emporium/catalog-contract/schemas/product';

/** A product of the catalog, as its contract publishes it. Money is integer minor units plus an ISO 4217 currency. */
export type { Product };
export type ProductStatus = Product['status'];

/** What creating a product takes: the validated request body. */
export type NewProductInput = CreateProductBody;

/** The fields a PATCH may change; everything else (id, sku, status, version, dates) is the system's. */
export type ProductChanges = UpdateProductBody;

export const newProduct = (input: NewProductInput, id: string, now: Date): Product => ({
  id,
  ...input,
  status: 'active',
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});
