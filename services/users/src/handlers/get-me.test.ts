import { apiEvent, lambdaContext } from '@emporium/testing/events';
import { memoryDeps } from '../../test/memory-ports';
import { registerUser } from '../use-cases/users';
import { handler } from './get-me';

const mockPorts = memoryDeps();
jest.mock('../container', () => ({ getDeps: () => mockPorts.deps }));

const call = (authorizer?: Record<string, string>) =>
  handler(apiEvent({ method: 'GET', path: '/v1/users/me', resource: '/me', ...(authorizer ? { authorizer } : {}) }), lambdaContext());

describe('GET /me handler', () => {
  it('answers the caller named by the authorizer context, without the password hash', async () => {
    const ada = await registerUser({ email: 'ada@example.com', password: 'analytical-engine', displayName: 'Ada' }, mockPorts.deps);
    const response = await call({ principalId: ada.id, role: 'customer' });
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toEqual(ada);
    expect(response.body).not.toContain('hashed:');
    expect(response.headers?.['cache-control']).toBe('private, no-store');
  });

  it('answers 401 without an authorizer context (route called without the authorizer)', async () => {
    const response = await call();
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body).code).toBe('UNAUTHORIZED');
  });

  it('answers 403 to a service credential: /me is for customers and admins', async () => {
    const response = await call({ principalId: 'orders', role: 'service' });
    expect(response.statusCode).toBe(403);
  });

  it('answers 404 USER_NOT_FOUND when the token outlived the account', async () => {
    const response = await call({ principalId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', role: 'admin' });
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body).code).toBe('USER_NOT_FOUND');
  });
});
