/**
 * The developers handlers with the real composition root against the local engine and the local
 * API Gateway management API (the platform's, with its real usage plans' shape), as API Gateway
 * invokes them once the authorizer has run. Every answer is checked against the contract; what
 * the gateway would enforce is read from the same key store.
 */
import { routes } from '@emporium/developers-contract/routes';
import type { ManagementApi } from '@emporium/local/api-management/management-api';
import { startManagementApi } from '@emporium/local/api-management/management-api';
import { ApiKeyStore } from '@emporium/local/api-management/store';
import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import { invokeRoute } from '@emporium/openapi/conformance';
import path from 'node:path';
import { handler as createApp } from '../../src/handlers/create-app';
import { handler as getApp } from '../../src/handlers/get-app';
import { handler as getUsage } from '../../src/handlers/get-usage';
import { handler as listApps } from '../../src/handlers/list-apps';
import { handler as revokeKey } from '../../src/handlers/revoke-key';
import { handler as rotateKey } from '../../src/handlers/rotate-key';
import { handler as updateApp } from '../../src/handlers/update-app';

jest.setTimeout(60_000);

const BASE = '/v1/developers';
const CATALOG = { apiId: 'local-catalog', stage: 'test' };
let dynamo: LocalDynamo;
let store: ApiKeyStore;
let management: ManagementApi;

beforeAll(async () => {
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  store = new ApiKeyStore({
    plans: [
      { name: 'emporium-test-free', apiStages: [CATALOG], throttle: { rateLimit: 5, burstLimit: 10 }, quota: { limit: 1000, period: 'DAY' } },
      { name: 'emporium-test-partner', apiStages: [CATALOG], throttle: { rateLimit: 50, burstLimit: 100 }, quota: { limit: 1_000_000, period: 'MONTH' } },
    ],
  });
  management = await startManagementApi(store, { host: '127.0.0.1', port: 0 });
  Object.assign(process.env, {
    TABLE_NAME: dynamo.tables['Table'],
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    // The SDK's own endpoint setting: the handlers' @aws-sdk/client-api-gateway calls the local API.
    AWS_ENDPOINT_URL_API_GATEWAY: management.url,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    HTTP_CACHE_MAX_AGE: '300',
    CURSOR_SIGNING_KEY: 'developers-handlers-cursor-key',
  });
});
afterAll(async () => {
  await management?.close();
  await dynamo?.stop();
});

let sequence = 0;
const aUser = () => `user-${Date.now()}-${(sequence += 1)}`;
const as = (principalId: string, role = 'customer') => ({ authorizer: { principalId, role } });
const appPath = (id: string) => `${BASE}/apps/${id}`;
/** USAGE_PLAN_PREFIX is set for the functions that look plans up (serverless.yml), not for the others. */
const withPlans = async <T>(call: () => Promise<T>): Promise<T> => {
  process.env.USAGE_PLAN_PREFIX = 'emporium-test-';
  try {
    return await call();
  } finally {
    delete process.env.USAGE_PLAN_PREFIX;
  }
};
const create = (owner: string, body: unknown = { name: 'Price watcher' }) =>
  withPlans(() => invokeRoute(routes.createApp, createApp, { path: `${BASE}/apps`, body, ...as(owner) }));
const read = (id: string, caller: object) => invokeRoute(routes.getApp, getApp, { path: appPath(id), pathParameters: { id }, ...caller });
const rotate = (id: string, caller: object) =>
  withPlans(() => invokeRoute(routes.rotateKey, rotateKey, { path: `${appPath(id)}/key/rotate`, pathParameters: { id }, ...caller }));
const revoke = (id: string, caller: object) => invokeRoute(routes.revokeKey, revokeKey, { path: `${appPath(id)}/key`, pathParameters: { id }, ...caller });
const usage = (id: string, caller: object, query: Record<string, string> = {}) =>
  withPlans(() => invokeRoute(routes.getUsage, getUsage, { path: `${appPath(id)}/usage`, pathParameters: { id }, query, ...caller }));
const update = (id: string, body: unknown, headers: Record<string, string>, caller: object = as('user-root', 'admin')) =>
  withPlans(() => invokeRoute(routes.updateApp, updateApp, { path: appPath(id), pathParameters: { id }, body, headers, ...caller }));
const admits = (value: string) => store.admit(value, CATALOG.apiId, CATALOG.stage) !== undefined;

