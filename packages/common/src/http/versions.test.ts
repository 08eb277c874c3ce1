import { apiVersionOf, deprecationHeaders, deprecationOf, gatewayDeprecationHeaders } from './versions';

const v1 = {
  API_BASE_PATH: '/v1/catalog',
  API_DEPRECATION: '2026-12-07T00:00:00Z',
  API_SUNSET: '2027-06-30T00:00:00Z',
  API_SUCCESSOR_BASE_PATH: '/v2/catalog',
};

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

describe("the gateway's own answers from a deprecated version", () => {
  it('carry Deprecation, Sunset and a Link to the successor API (static: no resource path), named as API Gateway writes them', () => {
    const deprecation = deprecationOf({
      API_BASE_PATH: '/v1/catalog',
      API_DEPRECATION: '2026-12-07T00:00:00Z',
      API_SUNSET: '2027-06-30T00:00:00Z',
      API_SUCCESSOR_BASE_PATH: '/v2/catalog/',
    })!;
    expect(gatewayDeprecationHeaders(deprecation)).toEqual({
      Deprecation: '@1796601600',
      Sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
      Link: '</v2/catalog>; rel="successor-version"',
    });
    expect(gatewayDeprecationHeaders(deprecationOf({ API_BASE_PATH: '/v1/catalog', API_DEPRECATION: '2026-12-07T00:00:00Z' })!)).toEqual({
      Deprecation: '@1796601600',
    });
  });
});

describe('API versions at the edges', () => {
  it('reads the version only from the first segment, v1 otherwise', () => {
    expect(apiVersionOf({ API_BASE_PATH: '/v12' })).toBe('v12');
    expect(apiVersionOf({ API_BASE_PATH: '/catalog/v2' })).toBe('v1');
    expect(apiVersionOf({ API_BASE_PATH: '/vx/catalog' })).toBe('v1');
    expect(apiVersionOf({ API_BASE_PATH: 'v2/catalog' })).toBe('v1');
  });

  it('reads the deprecation in full: base path, dates, successor without trailing slashes', () => {
    expect(deprecationOf({ ...v1, API_SUCCESSOR_BASE_PATH: '/v2/catalog//' })).toEqual({
      basePath: '/v1/catalog',
      deprecation: new Date('2026-12-07T00:00:00Z'),
      sunset: new Date('2027-06-30T00:00:00Z'),
      successor: '/v2/catalog',
    });
    expect(deprecationOf({ API_DEPRECATION: '2026-12-07T00:00:00Z' })).toEqual({ basePath: '', deprecation: new Date('2026-12-07T00:00:00Z') });
  });

  it.each(['2026-12-07', 'tomorrow', '2026-13-45T00:00:00Z', ' 2026-12-07T00:00:00Z'])('refuses the deprecation date %p, quoting it', (value) => {
    expect(() => deprecationOf({ API_DEPRECATION: value })).toThrow(
      `API_DEPRECATION must be an ISO 8601 date-time such as 2027-06-30T00:00:00Z (versions.yml), not ${JSON.stringify(value)}`,
    );
  });

  it('links the base path itself to the successor base path', () => {
    const deprecation = deprecationOf(v1)!;
    expect(deprecationHeaders(deprecation, '/v1/catalog/')['link']).toBe('</v2/catalog>; rel="successor-version"');
    expect(deprecationHeaders(deprecation, '/')['link']).toBe('</v2/catalog>; rel="successor-version"');
    expect(deprecationHeaders(deprecation, '/v1/catalogue/x')['link']).toBe('</v2/catalog/v1/catalogue/x>; rel="successor-version"');
  });

  it('rounds the deprecation down to the second', () => {
    expect(deprecationHeaders({ basePath: '', deprecation: new Date('2026-12-07T00:00:00.999Z') }, '/x')).toEqual({ deprecation: '@1796601600' });
  });

  it('links by the full path when the version has no base path', () => {
    expect(deprecationHeaders({ basePath: '', deprecation: new Date(0), successor: '/v2' }, '/things/1')).toEqual({
      deprecation: '@0',
      link: '</v2/things/1>; rel="successor-version"',
    });
  });
});
