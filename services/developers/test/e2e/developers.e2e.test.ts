/**
 * The developer portal through the front door, as `pnpm start` runs it with every service: keys
 * issued by /v1/developers are enforced by the gateway at once (plan throttle, quota, metering) on
 * the keyed routes of the other services; revoked, rotated and disabled keys are refused at once;
 * usage read back equals what the gateway counted; and key values never leak.
 */
import { api } from '@emporium/developers-contract/api';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import { contractRequest } from '@emporium/openapi/conformance';
import { adminToken, bearer, newCustomer } from '@emporium/testing/auth';
import { isProblem, request as plainRequest, sendByDefault } from '@emporium/testing/http';

jest.setTimeout(180_000);

/** Every answer of a developers route is checked against its contract. */
const request = contractRequest([api]);
let platform: RunningPlatform;
let base: string;
let productUrl: string;
const leakedValues: string[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  // Signing in goes through users' keyed routes: as the local first-party web app.
  sendByDefault({ 'x-api-key': platform.apiKey });
  base = `${platform.url}/v1/developers`;
  const products = await plainRequest(`${platform.url}/v1/catalog/products?limit=1`);
  productUrl = `${platform.url}/v1/catalog/products/${products.body.items[0].id}`;
});
afterAll(() => platform?.stop());

/** A keyed catalog read with this key value (and no other: the default web app key is dropped). */
const withKey = (value: string) => plainRequest(productUrl, { headers: { 'x-api-key': value } });
const newApp = async (token: string, name = 'Price watcher') => {
  const created = await request(`${base}/apps`, { method: 'POST', body: { name }, headers: bearer(token) });
  expect(created.status).toBe(201);
  leakedValues.push(created.body.apiKey.value);
  return created.body as { app: { id: string; version: number }; apiKey: { id: string; value: string } };
};

describe('apps and their keys at the gateway', () => {
  it('issues a key that works on every keyed route at once, and shows its value only once', async () => {
    const dev = await newCustomer(platform.url);
    const { app, apiKey } = await newApp(dev.token);
    expect((await withKey(apiKey.value)).status).toBe(200);
    expect((await plainRequest(`${platform.url}/v1/users/me`, { headers: { 'x-api-key': apiKey.value, ...bearer(dev.token) } })).status).toBe(200);
    const listing = await request(`${base}/apps`, { headers: bearer(dev.token) });
    expect(listing.body.items.map((item: { id: string }) => item.id)).toEqual([app.id]);
    expect(listing.text).not.toContain(apiKey.value);
    expect((await request(`${base}/apps/${app.id}`, { headers: bearer(dev.token) })).text).not.toContain(apiKey.value);
  });

  it('refuses an app name with control characters or invalid Unicode with 400 naming the field', async () => {
    const dev = await newCustomer(platform.url);
    for (const name of ['Price\u0007watcher', 'Price \ud800watcher']) {
      const refused = await request(`${base}/apps`, { method: 'POST', body: { name }, headers: bearer(dev.token) });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.name' })]);
    }
    expect((await request(`${base}/apps`, { headers: bearer(dev.token) })).body.items).toEqual([]);
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'not a key!'],
    ['unknown', 'a'.repeat(40)],
  ])('refuses a %s key with 403 INVALID_API_KEY in the envelope', async (_, value) => {
    const response = await plainRequest(productUrl, { headers: { 'x-api-key': value ?? '' } });
    expect(response.status).toBe(403);
    expect(isProblem(response)).toBe(true);
    expect(response.body.code).toBe('INVALID_API_KEY');
    if (value) expect(response.text).not.toContain(value);
  });

  it('refuses a revoked key at once, and a rotated-away key at once', async () => {
    const dev = await newCustomer(platform.url);
    const { app, apiKey } = await newApp(dev.token);
    const rotated = await request(`${base}/apps/${app.id}/key/rotate`, { method: 'POST', headers: bearer(dev.token) });
    leakedValues.push(rotated.body.apiKey.value);
    expect((await withKey(apiKey.value)).status).toBe(403);
    expect((await withKey(rotated.body.apiKey.value)).status).toBe(200);
    const revoked = await request(`${base}/apps/${app.id}/key`, { method: 'DELETE', headers: bearer(dev.token) });
    expect({ status: revoked.status, key: revoked.body.key, text: revoked.status === 200 ? '' : revoked.text }).toEqual({ status: 200, key: null, text: '' });
    expect((await withKey(rotated.body.apiKey.value)).body.code).toBe('INVALID_API_KEY');
  });

  it("does not let a developer read, rotate or revoke another developer's key (404)", async () => {
    const owner = await newCustomer(platform.url);
    const { app, apiKey } = await newApp(owner.token);
    const other = await newCustomer(platform.url);
    for (const [method, path] of [
      ['GET', ''],
      ['POST', '/key/rotate'],
      ['DELETE', '/key'],
      ['GET', '/usage'],
    ] as const) {
      const response = await request(`${base}/apps/${app.id}${path}`, { method, headers: bearer(other.token) });
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 404, code: 'APP_NOT_FOUND' });
    }
    expect((await withKey(apiKey.value)).status).toBe(200);
  });

  it('lets an admin disable an app (its key refused at once) and enable it again', async () => {
    const dev = await newCustomer(platform.url);
    const { app, apiKey } = await newApp(dev.token);
    const admin = bearer(await adminToken(platform.url));
    const current = await request(`${base}/apps/${app.id}`, { headers: admin });
    const disabled = await request(`${base}/apps/${app.id}`, {
      method: 'PATCH',
      body: { status: 'disabled' },
      headers: { ...admin, 'if-match': current.headers.get('etag')! },
    });
    expect(disabled.body.status).toBe('disabled');
    expect((await withKey(apiKey.value)).status).toBe(403);
    await request(`${base}/apps/${app.id}`, { method: 'PATCH', body: { status: 'active' }, headers: { ...admin, 'if-match': disabled.headers.get('etag')! } });
    expect((await withKey(apiKey.value)).status).toBe(200);
  });
});

