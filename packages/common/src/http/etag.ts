import { PreconditionRequiredError, ValidationError } from '../errors';

/** Strong ETag for an item version: `"<version>"`. */
export const etagOf = (version: number): string => `"${version}"`;

const invalidIfMatch = () =>
  new ValidationError('Invalid If-Match', {
    detail: 'The If-Match header must hold exactly one ETag from your last read, e.g. "3".',
    errors: [{ path: 'header.If-Match', message: 'Expected one ETag such as "3"', code: 'invalid_etag' }],
  });

/** The version named by If-Match (`"3"` or `W/"3"`), or undefined without the header; 400 for anything else. */
export const versionFromIfMatch = (ifMatch: string | undefined): number | undefined => {
  if (ifMatch === undefined || ifMatch.trim() === '') return undefined;
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(ifMatch.trim());
  if (!match?.[1]) throw invalidIfMatch();
  return Number(match[1]);
};

/**
 * Reads the version a client expects from If-Match (`"3"` or `W/"3"`). Missing -> 428, so a client
 * can never overwrite blindly; anything but one version -> 400.
 */
export const expectedVersionFrom = (ifMatch: string | undefined): number => {
  const version = versionFromIfMatch(ifMatch);
  if (version === undefined) {
    throw new PreconditionRequiredError('If-Match required', {
      detail: 'Send If-Match with the ETag from your last read of this resource.',
    });
  }
  return version;
};

/**
 * If-None-Match against the current ETag (RFC 9110 weak comparison): true when the client's copy
 * is current, so a GET answers 304. `*` matches any current representation.
 */
export const ifNoneMatchHits = (ifNoneMatch: string | undefined, etag: string): boolean => {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const current = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === current);
};
