import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import path from 'node:path';
import { monotonicFactory } from 'ulid';

const ulid = monotonicFactory();
import { dynamodbProductRepository } from '../../src/adapters/dynamodb-product-repository';
import { dynamodbReservationRepository } from '../../src/adapters/dynamodb-reservation-repository';
import {
  InsufficientStockError,
  ProductArchivedError,
  ProductNotFoundError,
  SkuTakenError,
  StaleVersionError,
  PriceChangedError,
  UnavailableProductError,
} from '../../src/domain/errors';
import { newProduct } from '../../src/domain/product';
import { newReservation } from '../../src/domain/reservation';
import type { ProductRepository, ReservationRepository } from '../../src/ports';

jest.setTimeout(60_000);

let dynamo: LocalDynamo;
let products: ProductRepository;
let reservations: ReservationRepository;
const now = new Date('2026-05-01T10:00:00.000Z');

const aProduct = (overrides: Partial<Parameters<typeof newProduct>[0]> = {}) =>
  newProduct(
    { sku: `SKU-${ulid()}`, name: 'Lamp', description: '', price: { amount: 1000, currency: 'EUR' }, category: 'lighting', stock: 5, ...overrides },
    ulid(),
    now,
  );

beforeAll(async () => {
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  const table = dynamo.tables['Table'] ?? '';
  products = dynamodbProductRepository(dynamo.documentClient, table);
  reservations = dynamodbReservationRepository(dynamo.documentClient, table);
});

afterAll(() => dynamo?.stop());

