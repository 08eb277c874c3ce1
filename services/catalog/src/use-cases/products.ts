import type { ListProductsQuery } from '@emporium/catalog-contract/schemas/product';
import { decodeCursor, encodeCursor } from '@emporium/common/pagination';
import { ProductNotFoundError } from '../domain/errors';
import type { NewProductInput, Product, ProductChanges } from '../domain/product';
import { newProduct } from '../domain/product';
import type { Deps } from '../ports';

type ProductDeps = Pick<Deps, 'products' | 'newId' | 'now'>;

export const createProduct = async (input: NewProductInput, deps: ProductDeps): Promise<Product> => {
  const product = newProduct(input, deps.newId(), deps.now());
  await deps.products.create(product);
  return product;
};

export const getProduct = async (id: string, deps: Pick<Deps, 'products'>): Promise<Product> => {
  const product = await deps.products.get(id);
  if (!product) throw new ProductNotFoundError(id);
  return product;
};

export const updateProduct = (id: string, changes: ProductChanges, expectedVersion: number, deps: Pick<Deps, 'products' | 'now'>): Promise<Product> =>
  deps.products.update(id, changes, expectedVersion, deps.now());

/** Archives the product if it is at `expectedVersion`; an archived product is answered as it is. */
export const archiveProduct = (id: string, expectedVersion: number, deps: Pick<Deps, 'products' | 'now'>): Promise<Product> =>
  deps.products.archive(id, expectedVersion, deps.now());

/** One page of active products; the cursor is signed and bound to the category filter. */
export const listProducts = async (
  input: ListProductsQuery,
  deps: Pick<Deps, 'products' | 'cursorSecret'>,
): Promise<{ items: Product[]; nextCursor: string | null }> => {
  const scope = `products:${input.category ?? '*'}`;
  const secret = deps.cursorSecret();
  const startKey = input.cursor ? decodeCursor(input.cursor, scope, secret) : undefined;
  const page = await deps.products.list({ category: input.category, limit: input.limit, startKey });
  return {
    items: page.items,
    nextCursor: page.lastKey ? encodeCursor(page.lastKey, scope, secret) : null,
  };
};
