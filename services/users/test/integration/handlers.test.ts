/**
 * The Lambda handlers with the real composition root (container.ts) against the local engine: what
 * each route answers, as API Gateway would invoke it once the authorizer has run (the authorizer
 * context is given; the front door and the authorizer itself are tested elsewhere).
 */
import { jwksFrom, verifyAccessToken } from '@emporium/common/auth/tokens';
import { invokeRoute } from '@emporium/openapi/conformance';
import { routes } from '@emporium/users-contract/routes';
import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { LOCAL_ADMIN, seed } from '../../seed/seed';
import { handler as getJwks } from '../../src/handlers/get-jwks';
import { handler as getMe } from '../../src/handlers/get-me';
import { handler as getUser } from '../../src/handlers/get-user';
import { handler as registerUser } from '../../src/handlers/register-user';
import { handler as signIn } from '../../src/handlers/sign-in';
import { handler as updateMe } from '../../src/handlers/update-me';

jest.setTimeout(60_000);

const ISSUER = 'https://api.test.example.com/v1/users';
const AUDIENCE = 'emporium-api';

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  const signingKey = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'test-key-1' };
  // What the function environments hold (provider + function environment; the platform's key).
  Object.assign(process.env, {
    TABLE_NAME: dynamo.tables['Table'],
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    ACCESS_TOKEN_TTL_SECONDS: '900',
    JWT_SIGNING_KEY: JSON.stringify(signingKey),
    HTTP_CACHE_MAX_AGE: '300',
  });
});

afterAll(() => dynamo?.stop());

let sequence = 0;
const anEmail = () => `user-${Date.now()}-${(sequence += 1)}@example.com`;
const password = 'analytical-engine';

const register = (body: Record<string, unknown>) => invokeRoute(routes.registerUser, registerUser, { path: '/v1/users', body });
const signInWith = (body: Record<string, unknown>) => invokeRoute(routes.signIn, signIn, { path: '/v1/users/sessions', body });
const as = (principalId: string, role: string) => ({ authorizer: { principalId, role } });

const registered = async () => {
  const email = anEmail();
  const response = await register({ email, password, displayName: 'Ada' });
  expect(response.statusCode).toBe(201);
  return { email, id: response.json.id as string };
};

describe('POST /users', () => {
  it('registers a customer: 201, Location, the public user and never the hash', async () => {
    const email = anEmail();
    const response = await register({ email: ` ${email.toUpperCase()} `, password, displayName: ' Ada ' });
    expect(response.statusCode).toBe(201);
    expect(response.json).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      email,
      displayName: 'Ada',
      role: 'customer',
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.headers.location).toBe(`/v1/users/${response.json.id}`);
    expect(response.body).not.toMatch(/scrypt|passwordHash|analytical/);
  });

  it('refuses a client-chosen role with 400 naming the field', async () => {
    const response = await register({ email: anEmail(), password, displayName: 'Eve', role: 'admin' });
    expect(response.statusCode).toBe(400);
    expect(response.json.errors).toEqual([{ path: 'body.role', message: 'Unknown field', code: 'unrecognized_key' }]);
  });

  it('answers 409 EMAIL_TAKEN for an email registered in another case', async () => {
    const { email } = await registered();
    const response = await register({ email: email.toUpperCase(), password, displayName: 'Eve' });
    expect(response.statusCode).toBe(409);
    expect(response.json.code).toBe('EMAIL_TAKEN');
  });
});

describe('POST /sessions and the JWKS', () => {
  it('signs in with a token the published JWKS verifies, with sub and role, not cacheable', async () => {
    const { email, id } = await registered();
    const response = await signInWith({ email, password });
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['cache-control']).toBe('no-store');
    expect(response.json).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });

    const jwks = await invokeRoute(routes.getJwks, getJwks, { path: '/v1/users/.well-known/jwks.json' });
    expect(jwks.statusCode).toBe(200);
    expect(jwks.headers?.['cache-control']).toBe('public, max-age=300');
    expect(jwks.json.keys).toEqual([{ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: 'test-key-1', alg: 'ES256', use: 'sig' }]);
    const claims = await verifyAccessToken(response.json.accessToken, jwksFrom({ keys: jwks.json.keys }), { issuer: ISSUER, audience: AUDIENCE });
    expect(claims).toEqual({ sub: id, role: 'customer' });
  });

  it('answers a wrong password and an unknown email with the same 401 body', async () => {
    const { email } = await registered();
    const wrongPassword = await signInWith({ email, password: 'not-the-password' });
    const unknownEmail = await signInWith({ email: anEmail(), password: 'not-the-password' });
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json.code).toBe('INVALID_CREDENTIALS');
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.body).toBe(wrongPassword.body);
  });

  it('answers 429 TOO_MANY_ATTEMPTS with Retry-After after 5 failures', async () => {
    const { email } = await registered();
    for (let i = 0; i < 5; i += 1) expect((await signInWith({ email, password: 'not-the-password' })).statusCode).toBe(401);
    const locked = await signInWith({ email, password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(locked.headers?.['retry-after'])).toBeGreaterThan(890);
    expect(locked.headers?.['access-control-expose-headers']).toContain('Retry-After');
  });
});