describe('usage plans: throttle, quota, metering', () => {
  it("holds a burst to the free plan's bucket: some 429 THROTTLED with Retry-After, never a 5xx", async () => {
    // The local free plan: 20 requests/s, bursts of 40, 100 a day.
    const dev = await newCustomer(platform.url);
    const { apiKey } = await newApp(dev.token);
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 60 }, () => withKey(apiKey.value)));
    const seconds = (Date.now() - started) / 1000;
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    const passed = statuses.filter((status) => status === 200).length;
    // The bucket's bound: the burst, plus what the rate refilled while the burst was answered.
    expect(passed).toBeGreaterThanOrEqual(40);
    expect(passed).toBeLessThanOrEqual(40 + Math.ceil(20 * seconds));
    const throttled = answers.find((answer) => answer.status === 429)!;
    expect(throttled.body).toMatchObject({ code: 'THROTTLED', detail: expect.stringContaining("API key's plan") });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('refuses past the daily quota with 429 QUOTA_EXCEEDED, and usage shows exactly what the gateway counted', async () => {
    const dev = await newCustomer(platform.url);
    const { app, apiKey } = await newApp(dev.token);
    let admitted = 0;
    let exceeded: Awaited<ReturnType<typeof withKey>> | undefined;
    // Paced under the plan's rate, so only the quota refuses.
    for (let i = 0; i < 110 && !exceeded; i += 1) {
      const answer = await withKey(apiKey.value);
      if (answer.status === 200) admitted += 1;
      else if (answer.body?.code === 'QUOTA_EXCEEDED') exceeded = answer;
      else throw new Error(`unexpected ${answer.status} ${answer.text}`);
      await new Promise((resolve) => setTimeout(resolve, 55));
    }
    expect(admitted).toBe(100);
    expect(exceeded?.status).toBe(429);
    expect(exceeded?.body.detail).toMatch(/resets on \d{4}-\d{2}-\d{2}/);
    const usage = await request(`${base}/apps/${app.id}/usage`, { headers: bearer(dev.token) });
    const today = new Date().toISOString().slice(0, 10);
    expect(usage.body.days.at(-1)).toEqual({ date: today, requests: 100, quotaRemaining: 0 });
    expect(usage.body.quota).toEqual({ limit: 100, period: 'DAY' });
  });

  it('loses no count when 50 requests of one key arrive at once (partner plan)', async () => {
    const dev = await newCustomer(platform.url);
    const { app, apiKey } = await newApp(dev.token);
    const admin = bearer(await adminToken(platform.url));
    const current = await request(`${base}/apps/${app.id}`, { headers: admin });
    await request(`${base}/apps/${app.id}`, { method: 'PATCH', body: { plan: 'partner' }, headers: { ...admin, 'if-match': current.headers.get('etag')! } });
    const answers = await Promise.all(Array.from({ length: 50 }, () => withKey(apiKey.value)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const usage = await request(`${base}/apps/${app.id}/usage`, { headers: bearer(dev.token) });
    expect(usage.body).toMatchObject({ plan: 'partner' });
    expect(usage.body.days.at(-1).requests).toBe(50);
  });

  it('never writes a key value to the platform log', () => {
    expect(leakedValues.length).toBeGreaterThan(5);
    for (const value of leakedValues) expect(platform.output()).not.toContain(value);
  });
});
