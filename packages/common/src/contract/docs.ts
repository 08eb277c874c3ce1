declare global {
  /** Set to `false` by the packaging build's esbuild `define` (serverless.base.yml, `custom.esbuild.define`); unset anywhere else. */
  var EMPORIUM_DOCS: boolean | undefined;
}

/**
 * Whether documentation-only values are kept: descriptions, examples, component ids, problems'
 * descriptions, and the response bodies' schemas (read by the documents and the tests' response
 * checks, never by a function). True wherever documents are built (the generator, tests,
 * `serverless print`); false in a function's bundle, where the build defines
 * `globalThis.EMPORIUM_DOCS` as `false`, so esbuild folds `DOCS && {...}` to `false` and drops what
 * it guards (docs/adr/0022). The bundle build writes each use of `DOCS` as this expression, so the
 * fold happens before tree shaking (serverless.esbuild-plugins.cjs). Guard with it only what no
 * request needs: request schemas, validation messages and limits stay unguarded.
 *
 * @example
 * export const productId = withMeta(z.string().check(z.regex(ULID)), DOCS && { description: 'Product id (ULID)' });
 */
export const DOCS: boolean = globalThis.EMPORIUM_DOCS !== false;