describe('GET and PATCH /me', () => {
  it('answers the caller from the authorizer context', async () => {
    const { id, email } = await registered();
    const response = await invokeRoute(routes.getMe, getMe, { path: '/v1/users/me', ...as(id, 'customer') });
    expect(response.statusCode).toBe(200);
    expect(response.json).toMatchObject({ id, email, role: 'customer' });
    expect(response.body).not.toContain('scrypt');
  });

  it('changes the display name and refuses fields the caller may not set', async () => {
    const { id } = await registered();
    const patch = (body: Record<string, unknown>, ifMatch = '"1"') =>
      invokeRoute(routes.updateMe, updateMe, { path: '/v1/users/me', body, headers: { 'If-Match': ifMatch }, ...as(id, 'customer') });
    const changed = await patch({ displayName: 'Countess' });
    expect(changed.json).toMatchObject({ displayName: 'Countess', version: 2 });
    expect(changed.headers.etag).toBe('"2"');
    const stale = await patch({ displayName: 'Stale' });
    expect({ status: stale.statusCode, code: stale.json.code }).toEqual({ status: 412, code: 'PRECONDITION_FAILED' });
    const blind = await invokeRoute(routes.updateMe, updateMe, { path: '/v1/users/me', body: { displayName: 'Blind' }, ...as(id, 'customer') });
    expect({ status: blind.statusCode, code: blind.json.code }).toEqual({ status: 428, code: 'PRECONDITION_REQUIRED' });
    for (const field of ['role', 'email', 'id', 'emailVerified', 'version']) {
      const refused = await patch({ displayName: 'x', [field]: field === 'version' ? 9 : 'admin' }, '"2"');
      expect({ field, status: refused.statusCode, errors: refused.json.errors }).toEqual({
        field,
        status: 400,
        errors: [{ path: `body.${field}`, message: 'Unknown field', code: 'unrecognized_key' }],
      });
    }
    expect((await invokeRoute(routes.getMe, getMe, { path: '/v1/users/me', ...as(id, 'customer') })).json).toMatchObject({ role: 'customer', version: 2 });
  });

  it('changes the password only with the right current password (403 INVALID_CURRENT_PASSWORD otherwise)', async () => {
    const { id, email } = await registered();
    const patch = (body: Record<string, unknown>) =>
      invokeRoute(routes.updateMe, updateMe, { path: '/v1/users/me', body, headers: { 'If-Match': '"1"' }, ...as(id, 'customer') });
    const wrong = await patch({ currentPassword: 'not-the-password', newPassword: 'difference-engine' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json.code).toBe('INVALID_CURRENT_PASSWORD');
    expect((await patch({ currentPassword: password, newPassword: 'difference-engine' })).statusCode).toBe(200);
    expect((await signInWith({ email, password })).statusCode).toBe(401);
    expect((await signInWith({ email, password: 'difference-engine' })).statusCode).toBe(200);
  });
});

describe('GET /users/{id}', () => {
  const getAs = (id: string, role: string, caller = '01ARZ3NDEKTSV4RRFFQ69G5FAV') =>
    invokeRoute(routes.getUser, getUser, { path: `/v1/users/${id}`, pathParameters: { id }, ...as(caller, role) });

  it('shows any user to an admin', async () => {
    const { id, email } = await registered();
    const response = await getAs(id, 'admin');
    expect(response.statusCode).toBe(200);
    expect(response.json).toMatchObject({ id, email });
    expect(response.body).not.toContain('scrypt');
  });

  it('is forbidden to customers, even for their own id', async () => {
    const { id } = await registered();
    expect((await getAs(id, 'customer', id)).statusCode).toBe(403);
  });

  it('answers 404 USER_NOT_FOUND for an unknown id and 400 for a malformed one', async () => {
    const unknown = await getAs('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'admin');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json.code).toBe('USER_NOT_FOUND');
    expect((await getAs('not-an-id', 'admin')).statusCode).toBe(400);
  });
});

describe('seed', () => {
  it('creates the local admin once, succeeds again on a seeded store, and the admin can sign in', async () => {
    const expected = ['admin: admin@emporium.local / emporium-admin-local (local stages only)'];
    expect(await seed()).toEqual(expected);
    expect(await seed()).toEqual(expected);
    const response = await signInWith({ email: LOCAL_ADMIN.email, password: LOCAL_ADMIN.password });
    expect(response.statusCode).toBe(200);
    const [, payload = ''] = String(response.json.accessToken).split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toMatchObject({ role: 'admin' });
  });
});
