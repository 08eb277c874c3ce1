/** A product of the catalog. Money is integer minor units plus an ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

export type ProductStatus = 'active' | 'archived';

export interface Product {
  id: string;
  sku: string;
  name: string;
  description: string;
  price: Money;
  category: string;
  stock: number;
  status: ProductStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewProductInput {
  sku: string;
  name: string;
  description: string;
  price: Money;
  category: string;
  stock: number;
}

/** The fields a PATCH may change; everything else (id, sku, status, version, dates) is the system's. */
export type ProductChanges = Partial<Pick<Product, 'name' | 'description' | 'price' | 'category' | 'stock'>>;

export const newProduct = (input: NewProductInput, id: string, now: Date): Product => ({
  id,
  ...input,
  status: 'active',
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});
