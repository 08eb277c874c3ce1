/**
 * A contract's documentation value (`DOCS && ...`, @emporium/common/contract/meta): `false` only in a
 * function's bundle, never where documents and gateway models are built; refused loudly if it ever is.
 */
export const documented = <T>(value: T | false): T => {
  if (value === false)
    throw new Error('Documentation is missing (a `DOCS && ...` value is false): documents are built where EMPORIUM_DOCS is unset (docs/adr/0022)');
  return value;
};
