import { apiVersionOf, deprecationHeaders, deprecationOf } from './versions';

const v1 = { API_BASE_PATH: '/v1/catalog', API_DEPRECATION: '2026-12-07T00:00:00Z', API_SUNSET: '2027-06-30T00:00:00Z', API_SUCCESSOR_BASE_PATH: '/v2/catalog' };

describe('API versions', () => {
  it('reads the version from the base path, v1 when there is none', () => {
    expect(apiVersionOf({ API_BASE_PATH: '/v2/catalog' })).toBe('v2');
    expect(apiVersionOf({ API_BASE_PATH: '/v1/users' })).toBe('v1');
    expect(apiVersionOf({})).toBe('v1');
  });

  it('is not deprecated without a deprecation date (empty in the environment included)', () => {
    expect(deprecationOf({ API_BASE_PATH: '/v2/catalog', API_DEPRECATION: '', API_SUNSET: '', API_SUCCESSOR_BASE_PATH: '' })).toBeUndefined();
  });

  it('refuses a date that is not ISO 8601, naming the variable', () => {
    expect(() => deprecationOf({ ...v1, API_SUNSET: '30/06/2027' })).toThrow(/API_SUNSET must be an ISO 8601 date-time/);
  });

  it('answers Deprecation as an RFC 9745 date (@ unix seconds), Sunset as an HTTP-date, and the same resource on the successor', () => {
    const deprecation = deprecationOf(v1)!;
    expect(deprecationHeaders(deprecation, '/v1/catalog/products/01JF3Z8X6M4Q2W9RZK7T5B1C0D')).toEqual({
      deprecation: '@1796601600',
      sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
      link: '</v2/catalog/products/01JF3Z8X6M4Q2W9RZK7T5B1C0D>; rel="successor-version"',
    });
  });

  it('links the successor by resource path when the gateway gives the path without the base path', () => {
    expect(deprecationHeaders(deprecationOf(v1)!, '/products')['link']).toBe('</v2/catalog/products>; rel="successor-version"');
  });

  it('has no Sunset or Link when the version names none', () => {
    expect(deprecationHeaders(deprecationOf({ API_BASE_PATH: '/v1/catalog', API_DEPRECATION: '2026-12-07T00:00:00Z' })!, '/v1/catalog/products')).toEqual({
      deprecation: '@1796601600',
    });
  });
});
