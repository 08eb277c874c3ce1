import { startLocalDynamo } from '@emporium/local/local-dynamo';
import type { LocalDynamo } from '@emporium/local/local-dynamo';
import path from 'node:path';
import { monotonicFactory } from 'ulid';
import { dynamodbIdempotencyStore } from '../../src/adapters/dynamodb-idempotency-store';
import { CREATE_ATTEMPTS, IdempotencyClaimLostError } from '../../src/adapters/dynamodb-order-placement';
import { dynamodbOrderRepository } from '../../src/adapters/dynamodb-order-repository';
import { ServiceUnavailableError } from '@emporium/common/errors';
import { newIdempotencyRecord } from '../../src/domain/idempotency';
import type { Order } from '../../src/domain/order';
import { newOrder } from '../../src/domain/order';
import type { IdempotencyStore, OrderRepository } from '../../src/ports';
import { advanceOrder, cancelOrder, listOrders } from '../../src/use-cases/orders';
import { InvalidTransitionError, OrderNotCancellableError } from '../../src/domain/errors';

const ulid = monotonicFactory();
jest.setTimeout(60_000);

let dynamo: LocalDynamo;
let orders: OrderRepository;
let idempotency: IdempotencyStore;
const eur = (amount: number) => ({ amount, currency: 'EUR' });
let clock = Date.parse('2026-05-01T10:00:00.000Z');
const tick = () => new Date((clock += 1000));

/** Places an order the way placeOrder does: claim a key, then order + completion in one transaction. */
const place = async (userId: string, overrides: Partial<Order> = {}): Promise<Order> => {
  const now = tick();
  const order = {
    ...newOrder({ id: ulid(), userId, lines: [{ productId: 'P', quantity: 1, name: 'Lamp', unitPrice: eur(500), lineTotal: eur(500) }], total: eur(500) }, now),
    ...overrides,
  };
  const record = newIdempotencyRecord({ userId, key: `key-${order.id}`, bodyHash: 'h', orderId: order.id }, now);
  expect(await idempotency.claim(record, now)).toEqual({ claimed: true });
  await orders.create(order, record);
  return order;
};

beforeAll(async () => {
  dynamo = await startLocalDynamo(path.resolve(__dirname, '..', '..'));
  const table = dynamo.tables['Table'] ?? '';
  orders = dynamodbOrderRepository(dynamo.documentClient, table);
  idempotency = dynamodbIdempotencyStore(dynamo.documentClient, table);
});

afterAll(() => dynamo?.stop());