describe('POST /apps (createApp)', () => {
  it('registers an app on the free plan: 201, Location, the key value once, and the gateway admits the key at once', async () => {
    const owner = aUser();
    const response = await create(owner, { name: ' Price watcher ', description: 'Compares prices.' });
    expect(response.statusCode).toBe(201);
    const { app, apiKey } = response.json;
    expect(app).toMatchObject({
      ownerId: owner,
      name: 'Price watcher',
      description: 'Compares prices.',
      plan: 'free',
      status: 'active',
      key: { id: apiKey.id },
    });
    expect(apiKey.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(response.headers.location).toBe(appPath(app.id));
    expect(response.headers['cache-control']).toBe('no-store');
    expect(admits(apiKey.value)).toBe(true);
    expect(store.admit(apiKey.value, CATALOG.apiId, CATALOG.stage)?.plan.name).toBe('emporium-test-free');
  });

  it('never shows the key value again: not on a read, not in a listing', async () => {
    const owner = aUser();
    const { app, apiKey } = (await create(owner)).json;
    expect((await read(app.id, as(owner))).body).not.toContain(apiKey.value);
    const listing = await invokeRoute(routes.listApps, listApps, { path: `${BASE}/apps`, ...as(owner) });
    expect(listing.json.items.map((item: { id: string }) => item.id)).toEqual([app.id]);
    expect(listing.body).not.toContain(apiKey.value);
  });

  it('refuses the eleventh app of a developer with 409 APP_LIMIT_REACHED, also when they arrive at once', async () => {
    const owner = aUser();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => create(owner, { name: `App ${i}` })));
    const statuses = answers.map((answer) => answer.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(answers.filter((answer) => answer.statusCode === 409).map((answer) => answer.json.code)).toEqual(['APP_LIMIT_REACHED', 'APP_LIMIT_REACHED']);
    expect(store.listKeys({ customerId: owner })).toHaveLength(10);
  });
});

describe('rotate, revoke, and the keys of others', () => {
  it('rotates: the new key works at once, the old one is refused at once', async () => {
    const owner = aUser();
    const { app, apiKey: first } = (await create(owner)).json;
    const rotated = await rotate(app.id, as(owner));
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json.app.key.id).toBe(rotated.json.apiKey.id);
    expect(admits(rotated.json.apiKey.value)).toBe(true);
    expect(admits(first.value)).toBe(false);
  });

  it('revokes: the key is refused at once and the app has none (rotate issues a new one)', async () => {
    const owner = aUser();
    const { app, apiKey } = (await create(owner)).json;
    const revoked = await revoke(app.id, as(owner));
    expect(revoked.json.key).toBeNull();
    expect(admits(apiKey.value)).toBe(false);
    expect((await usage(app.id, as(owner))).json.code).toBe('APP_HAS_NO_KEY');
    expect(admits((await rotate(app.id, as(owner))).json.apiKey.value)).toBe(true);
  });

  it("answers 404 APP_NOT_FOUND to another developer's read, rotation, revocation and usage, changing nothing", async () => {
    const owner = aUser();
    const { app, apiKey } = (await create(owner)).json;
    const other = as(aUser());
    for (const response of [await read(app.id, other), await rotate(app.id, other), await revoke(app.id, other), await usage(app.id, other)]) {
      expect({ status: response.statusCode, code: response.json.code }).toEqual({ status: 404, code: 'APP_NOT_FOUND' });
    }
    expect(admits(apiKey.value)).toBe(true);
    expect(store.listKeys({ customerId: owner })).toHaveLength(1);
  });

  it('keeps exactly one working key when two rotations race', async () => {
    const owner = aUser();
    const { app } = (await create(owner)).json;
    const answers = await Promise.all([rotate(app.id, as(owner)), rotate(app.id, as(owner))]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const keys = store.listKeys({ customerId: owner });
    expect(keys).toHaveLength(1);
    expect((await read(app.id, as(owner))).json.key.id).toBe(keys[0]!.id);
  });
});

describe('PATCH /apps/{id} (admin) and usage', () => {
  it('moves an app to partner and disables it (If-Match): the gateway follows at once; a customer gets 403', async () => {
    const owner = aUser();
    const { app, apiKey } = (await create(owner)).json;
    expect((await update(app.id, { plan: 'partner' }, { 'if-match': `"${app.version}"` }, as(owner))).statusCode).toBe(403);
    const moved = await update(app.id, { plan: 'partner' }, { 'if-match': `"${app.version}"` });
    expect(moved.json).toMatchObject({ plan: 'partner', status: 'active' });
    expect(store.admit(apiKey.value, CATALOG.apiId, CATALOG.stage)?.plan.name).toBe('emporium-test-partner');
    const disabled = await update(app.id, { status: 'disabled' }, { 'if-match': moved.headers.etag! });
    expect(disabled.json.status).toBe('disabled');
    expect(admits(apiKey.value)).toBe(false);
    expect((await update(app.id, { status: 'active' }, { 'if-match': `"${app.version}"` })).statusCode).toBe(412);
    expect((await update(app.id, { status: 'active' }, {})).statusCode).toBe(428);
    await update(app.id, { status: 'active' }, { 'if-match': disabled.headers.etag! });
    expect(admits(apiKey.value)).toBe(true);
  });

  it('reads the usage the gateway counted for the key, per UTC day, with the quota left', async () => {
    const owner = aUser();
    const { app, apiKey } = (await create(owner)).json;
    const plan = store.admit(apiKey.value, CATALOG.apiId, CATALOG.stage)!.plan;
    for (let i = 0; i < 7; i += 1) store.countRequest(plan.id, apiKey.id);
    const today = new Date().toISOString().slice(0, 10);
    const response = await usage(app.id, as(owner), { from: today, to: today });
    expect(response.json).toEqual({
      appId: app.id,
      keyId: apiKey.id,
      plan: 'free',
      quota: { limit: 1000, period: 'DAY' },
      days: [{ date: today, requests: 7, quotaRemaining: 993 }],
    });
    expect((await usage(app.id, as(owner), { from: today, to: '2020-01-01' })).json.code).toBe('USAGE_RANGE_INVALID');
  });
});
