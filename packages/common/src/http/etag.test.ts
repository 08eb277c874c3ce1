import { thrown as thrownBy } from '@emporium/testing/errors';
import type { AppError } from '../errors';
import { PreconditionRequiredError, ValidationError } from '../errors';
import { etagOf, expectedVersionFrom, ifNoneMatchHits, versionFromIfMatch } from './etag';

const thrown = (fn: () => unknown) => thrownBy<AppError>(fn);

describe('If-Match', () => {
  it('reads strong and weak ETags', () => {
    expect(expectedVersionFrom(etagOf(7))).toBe(7);
    expect(expectedVersionFrom('W/"12"')).toBe(12);
  });

  it('requires the header (428)', () => {
    expect(() => expectedVersionFrom(undefined)).toThrow(PreconditionRequiredError);
  });

  it.each(['*', '"1", "2"', '3', '"abc"'])('rejects %p with 400', (value) => {
    expect(() => expectedVersionFrom(value)).toThrow(ValidationError);
  });
});

describe('If-Match, by value', () => {
  it('is no version without the header, or with a blank one', () => {
    expect(versionFromIfMatch(undefined)).toBeUndefined();
    expect(versionFromIfMatch('')).toBeUndefined();
    expect(versionFromIfMatch('   ')).toBeUndefined();
  });

  it('reads the version of one ETag, around spaces, up to 15 digits', () => {
    expect(versionFromIfMatch(' "3" ')).toBe(3);
    expect(versionFromIfMatch('W/"0"')).toBe(0);
    expect(versionFromIfMatch('"999999999999999"')).toBe(999999999999999);
    expect(etagOf(12)).toBe('"12"');
  });

  it.each(['"1234567890123456"', '""', 'w/"3"', 'W/3', '"3"x', 'x"3"', '"3', '"-1"', '"1.5"'])('refuses %p: 400 naming header.If-Match', (value) => {
    const error = thrown(() => versionFromIfMatch(value));
    expect({ code: error.code, status: error.status, detail: error.detail, errors: error.errors }).toEqual({
      code: 'VALIDATION_FAILED',
      status: 400,
      detail: 'The If-Match header must hold exactly one ETag from your last read, e.g. "3".',
      errors: [{ path: 'header.If-Match', message: 'Expected one ETag such as "3"', code: 'invalid_etag' }],
    });
  });

  it('is required where the route says so: 428 PRECONDITION_REQUIRED', () => {
    for (const missing of [undefined, '', ' ']) {
      const error = thrown(() => expectedVersionFrom(missing));
      expect({ code: error.code, status: error.status, title: error.title, detail: error.detail }).toEqual({
        code: 'PRECONDITION_REQUIRED',
        status: 428,
        title: 'Precondition Required',
        detail: 'Send If-Match with the ETag from your last read of this resource.',
      });
    }
    expect(expectedVersionFrom('"0"')).toBe(0);
  });
});

describe('If-None-Match', () => {
  it('misses without the header', () => {
    expect(ifNoneMatchHits(undefined, '"3"')).toBe(false);
  });

  it.each(['"3"', 'W/"3"', ' "3" ', '"1", "3"', '"1",W/"3"', '*', ' * ', '"1", *'])('hits the current ETag "3" with %p', (header) => {
    expect(ifNoneMatchHits(header, '"3"')).toBe(true);
  });

  it('compares weakly, the current ETag weak too', () => {
    expect(ifNoneMatchHits('"3"', 'W/"3"')).toBe(true);
  });

  it.each(['"4"', '"33"', '3', '"1", "2"', '', '**', 'W/"4"'])('misses the current ETag "3" with %p', (header) => {
    expect(ifNoneMatchHits(header, '"3"')).toBe(false);
  });
});
