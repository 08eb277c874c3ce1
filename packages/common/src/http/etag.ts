import { PreconditionRequiredError, ValidationError } from '../errors';

/** Strong ETag for an item version: `"<version>"`. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * Reads the version a client expects from If-Match (`"3"` or `W/"3"`). Missing -> 428, so a client
 * can never overwrite blindly; anything but one version -> 400.
 */
export const expectedVersionFrom = (ifMatch: string | undefined): number => {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    throw new PreconditionRequiredError('If-Match required', {
      detail: 'Send If-Match with the ETag from your last read of this resource.',
    });
  }
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(ifMatch.trim());
  if (!match?.[1]) {
    throw new ValidationError('Invalid If-Match', {
      detail: 'If-Match must hold exactly one ETag, e.g. "3".',
      errors: [{ path: 'header.if-match', message: 'Expected one ETag such as "3"', code: 'invalid_etag' }],
    });
  }
  return Number(match[1]);
};