describe('product repository', () => {
  it('stores and reads a product', async () => {
    const product = aProduct();
    await products.create(product);
    expect(await products.get(product.id)).toEqual(product);
  });

  it('refuses a second product with the same SKU', async () => {
    const first = aProduct();
    await products.create(first);
    await expect(products.create(aProduct({ sku: first.sku }))).rejects.toBeInstanceOf(SkuTakenError);
  });

  it('lets exactly one of many concurrent creates with one SKU win', async () => {
    const sku = `RACE-${ulid()}`;
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => products.create(aProduct({ sku }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(r.reason).toBeInstanceOf(SkuTakenError);
    }
  });

  it('updates at the expected version and bumps it', async () => {
    const product = aProduct();
    await products.create(product);
    const updated = await products.update(product.id, { name: 'Brighter lamp', price: { amount: 1200, currency: 'EUR' } }, 1, now);
    expect(updated).toMatchObject({ name: 'Brighter lamp', price: { amount: 1200, currency: 'EUR' }, version: 2 });
  });

  it('rejects a stale version and changes nothing', async () => {
    const product = aProduct();
    await products.create(product);
    await products.update(product.id, { name: 'v2' }, 1, now);
    await expect(products.update(product.id, { name: 'stale' }, 1, now)).rejects.toBeInstanceOf(StaleVersionError);
    expect((await products.get(product.id))?.name).toBe('v2');
  });

  it('answers not found for a missing product', async () => {
    await expect(products.update(ulid(), { name: 'x' }, 1, now)).rejects.toBeInstanceOf(ProductNotFoundError);
    await expect(products.archive(ulid(), 1, now)).rejects.toBeInstanceOf(ProductNotFoundError);
  });

  it('ends a listing whose last page is exactly full without a trailing empty page', async () => {
    const category = `cat-${ulid().toLowerCase()}`;
    const created = [aProduct({ category }), aProduct({ category })];
    for (const p of created) await products.create(p);
    const page = await products.list({ category, limit: 2 });
    expect(page.items.map((p) => p.id)).toEqual(created.map((p) => p.id));
    expect(page.lastKey).toBeUndefined();
  });

  it('lists by category through the index and pages with the last key', async () => {
    const category = `cat-${ulid().toLowerCase()}`;
    const created = [aProduct({ category }), aProduct({ category }), aProduct({ category })];
    for (const p of created) await products.create(p);
    const first = await products.list({ category, limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual(created.slice(0, 2).map((p) => p.id));
    const second = await products.list({ category, limit: 2, startKey: first.lastKey });
    expect(second.items.map((p) => p.id)).toEqual([created[2]?.id]);
  });

  it('archives: the product leaves listings, stays readable, and cannot be changed', async () => {
    const category = `cat-${ulid().toLowerCase()}`;
    const product = aProduct({ category });
    await products.create(product);
    await expect(products.archive(product.id, 2, now)).rejects.toBeInstanceOf(StaleVersionError);
    const archived = await products.archive(product.id, 1, now);
    expect(archived.status).toBe('archived');
    expect((await products.archive(product.id, 1, now)).version).toBe(archived.version);
    expect((await products.list({ category, limit: 10 })).items).toEqual([]);
    await expect(products.update(product.id, { name: 'x' }, archived.version, now)).rejects.toBeInstanceOf(ProductArchivedError);
  });

  it('moves a product between category listings when its category changes', async () => {
    const from = `cat-${ulid().toLowerCase()}`;
    const to = `cat-${ulid().toLowerCase()}`;
    const product = aProduct({ category: from });
    await products.create(product);
    await products.update(product.id, { category: to }, 1, now);
    expect((await products.list({ category: from, limit: 10 })).items).toEqual([]);
    expect((await products.list({ category: to, limit: 10 })).items.map((p) => p.id)).toEqual([product.id]);
  });
});

describe('reservation repository', () => {
  const reservation = (lines: { productId: string; quantity: number }[], holdSeconds?: number) =>
    newReservation(
      ulid(),
      lines.map((line) => ({ ...line, name: 'Lamp', unitPrice: { amount: 1000, currency: 'EUR' } })),
      now,
      holdSeconds,
    );

  it('takes stock for every line at once', async () => {
    const a = aProduct({ stock: 5 });
    const b = aProduct({ stock: 2 });
    await products.create(a);
    await products.create(b);
    await reservations.reserve(
      reservation([
        { productId: a.id, quantity: 3 },
        { productId: b.id, quantity: 2 },
      ]),
      now,
    );
    expect((await products.get(a.id))?.stock).toBe(2);
    expect((await products.get(b.id))?.stock).toBe(0);
  });

  it('takes nothing when one line is short, and says which', async () => {
    const a = aProduct({ stock: 5 });
    const b = aProduct({ stock: 1 });
    await products.create(a);
    await products.create(b);
    const attempt = reservations.reserve(
      reservation([
        { productId: a.id, quantity: 1 },
        { productId: b.id, quantity: 2 },
      ]),
      now,
    );
    await expect(attempt).rejects.toBeInstanceOf(InsufficientStockError);
    await attempt.catch((error: InsufficientStockError) => {
      expect(error.errors).toEqual([{ path: 'body.lines.1.quantity', message: 'Only 1 in stock', code: 'insufficient_stock' }]);
    });
    expect((await products.get(a.id))?.stock).toBe(5);
  });

  it('refuses unknown and archived products', async () => {
    const archived = aProduct();
    await products.create(archived);
    await products.archive(archived.id, 1, now);
    await expect(reservations.reserve(reservation([{ productId: ulid(), quantity: 1 }]), now)).rejects.toBeInstanceOf(UnavailableProductError);
    await expect(reservations.reserve(reservation([{ productId: archived.id, quantity: 1 }]), now)).rejects.toBeInstanceOf(UnavailableProductError);
  });

  it('records a reservation id once', async () => {
    const a = aProduct({ stock: 5 });
    await products.create(a);
    const r = reservation([{ productId: a.id, quantity: 2 }]);
    expect(await reservations.reserve(r, now)).toEqual({ created: true });
    expect(await reservations.reserve(r, now)).toEqual({ created: false, existing: r });
    expect((await products.get(a.id))?.stock).toBe(3);
  });

  it('never oversells under concurrent reservations for the last units', async () => {
    const a = aProduct({ stock: 3 });
    await products.create(a);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => reservations.reserve(reservation([{ productId: a.id, quantity: 1 }]), now)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect((await products.get(a.id))?.stock).toBe(0);
  });

  it('returns stock exactly once, even for concurrent releases', async () => {
    const a = aProduct({ stock: 4 });
    await products.create(a);
    const r = reservation([{ productId: a.id, quantity: 3 }]);
    await reservations.reserve(r, now);
    const outcomes = await Promise.all([reservations.release(r, now), reservations.release(r, now), reservations.release(r, now)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect((await products.get(a.id))?.stock).toBe(4);
    expect((await reservations.get(r.id))?.status).toBe('released');
  });

  it('takes nothing when a price is not the one the line was priced at, and names the product', async () => {
    const a = aProduct({ stock: 5 });
    const b = aProduct({ stock: 5, price: { amount: 1200, currency: 'EUR' } });
    await products.create(a);
    await products.create(b);
    const attempt = reservations.reserve(
      reservation([
        { productId: a.id, quantity: 1 },
        { productId: b.id, quantity: 1 },
      ]),
      now,
    );
    await expect(attempt).rejects.toBeInstanceOf(PriceChangedError);
    await expect(attempt).rejects.toMatchObject({ productIds: [b.id] });
    expect((await products.get(a.id))?.stock).toBe(5);
  });

  it('commits a hold once: it leaves the index of holds and no expiry can release it', async () => {
    const a = aProduct({ stock: 5 });
    await products.create(a);
    const r = reservation([{ productId: a.id, quantity: 2 }], 60);
    await reservations.reserve(r, now);
    const later = new Date(now.getTime() + 61_000);
    expect((await reservations.listExpired(later, 100)).map((held) => held.id)).toContain(r.id);
    expect(await reservations.commit(r.id, now)).toMatchObject({ id: r.id, status: 'committed', committedAt: now.toISOString() });
    expect(await reservations.commit(r.id, now)).toBeUndefined();
    expect((await reservations.listExpired(later, 100)).map((held) => held.id)).not.toContain(r.id);
    expect(await reservations.release(r, later, { expiredBy: later })).toBe(false);
    expect((await products.get(a.id))?.stock).toBe(3);
    // An order cancelled: a committed reservation is released normally.
    expect(await reservations.release(r, later)).toBe(true);
    expect((await products.get(a.id))?.stock).toBe(5);
  });

  it('releases an expired hold exactly once and only after its end, even when sweeps race a commit', async () => {
    const a = aProduct({ stock: 5 });
    await products.create(a);
    const r = reservation([{ productId: a.id, quantity: 2 }], 60);
    await reservations.reserve(r, now);
    expect(await reservations.release(r, now, { expiredBy: now })).toBe(false); // not over yet
    const later = new Date(now.getTime() + 60_000);
    const [commit, ...sweeps] = await Promise.all([
      reservations.commit(r.id, later),
      reservations.release(r, later, { expiredBy: later }),
      reservations.release(r, later, { expiredBy: later }),
    ]);
    const released = sweeps.filter(Boolean).length;
    // Either the commit won (nothing released) or one sweep did (the commit found it released).
    expect(commit === undefined ? released : released + 1).toBe(1);
    expect((await products.get(a.id))?.stock).toBe(commit ? 3 : 5);
    expect((await reservations.get(r.id))?.status).toBe(commit ? 'committed' : 'released');
  });
});
