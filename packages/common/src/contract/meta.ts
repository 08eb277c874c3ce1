import * as z from 'zod/mini';

import { DOCS } from './docs';

// In a module of its own, with no imports (./docs); the bundle build writes it out where it is used.
export { DOCS };

/**
 * A copy of `schema` with OpenAPI/JSON Schema metadata (description, example, `id` for a named
 * component): what classic zod's `schema.meta({...})` does (a clone registered in the global
 * registry, the original unchanged), for the tree-shakable `zod/mini` build the contracts use at
 * run time (docs/adr/0022). The copy keeps its parent, so documents read it as before. Pass the
 * metadata as `DOCS && {...}`: in a function's bundle it is `false`, and `schema` itself is returned
 * (there the rest of the body is dead code, and zod's registry and clone leave the bundle).
 *
 * @example
 * export const productId = withMeta(z.string().check(z.regex(ULID)), DOCS && { description: 'Product id (ULID)' });
 */
// @__NO_SIDE_EFFECTS__
export const withMeta = <T extends z.core.$ZodType>(schema: T, metadata: z.core.GlobalMeta | false): T => {
  if (!DOCS || !metadata) return schema;
  const copy = z.clone(schema);
  z.globalRegistry.add(copy, metadata);
  return copy;
};
