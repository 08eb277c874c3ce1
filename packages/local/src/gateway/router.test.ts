import { Router } from './router';
import { testRoute } from './test-routes';

const route = (method: string, resource: string) => testRoute('s', `${method} ${resource}`, { method, path: resource });

const router = new Router([
  route('GET', '/products'),
  route('GET', '/products/{id}'),
  route('PATCH', '/products/{id}'),
  route('GET', '/products/search'),
  route('GET', '/files/{path+}'),
]);

describe('Router', () => {
  it('matches a literal path', () => {
    expect(router.match('GET', '/products').match?.route.resource).toBe('/products');
  });

  it('extracts and decodes path parameters', () => {
    expect(router.match('GET', '/products/a%20b').match?.pathParameters).toEqual({ id: 'a b' });
  });

  it('prefers literal segments over parameters', () => {
    expect(router.match('GET', '/products/search').match?.route.resource).toBe('/products/search');
  });

  it('matches greedy parameters across segments', () => {
    expect(router.match('GET', '/files/a/b/c').match?.pathParameters).toEqual({ path: 'a/b/c' });
  });

  it('reports the allowed methods when only the method is wrong', () => {
    const result = router.match('DELETE', '/products/1');
    expect(result.match).toBeUndefined();
    expect(result.allowed.sort()).toEqual(['GET', 'PATCH']);
  });

  it('matches nothing for an unknown path', () => {
    expect(router.match('GET', '/orders')).toEqual({ allowed: [] });
  });
});