describe('order repository', () => {
  it('creates an order together with completing its idempotency key, and reads it back', async () => {
    const order = await place('u-create');
    expect(await orders.get(order.id)).toEqual(order);
    const again = await idempotency.claim(newIdempotencyRecord({ userId: 'u-create', key: `key-${order.id}`, bodyHash: 'h', orderId: 'X' }, tick()), tick());
    expect(again).toEqual({ claimed: false, existing: expect.objectContaining({ status: 'COMPLETED', orderId: order.id }) });
  });

  it('refuses to store an order whose key is not held IN_PROGRESS for it (nothing written)', async () => {
    const order = newOrder({ id: ulid(), userId: 'u-lost', lines: [], total: eur(0) }, tick());
    await expect(orders.create(order, { userId: 'u-lost', key: 'never-claimed' })).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    expect(await orders.get(order.id)).toBeUndefined();
  });

  describe('under contention (fault rules in the engine, docs/adr/0020)', () => {
    afterEach(() => dynamo.faults.clear());

    const claimed = async (userId: string) => {
      const now = tick();
      const order = newOrder({ id: ulid(), userId, lines: [], total: eur(0) }, now);
      const record = newIdempotencyRecord({ userId, key: `key-${order.id}`, bodyHash: 'h', orderId: order.id }, now);
      expect(await idempotency.claim(record, now)).toEqual({ claimed: true });
      return { order, record };
    };

    it('a transaction conflict is contention, not a lost claim: tried again, then 503 with Retry-After; nothing written, the key still held', async () => {
      const { order, record } = await claimed('u-conflict');
      await dynamo.faults.set([{ table: dynamo.tables['Table'], operation: 'TransactWriteItems', fault: 'TransactionConflict', rate: 1 }]);
      const error: unknown = await orders.create(order, record).catch((e: unknown) => e);
      expect(error).not.toBeInstanceOf(IdempotencyClaimLostError);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect(error).toMatchObject({ status: 503, headers: { 'retry-after': '1' } });
      expect((await dynamo.faults.state()).injected).toBe(CREATE_ATTEMPTS);
      await dynamo.faults.clear();
      expect(await orders.get(order.id)).toBeUndefined();
      // The key is still this attempt's: the caller can complete (or abandon) it.
      const again = await idempotency.claim({ ...record, orderId: 'other' }, tick());
      expect(again).toEqual({ claimed: false, existing: expect.objectContaining({ status: 'IN_PROGRESS', orderId: order.id }) });
      await orders.create(order, record);
      expect(await orders.get(order.id)).toEqual(order);
    });

    it('a conflict that clears is absorbed by the retry: the order is stored and its key completed', async () => {
      const { order, record } = await claimed('u-conflict-once');
      await dynamo.faults.set([{ table: dynamo.tables['Table'], operation: 'TransactWriteItems', fault: 'TransactionConflict', rate: 1, count: 1 }]);
      await orders.create(order, record);
      expect((await dynamo.faults.state()).injected).toBe(1);
      expect(await orders.get(order.id)).toEqual(order);
      const again = await idempotency.claim({ ...record, orderId: 'other' }, tick());
      expect(again).toEqual({ claimed: false, existing: expect.objectContaining({ status: 'COMPLETED', orderId: order.id }) });
    });

    it('throughput exceeded on the order’s transaction is retried by the SDK; a key not held is still a lost claim, not contention', async () => {
      const order = newOrder({ id: ulid(), userId: 'u-lost-2', lines: [], total: eur(0) }, tick());
      await dynamo.faults.set([{ table: dynamo.tables['Table'], operation: 'TransactWriteItems', fault: 'ProvisionedThroughputExceeded', rate: 1, count: 1 }]);
      await expect(orders.create(order, { userId: 'u-lost-2', key: 'never-claimed' })).rejects.toBeInstanceOf(IdempotencyClaimLostError);
      expect((await dynamo.faults.state()).injected).toBe(1);
    });
  });

  it('lists a user’s orders newest first, in pages with a signed cursor, and nobody else’s', async () => {
    const mine = [];
    for (let i = 0; i < 5; i += 1) mine.push(await place('u-list'));
    await place('u-other');
    const deps = { orders, cursorSecret: () => 'integration-cursor-secret' };
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listOrders({ userId: 'u-list', limit: 2, ...(cursor ? { cursor } : {}) }, deps);
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.length).toBeGreaterThan(0); // never a trailing empty page
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(mine.map((o) => o.id).reverse());
    expect(pages).toBe(3);
    const first = await listOrders({ userId: 'u-list', limit: 2 }, deps);
    await expect(listOrders({ userId: 'u-other', limit: 2, cursor: first.nextCursor! }, deps)).rejects.toMatchObject({ status: 400 });
  });

  it('moves status only along the state machine (conditional updates)', async () => {
    const order = await place('u-status');
    const deps = { orders, now: tick };
    await expect(advanceOrder(order.id, 'SHIPPED', deps)).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(await advanceOrder(order.id, 'CONFIRMED', deps)).toMatchObject({ status: 'CONFIRMED', version: 2 });
    await expect(advanceOrder(order.id, 'CONFIRMED', deps)).rejects.toBeInstanceOf(InvalidTransitionError);
    expect(await advanceOrder(order.id, 'SHIPPED', deps)).toMatchObject({ status: 'SHIPPED', version: 3 });
    expect(await orders.cancel(order.id, tick())).toEqual({ cancelled: false, current: expect.objectContaining({ status: 'SHIPPED' }) });
  });

  it('lets exactly one of many concurrent cancels win, and the catalog release happen once', async () => {
    const order = await place('u-cancel');
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => orders.cancel(order.id, tick())));
    expect(outcomes.filter((o) => o.cancelled)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.cancelled).every((o) => !o.cancelled && o.current?.status === 'CANCELLED')).toBe(true);
    const stored = await orders.get(order.id);
    expect(stored).toMatchObject({ status: 'CANCELLED', stockReleased: false, version: 2 });
  });

  it('cancel use case: the winner releases once; a failed release is retried by the next cancel', async () => {
    const order = await place('u-cancel-2');
    const caller = { principalId: 'u-cancel-2', role: 'customer' as const };
    let releases = 0;
    let failNext = true;
    const catalog = {
      reserve: () => Promise.resolve([]),
      commit: () => Promise.resolve(),
      release: () => {
        releases += 1;
        if (failNext) return Promise.reject(new Error('catalog down'));
        return Promise.resolve('released' as const);
      },
    };
    const deps = { orders, catalog, now: tick };
    await expect(cancelOrder(order.id, caller, deps)).rejects.toThrow('catalog down');
    expect(await orders.get(order.id)).toMatchObject({ status: 'CANCELLED', stockReleased: false });
    failNext = false;
    expect(await cancelOrder(order.id, caller, deps)).toMatchObject({ status: 'CANCELLED', stockReleased: true });
    expect(await cancelOrder(order.id, caller, deps)).toMatchObject({ status: 'CANCELLED', stockReleased: true });
    expect(releases).toBe(2);

    const shipped = await place('u-cancel-2', { status: 'SHIPPED' });
    await expect(cancelOrder(shipped.id, caller, deps)).rejects.toBeInstanceOf(OrderNotCancellableError);
  });
});

