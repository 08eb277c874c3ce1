/**
 * Catalog v2's reservations are priced holds (docs/adr/0021): each line carries the price its stock
 * was taken at; a hold ends at `expiresAt` unless committed, and catalog's scheduled sweep
 * (releaseExpiredReservations, `rate(1 minute)` in serverless.yml, run by the local platform like
 * EventBridge and here on demand) gives the stock back exactly once, never for a committed hold.
 * The platform runs with 1-second holds so the test need not wait for 15 minutes.
 */
import { api as v1Api } from '@emporium/catalog-contract/api';
import { api as v2Api } from '@emporium/catalog-contract/v2/api';
import { startPlatform } from '@emporium/local/launcher';
import type { RunningPlatform } from '@emporium/local/launcher';
import { contractRequest } from '@emporium/openapi/conformance';
import { adminToken, bearer } from '@emporium/testing/auth';
import { sendByDefault } from '@emporium/testing/http';
import type { RequestOptions } from '@emporium/testing/http';
import { ulid } from 'ulid';

jest.setTimeout(120_000);

const HOLD_SECONDS = 1;
const request = contractRequest([v1Api, v2Api]);

let platform: RunningPlatform;
let v1: string;
let v2: string;
let admin: Record<string, string>;
let sequence = 0;

const asAdmin = (url: string, options: RequestOptions = {}) => request(url, { ...options, headers: { ...admin, ...options.headers } });
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const createProduct = async (overrides: Record<string, unknown> = {}) => {
  const created = await asAdmin(`${v2}/products`, {
    method: 'POST',
    body: { sku: `HOLD-${Date.now()}-${(sequence += 1)}`, name: 'Held lamp', price: eur(1000), category: 'holds', stock: 10, ...overrides },
  });
  expect(created.status).toBe(201);
  return created.body as { id: string; name: string };
};
const stockOf = async (id: string) => (await asAdmin(`${v2}/products/${id}/stock`)).body.stock as number;
const reserve = (base: string, productId: string, quantity: number, reservationId = ulid()) =>
  asAdmin(`${base}/reservations`, { method: 'POST', body: { reservationId, lines: [{ productId, quantity }] } });
const sweep = () => platform.runSchedule('catalog', 'releaseExpiredReservations') as Promise<{ released: number; skipped: number }>;
const pastTheHold = () => new Promise((resolve) => setTimeout(resolve, HOLD_SECONDS * 1000 + 200));

beforeAll(async () => {
  platform = await startPlatform(['--env', `catalog-v2:RESERVATION_HOLD_SECONDS=${HOLD_SECONDS}`]);
  sendByDefault({ 'x-api-key': platform.apiKey });
  v1 = `${platform.url}/v1/catalog`;
  v2 = `${platform.url}/v2/catalog`;
  admin = bearer(await adminToken(platform.url));
});

afterAll(() => platform?.stop());

it('a v2 reservation carries the price and name its stock was taken at, and when the hold ends', async () => {
  const product = await createProduct();
  const changed = await asAdmin(`${v2}/products/${product.id}`, { method: 'PATCH', body: { price: eur(1250) }, headers: { 'if-match': '"1"' } });
  expect(changed.status).toBe(200);
  const before = Date.now();
  const held = await reserve(v2, product.id, 2);
  expect(held.status).toBe(201);
  expect(held.body).toMatchObject({ status: 'active', lines: [{ productId: product.id, quantity: 2, name: 'Held lamp', unitPrice: eur(1250) }] });
  const ends = Date.parse(held.body.expiresAt as string);
  expect(ends).toBeGreaterThanOrEqual(before + HOLD_SECONDS * 1000 - 1000);
  expect(ends).toBeLessThanOrEqual(Date.now() + HOLD_SECONDS * 1000 + 1000);
  // The same reservation through v1: v1's shape, no price, no hold.
  const asV1 = await asAdmin(`${v1}/reservations/${held.body.id as string}`);
  expect(asV1.body).toEqual({ id: held.body.id, lines: [{ productId: product.id, quantity: 2 }], status: 'active', createdAt: held.body.createdAt });
});

it('the sweep releases an expired hold exactly once, never a committed one nor a v1 reservation', async () => {
  const product = await createProduct({ stock: 10 });
  const abandoned = await reserve(v2, product.id, 3); // its caller crashed: never committed
  const ordered = await reserve(v2, product.id, 2);
  const legacy = await reserve(v1, product.id, 1); // v1 callers never commit: v1 holds do not expire
  expect([abandoned.status, ordered.status, legacy.status]).toEqual([201, 201, 201]);
  const committed = await asAdmin(`${v2}/reservations/${ordered.body.id as string}/commit`, { method: 'POST' });
  expect(committed.status).toBe(200);
  expect(committed.body).toMatchObject({ id: ordered.body.id, status: 'active', committedAt: expect.any(String) });
  expect(committed.body).not.toHaveProperty('expiresAt');
  expect((await asAdmin(`${v2}/reservations/${ordered.body.id as string}/commit`, { method: 'POST' })).body).toEqual(committed.body); // idempotent
  expect(await stockOf(product.id)).toBe(4);

  await pastTheHold();
  await sweep();
  await sweep(); // a second sweep (or one racing the first) finds nothing more to release
  expect(await stockOf(product.id)).toBe(7);
  const expired = await asAdmin(`${v2}/reservations/${abandoned.body.id as string}`);
  expect(expired.body).toMatchObject({ status: 'released', releasedAt: expect.any(String) });
  expect((await asAdmin(`${v2}/reservations/${ordered.body.id as string}`)).body.status).toBe('active');
  expect((await asAdmin(`${v1}/reservations/${legacy.body.id as string}`)).body.status).toBe('active');

  // Too late to commit an expired hold: its caller learns the stock went back.
  const late = await asAdmin(`${v2}/reservations/${abandoned.body.id as string}/commit`, { method: 'POST' });
  expect(late.status).toBe(409);
  expect(late.body.code).toBe('RESERVATION_RELEASED');
  // A committed hold is released by its owner (an order cancelled), once.
  const cancelled = await asAdmin(`${v2}/reservations/${ordered.body.id as string}/release`, { method: 'POST' });
  expect(cancelled.body.status).toBe('released');
  await asAdmin(`${v2}/reservations/${ordered.body.id as string}/release`, { method: 'POST' });
  expect(await stockOf(product.id)).toBe(9);
});

it('lists the scheduled functions and refuses unknown ones with a problem', async () => {
  const listed = await fetch(`${platform.url}/_emporium/schedules`);
  expect(await listed.json()).toEqual({
    schedules: [expect.objectContaining({ service: 'catalog', functionName: 'releaseExpiredReservations', expression: 'rate(1 minute)', periodMs: 60_000 })],
  });
  const unknown = await fetch(`${platform.url}/_emporium/schedules/catalog/nothing`, { method: 'POST' });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toBe('application/problem+json');
  expect(((await unknown.json()) as { detail: string }).detail).toBe(
    'No scheduled function at /_emporium/schedules/catalog/nothing; scheduled: catalog/releaseExpiredReservations.',
  );
});
