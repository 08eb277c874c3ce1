import { GatewayAuthorizer } from './authorizer';
import type { LocalFunction } from '../runtime/lambda-runtime';

const arn = (method: string, path: string) => `arn:aws:execute-api:eu-west-1:000000000000:local-catalog/local/${method}${path}`;

/** An authorizer function: `Bearer good` gets `effect` on `resource`; any other token is Unauthorized. */
const authorizerFn = (resource: string, effect = 'Allow') => {
  const calls: unknown[] = [];
  const fn: LocalFunction = {
    service: 'catalog',
    name: 'authorize',
    timeoutSeconds: 5,
    invoke: async (event) => {
      calls.push(event);
      if ((event as { authorizationToken: string }).authorizationToken !== 'Bearer good') throw new Error('Unauthorized');
      return {
        principalId: 'user-1',
        policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
        context: { role: 'admin' },
      };
    },
  };
  return { fn, calls };
};

describe('GatewayAuthorizer', () => {
  it('passes the principal and context on when the policy allows the method', async () => {
    const { fn } = authorizerFn('arn:aws:execute-api:eu-west-1:000000000000:local-catalog/local/*');
    const outcome = await new GatewayAuthorizer(fn, 60).authorize('Bearer good', arn('POST', '/products'));
    expect(outcome).toEqual({ kind: 'allow', context: { principalId: 'user-1', role: 'admin' } });
  });

  it('answers 401 without calling the function when the header is missing', async () => {
    const { fn, calls } = authorizerFn('*');
    expect(await new GatewayAuthorizer(fn, 60).authorize(undefined, arn('GET', '/x'))).toEqual({ kind: 'unauthorized' });
    expect(calls).toHaveLength(0);
  });

  it('answers 401 when the function throws Unauthorized', async () => {
    const { fn } = authorizerFn('*');
    expect(await new GatewayAuthorizer(fn, 60).authorize('Bearer bad', arn('GET', '/x'))).toEqual({ kind: 'unauthorized' });
  });

  it('answers 403 for a policy that does not cover the method, or denies it', async () => {
    const narrow = authorizerFn(arn('GET', '/products'));
    expect((await new GatewayAuthorizer(narrow.fn, 60).authorize('Bearer good', arn('POST', '/products'))).kind).toBe('denied');
    const deny = authorizerFn('*', 'Deny');
    expect((await new GatewayAuthorizer(deny.fn, 60).authorize('Bearer good', arn('GET', '/products'))).kind).toBe('denied');
  });

  it('caches the result per token for its TTL and evaluates it for each method', async () => {
    const { fn, calls } = authorizerFn(arn('GET', '/products'));
    const authorizer = new GatewayAuthorizer(fn, 60);
    expect((await authorizer.authorize('Bearer good', arn('GET', '/products'))).kind).toBe('allow');
    expect((await authorizer.authorize('Bearer good', arn('POST', '/products'))).kind).toBe('denied');
    expect(calls).toHaveLength(1);
  });
});
