import * as z from 'zod/mini';

/**
 * A copy of `schema` with OpenAPI/JSON Schema metadata (description, example, `id` for a named
 * component): what classic zod's `schema.meta({...})` does (a clone registered in the global
 * registry, the original unchanged), for the tree-shakable `zod/mini` build the contracts use at
 * run time (docs/adr/0022). The copy keeps its parent, so documents read it as before.
 *
 * @example
 * export const productId = withMeta(z.string().check(z.regex(ULID)), { description: 'Product id (ULID)' });
 */
// @__NO_SIDE_EFFECTS__
export const withMeta = <T extends z.core.$ZodType>(schema: T, metadata: z.core.GlobalMeta): T => {
  const copy = z.clone(schema);
  z.globalRegistry.add(copy, metadata);
  return copy;
};