describe('idempotency store', () => {
  it('lets one of many concurrent claims of a key win; abandon frees it only for its holder', async () => {
    const now = tick();
    const records = Array.from({ length: 10 }, () => newIdempotencyRecord({ userId: 'u-idem', key: 'k', bodyHash: 'h', orderId: ulid() }, now));
    const outcomes = await Promise.all(records.map((r) => idempotency.claim(r, now)));
    const winner = records[outcomes.findIndex((o) => o.claimed)]!;
    expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
    await idempotency.abandon({ ...winner, orderId: 'someone-else' });
    expect(await idempotency.claim(records[0]!, now)).toMatchObject({ claimed: false });
    await idempotency.abandon(winner);
    expect(await idempotency.claim(records[0]!, now)).toEqual({ claimed: true });
  });

  it('takes over a stale IN_PROGRESS record only once, and treats an expired record as free', async () => {
    const then = tick();
    const stale = newIdempotencyRecord({ userId: 'u-take', key: 'k', bodyHash: 'h', orderId: 'OLD' }, then);
    await idempotency.claim(stale, then);
    const later = new Date(stale.lockedUntil + 1);
    const next = newIdempotencyRecord({ userId: 'u-take', key: 'k', bodyHash: 'h', orderId: 'OLD' }, later);
    const both = await Promise.all([idempotency.claim(next, later, stale), idempotency.claim({ ...next, lockedUntil: next.lockedUntil + 1 }, later, stale)]);
    expect(both.filter((o) => o.claimed)).toHaveLength(1);

    const expired = new Date(next.expiresAt * 1000 + 1);
    expect(await idempotency.claim(newIdempotencyRecord({ userId: 'u-take', key: 'k', bodyHash: 'other', orderId: 'NEW' }, expired), expired)).toEqual({
      claimed: true,
    });
  });
});
