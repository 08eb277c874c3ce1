import type { APIGatewayProxyEvent } from 'aws-lambda';
import { StageCache } from './stage-cache';
import { TEST_API_STAGE, testRoute } from './test-routes';

const cached = testRoute('catalog', 'listProducts', {
  method: 'get',
  path: '/products',
  caching: { enabled: true, ttlInSeconds: 10, cacheKeyParameters: [{ name: 'request.querystring.category' }] },
});
const uncached = testRoute('catalog', 'listProducts', { method: 'get', path: '/products' });
const clusterOff = testRoute(
  'catalog',
  'listProducts',
  { method: 'get', path: '/products', caching: { enabled: true } },
  { apiStage: { ...TEST_API_STAGE, caching: { enabled: false } } },
);
const event = (query: Record<string, string>) => ({ queryStringParameters: query, pathParameters: null, headers: {} }) as unknown as APIGatewayProxyEvent;
const response = { statusCode: 200, headers: {}, body: Buffer.from('{}') };

describe('StageCache', () => {
  it('keys on the declared parameters only, as API Gateway does', () => {
    const cache = new StageCache();
    expect(cache.keyFor(cached, event({ category: 'a', other: '1' }))).toBe(cache.keyFor(cached, event({ category: 'a' })));
    expect(cache.keyFor(cached, event({ category: 'a' }))).not.toBe(cache.keyFor(cached, event({ category: 'b' })));
  });

  it('does not cache routes without caching enabled, on a stage without a cache cluster, or when the TTL is 0', () => {
    expect(new StageCache().keyFor(uncached, event({}))).toBeUndefined();
    expect(new StageCache().keyFor(clusterOff, event({}))).toBeUndefined();
    expect(new StageCache(0).keyFor(cached, event({}))).toBeUndefined();
  });

  it("expires entries after the method's TTL", () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = new StageCache();
    cache.set('k', cached, response);
    expect(cache.get('k')).toBe(response);
    jest.setSystemTime(1_000_000 + 10_001);
    expect(cache.get('k')).toBeUndefined();
    jest.useRealTimers();
  });
});
