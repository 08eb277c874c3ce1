import type { APIGatewayProxyEvent } from 'aws-lambda';
import { compileRoute } from './router';
import { StageCache } from './stage-cache';

const cached = compileRoute({
  service: 'catalog',
  functionName: 'listProducts',
  method: 'GET',
  resource: '/products',
  http: { method: 'get', path: '/products', caching: { enabled: true, cacheKeyParameters: [{ name: 'request.querystring.category' }] } },
});
const uncached = compileRoute({ ...cached, http: { method: 'get', path: '/products' } });
const event = (query: Record<string, string>) => ({ queryStringParameters: query, pathParameters: null, headers: {} }) as unknown as APIGatewayProxyEvent;
const response = { statusCode: 200, headers: {}, body: Buffer.from('{}') };

describe('StageCache', () => {
  it('keys on the declared parameters only, as API Gateway does', () => {
    const cache = new StageCache(60);
    expect(cache.keyFor(cached, event({ category: 'a', other: '1' }))).toBe(cache.keyFor(cached, event({ category: 'a' })));
    expect(cache.keyFor(cached, event({ category: 'a' }))).not.toBe(cache.keyFor(cached, event({ category: 'b' })));
  });

  it('does not cache routes without caching enabled, or when the TTL is 0', () => {
    expect(new StageCache(60).keyFor(uncached, event({}))).toBeUndefined();
    expect(new StageCache(0).keyFor(cached, event({}))).toBeUndefined();
  });

  it('expires entries after the TTL', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const cache = new StageCache(10);
    cache.set('k', response);
    expect(cache.get('k')).toBe(response);
    jest.setSystemTime(1_000_000 + 10_001);
    expect(cache.get('k')).toBeUndefined();
    jest.useRealTimers();
  });

  it('flushes one service without touching another', () => {
    const cache = new StageCache(60);
    const key = cache.keyFor(cached, event({})) ?? '';
    cache.set(key, response);
    cache.set('orders\u0000/orders', response);
    cache.flushService('catalog');
    expect(cache.get(key)).toBeUndefined();
    expect(cache.get('orders\u0000/orders')).toBe(response);
  });
});
