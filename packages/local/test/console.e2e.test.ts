/**
 * The local console in a real browser (test/browser.ts) against the platform as `pnpm start` runs
 * it: traffic sent to the front door shows up on the page (route counts, a gateway-made 4xx), and
 * following the request id of an order placement shows the requests it made through the front
 * door and the log lines of orders, catalog and users for it, though the terminal (the local
 * stage logs WARN and above) shows none of them.
 */
import type { Browser, Page } from 'playwright-core';
import type { RunningPlatform } from '../src/launcher';
import { startPlatform } from '../src/launcher';
import { describeWithBrowser, launchChromium } from './browser';

jest.setTimeout(240_000);

const CONSOLE = '/_emporium';

/** Waits until `condition` holds: the page updates every 2 s. */
const until = async (condition: () => Promise<boolean>, timeoutMs = 15_000) => {
  for (const deadline = Date.now() + timeoutMs; !(await condition());) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

describeWithBrowser('the console browser test')('the local console at /_emporium', () => {
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  const orderRequestId = `console-checkout-${Date.now()}`;

  const call = async (path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) => {
    const response = await fetch(`${platform.url}${path}`, {
      method: init.method ?? 'GET',
      headers: { 'x-api-key': platform.apiKey, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };

  /** A new customer places an order for a seeded product, with its own X-Request-Id. */
  const placeOrder = async () => {
    const email = `console-${Date.now()}@example.com`;
    const password = 'correct horse console battery';
    expect((await call('/v1/users', { method: 'POST', body: { email, password, displayName: 'Console customer' } })).status).toBe(201);
    const session = await call('/v1/users/sessions', { method: 'POST', body: { email, password } });
    expect(session.status).toBe(200);
    const products = (await call('/v1/catalog/products?limit=5')).body['items'] as { id: string }[];
    const placed = await call('/v1/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${String(session.body['accessToken'])}`, 'idempotency-key': `console-${Date.now()}`, 'x-request-id': orderRequestId },
      body: { lines: [{ productId: products[0]!.id, quantity: 1 }] },
    });
    expect(placed.status).toBe(201);
  };

  beforeAll(async () => {
    platform = await startPlatform();
    expect(platform.output()).toContain(`console    ${platform.url}${CONSOLE}`);
    // Traffic: listings (the first fills the stage cache), a product that is not there, a call
    // without an API key (the gateway's 403), and an order placement.
    for (let i = 0; i < 3; i += 1) expect((await call('/v1/catalog/products')).status).toBe(200);
    expect((await call('/v1/catalog/products/01JF3Z8X6M4Q2W9RZK7T5B1C0X')).status).toBe(404);
    expect((await call('/v1/catalog/products', { headers: { 'x-api-key': '' } })).status).toBe(403);
    await placeOrder();
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(`${platform.url}${CONSOLE}`);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const routeRow = (method: string, path: string) => page.locator(`[data-testid=route-row][data-route="${method} ${path}"]`);

  it('lists the running services and their routes with version, auth and stage cache TTL', async () => {
    expect(await page.title()).toBe('Emporium console');
    const listing = routeRow('GET', '/v1/catalog/products');
    await listing.waitFor();
    await expect(listing.locator('td').nth(2).innerText()).resolves.toContain('API key');
    await expect(listing.locator('td').nth(3).innerText()).resolves.toBe('30 s');
    await routeRow('GET', '/v2/catalog/products/{id}').waitFor();
    await routeRow('POST', '/v1/orders').waitFor();
    const groups = await page.locator('[data-testid=routes-table] tr.group').allInnerTexts();
    expect(groups).toEqual(expect.arrayContaining(['catalog · v1', 'catalog-v2 · v2', 'orders · v1', 'users · v1', 'developers · v1']));
  });

  it('shows the traffic per route: its requests, the 4xx among them, cache hits', async () => {
    const listing = routeRow('GET', '/v1/catalog/products');
    // The listing: 3 answered and 1 refused by the gateway (seed data and orders' calls add none).
    await until(async () => Number(await listing.locator('[data-testid=route-requests]').innerText()) >= 5);
    expect(Number(await listing.locator('[data-testid=route-4xx]').innerText())).toBeGreaterThanOrEqual(1);
    expect(await listing.locator('td').nth(11).innerText()).toMatch(/^\d+%$/);
    expect(Number(await routeRow('GET', '/v1/catalog/products/{id}').locator('[data-testid=route-4xx]').innerText())).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-testid=total-requests] .value').innerText())).toBeGreaterThan(6);
    // The recent requests: the gateway's 403, and the order placement with its X-Request-Id.
    await page
      .locator('[data-testid=request-row]')
      .filter({ has: page.locator('[data-testid=request-status]', { hasText: '403' }) })
      .first()
      .waitFor();
    await page.locator(`[data-testid=request-row][data-correlation-id="${orderRequestId}"]`).first().waitFor();
  });

  it("follows the order placement's request id to the requests it made and the log lines of orders, catalog and users", async () => {
    await page.locator(`[data-testid=request-row][data-correlation-id="${orderRequestId}"] [data-testid=request-link]`).first().click();
    const trace = page.locator('[data-testid=trace]');
    await trace.waitFor();
    expect(await trace.locator('[data-testid=trace-id]').innerText()).toBe(orderRequestId);
    // Through the front door: the placement, and orders' calls to catalog and users with the same id.
    await until(async () => (await trace.locator('[data-testid=trace-requests] [data-testid=request-row]').count()) >= 3);
    const targets = await trace.locator('[data-testid=trace-requests] [data-testid=request-row] td:nth-child(3)').allInnerTexts();
    expect(targets[0]).toBe('/v1/orders');
    expect(targets.some((target) => /\/catalog\//.test(target))).toBe(true);
    expect(targets.some((target) => target.startsWith('/v1/users/'))).toBe(true);
    // The functions' log lines of that id, from every service it crossed.
    const services = await trace.locator('[data-testid=log-line]').evaluateAll((lines) => lines.map((line) => line.getAttribute('data-service')));
    expect(services).toContain('orders');
    expect(services).toContain('users');
    expect(services.some((service) => service?.startsWith('catalog'))).toBe(true);
    await trace.locator('[data-testid=log-line][data-service=orders]').filter({ hasText: 'request' }).first().waitFor();
  });

  it('serves the same figures as JSON, and the terminal kept to the configured level', async () => {
    const traced = await call(`${CONSOLE}/api/requests/${orderRequestId}`);
    expect(traced.status).toBe(200);
    const logs = traced.body['logs'] as { service: string; message: string; fields: { status?: number } }[];
    expect(logs).toEqual(
      expect.arrayContaining([expect.objectContaining({ service: 'orders', message: 'request', fields: expect.objectContaining({ status: 201 }) })]),
    );
    const keys = await call(`${CONSOLE}/api/keys`);
    expect(keys.body['keys']).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'emporium-local-web', usage: expect.objectContaining({ today: expect.any(Number) }) })]),
    );
    const missing = await call(`${CONSOLE}/api/requests/not-a-request-we-saw`);
    expect(missing).toMatchObject({ status: 404, body: { code: 'REQUEST_NOT_FOUND' } });
    // The local stage logs WARN and above to the terminal: the INFO lines went to the console only.
    expect(platform.output()).not.toContain(`"correlation_id":"${orderRequestId}"`);
  });
});
