import type { APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SigningKey } from './tokens';
import { publicJwk, signAccessToken } from './tokens';

const settings = { issuer: 'https://api.test.example.com/v1/users', audience: 'emporium-api' };
const methodArn = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/POST/products';
const event = (authorizationToken: string): APIGatewayTokenAuthorizerEvent => ({ type: 'TOKEN', authorizationToken, methodArn });

describe('the shared token authorizer', () => {
  let key: SigningKey;
  let server: http.Server;
  let handler: typeof import('./authorizer').handler;

  beforeAll(async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    key = { ...jwk, kid: await calculateJwkThumbprint(jwk) } as SigningKey;
    // A real JWKS endpoint over HTTP, as the users service publishes it.
    server = http.createServer((_, res) => res.end(JSON.stringify({ keys: [publicJwk(key)] })));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    process.env.JWKS_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    process.env.AUTH_ISSUER = settings.issuer;
    process.env.AUTH_AUDIENCE = settings.audience;
    ({ handler } = await import('./authorizer'));
  });

  afterAll(() => server.close());

  it('allows a valid token on the whole API and passes user id and role on', async () => {
    const token = await signAccessToken({ sub: 'user-7', role: 'admin' }, key, { ...settings, ttlSeconds: 60 });
    const result = await handler(event(`Bearer ${token}`));
    expect(result.principalId).toBe('user-7');
    expect(result.context).toEqual({ role: 'admin' });
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/*' },
    ]);
  });

  it.each(['', 'Bearer', 'Bearer x.y.z', 'Basic dXNlcjpwYXNz', 'token-without-scheme'])('answers Unauthorized to %p', async (header) => {
    await expect(handler(event(header))).rejects.toThrow('Unauthorized');
  });

  it('answers Unauthorized to a token for another audience', async () => {
    const token = await signAccessToken({ sub: 'u', role: 'customer' }, key, { ...settings, audience: 'other', ttlSeconds: 60 });
    await expect(handler(event(`Bearer ${token}`))).rejects.toThrow('Unauthorized');
  });

  it('answers Unauthorized without a token header at all', async () => {
    await expect(handler({ type: 'TOKEN', methodArn } as APIGatewayTokenAuthorizerEvent)).rejects.toThrow(new Error('Unauthorized'));
  });

  it('allows the whole API of a method ARN without a stage', async () => {
    const token = await signAccessToken({ sub: 'user-8', role: 'customer' }, key, { ...settings, ttlSeconds: 60 });
    const result = await handler({ type: 'TOKEN', authorizationToken: `Bearer ${token}`, methodArn: 'arn:aws:execute-api:eu-west-1:1:abc' });
    expect(result).toEqual({
      principalId: 'user-8',
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:eu-west-1:1:abc/*/*' }],
      },
      context: { role: 'customer' },
    });
  });

  it('refuses a token with a trailing space or another scheme spelling', async () => {
    const token = await signAccessToken({ sub: 'u', role: 'customer' }, key, { ...settings, ttlSeconds: 60 });
    await expect(handler(event(`Bearer ${token} `))).rejects.toThrow('Unauthorized');
    await expect(handler(event(`bearer ${token}`))).rejects.toThrow('Unauthorized');
    await expect(handler(event(` Bearer ${token}`))).rejects.toThrow('Unauthorized');
  });
});
