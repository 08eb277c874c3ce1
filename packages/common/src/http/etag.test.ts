import { PreconditionRequiredError, ValidationError } from '../errors';
import { etagOf, expectedVersionFrom } from './etag';

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
