import {
  CatalogUnavailableError,
  IdempotencyKeyReusedError,
  InsufficientStockError,
  MixedCurrencyError,
  OrderAttemptUndoneError,
  ProductUnavailableError,
  RequestInProgressError,
} from '../domain/errors';
import type { IdempotencyRecord } from '../domain/idempotency';
import { bodyHashOf } from '../domain/idempotency';
import type { Order } from '../domain/order';
import type { CatalogClient, IdempotencyStore, OrderRepository } from '../ports';
import { placeOrder } from './place-order';

/** In-memory ports: enough to check the order of steps and the compensation. */
const setup = (catalogOverrides: Partial<CatalogClient> = {}) => {
  const records = new Map<string, IdempotencyRecord>();
  const orders = new Map<string, Order>();
  const calls: string[] = [];
  let ids = 0;
  const idempotency: IdempotencyStore = {
    async claim(record, _now, takeOverFrom) {
      const id = `${record.userId}#${record.key}`;
      const existing = records.get(id);
      if (existing && (!takeOverFrom || existing.lockedUntil !== takeOverFrom.lockedUntil)) return { claimed: false, existing };
      records.set(id, record);
      return { claimed: true };
    },
    async abandon(record) {
      calls.push(`abandon ${record.orderId}`);
      records.delete(`${record.userId}#${record.key}`);
    },
  };
  const repo = {
    async create(order: Order, key: Pick<IdempotencyRecord, 'userId' | 'key'>) {
      calls.push(`create ${order.id}`);
      orders.set(order.id, order);
      const record = records.get(`${key.userId}#${key.key}`)!;
      records.set(`${key.userId}#${key.key}`, { ...record, status: 'COMPLETED' });
    },
    async get(id: string) {
      return orders.get(id);
    },
  } as unknown as OrderRepository;
  const catalog: CatalogClient = {
    // Catalog prices each line as it takes the stock: 1.00 EUR a unit here.
    reserve: async (id, lines) => {
      calls.push(`reserve ${id}`);
      return lines.map((line) => ({ ...line, name: `N${line.productId}`, unitPrice: { amount: 100, currency: 'EUR' } }));
    },
    commit: async (id) => void calls.push(`commit ${id}`),
    release: async (id) => {
      calls.push(`release ${id}`);
      return 'released';
    },
    ...catalogOverrides,
  };
  const deps = { orders: repo, idempotency, catalog, newId: () => `ORDER${(ids += 1)}`, now: () => new Date('2026-05-01T10:00:00Z') };
  return { deps, records, orders, calls };
};

const input = { userId: 'u1', idempotencyKey: 'k1', lines: [{ productId: 'A', quantity: 2 }] };

/** The record an earlier attempt left when it died holding the key (its lock ran out an hour ago), maybe after reserving. */
const crashedAttempt = (orderId: string): IdempotencyRecord => ({
  userId: 'u1',
  key: 'k1',
  bodyHash: bodyHashOf(input.lines),
  orderId,
  status: 'IN_PROGRESS',
  lockedUntil: Date.parse('2026-05-01T09:00:00Z'),
  expiresAt: 9_999_999_999,
});

describe('placeOrder', () => {
  it('keeps an order whose write committed although the call failed (lost response): no release', async () => {
    const { deps, calls, orders } = setup();
    const create = deps.orders.create.bind(deps.orders);
    deps.orders.create = async (order, key) => {
      await create(order, key);
      throw new Error('socket hang up');
    };
    const { order, created } = await placeOrder(input, deps);
    expect(created).toBe(true);
    expect(orders.get(order.id)).toBeDefined();
    expect(calls.filter((c) => c.startsWith('release') || c.startsWith('abandon'))).toEqual([]);
  });

  it('releases the reservation of a taken-over attempt when the retry fails before reserving', async () => {
    const { deps, calls, records } = setup({ reserve: async () => Promise.reject(new CatalogUnavailableError('down')) });
    // An earlier attempt died holding the key (its lock ran out an hour ago), maybe after reserving.
    records.set('u1#k1', crashedAttempt('ORDER-OLD'));
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(CatalogUnavailableError);
    expect(calls).toContain('release ORDER-OLD');
  });

  it("reserves under the order id, prices at the reservation's prices, commits the hold, stores the order and completes the key", async () => {
    const { deps, calls, records } = setup();
    const { order, created } = await placeOrder(input, deps);
    expect(created).toBe(true);
    expect(order).toMatchObject({ id: 'ORDER1', userId: 'u1', status: 'PENDING', total: { amount: 200, currency: 'EUR' } });
    expect(order.lines).toEqual([
      { productId: 'A', quantity: 2, name: 'NA', unitPrice: { amount: 100, currency: 'EUR' }, lineTotal: { amount: 200, currency: 'EUR' } },
    ]);
    expect(calls).toEqual(['reserve ORDER1', 'commit ORDER1', 'create ORDER1']);
    expect(records.get('u1#k1')).toMatchObject({ status: 'COMPLETED', orderId: 'ORDER1' });
  });

  it('replays the same order for the same key and body, without touching catalog again', async () => {
    const { deps, calls } = setup();
    const first = await placeOrder(input, deps);
    const second = await placeOrder(input, deps);
    expect(second).toEqual({ order: first.order, created: false });
    expect(calls.filter((c) => c.startsWith('reserve'))).toHaveLength(1);
  });

  it('refuses the same key with another body, and a key still in progress', async () => {
    const { deps, records } = setup();
    await placeOrder(input, deps);
    await expect(placeOrder({ ...input, lines: [{ productId: 'A', quantity: 3 }] }, deps)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    records.set('u1#k2', { ...records.get('u1#k1')!, key: 'k2', status: 'IN_PROGRESS', lockedUntil: Date.parse('2026-05-01T10:00:10Z') });
    const error = await placeOrder({ ...input, idempotencyKey: 'k2' }, deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestInProgressError);
    expect((error as RequestInProgressError).headers).toEqual({ 'retry-after': '10' });
  });

  it('takes over a crashed attempt with its order id', async () => {
    const { deps, records, calls } = setup();
    await placeOrder(input, deps);
    records.set('u1#k1', { ...records.get('u1#k1')!, status: 'IN_PROGRESS', orderId: 'CRASHED', lockedUntil: 0 });
    const { order } = await placeOrder(input, deps);
    expect(order.id).toBe('CRASHED');
    expect(calls).toContain('reserve CRASHED');
  });

  it('frees the key and reserves nothing when a product is unavailable', async () => {
    const { deps, calls, records } = setup({ reserve: async () => Promise.reject(new ProductUnavailableError({})) });
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(ProductUnavailableError);
    expect(calls).toEqual(['abandon ORDER1']);
    expect(records.size).toBe(0);
  });

  it('frees the key after INSUFFICIENT_STOCK without a release (catalog reserved nothing)', async () => {
    const { deps, calls } = setup({ reserve: async () => Promise.reject(new InsufficientStockError({})) });
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(InsufficientStockError);
    expect(calls).toEqual(['abandon ORDER1']);
  });

  it('frees the key without a release when catalog was never reached (the reservation cannot exist)', async () => {
    const { deps, calls, records } = setup({ reserve: async () => Promise.reject(new CatalogUnavailableError('unreachable', { delivered: false })) });
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(CatalogUnavailableError);
    expect(calls).toEqual(['abandon ORDER1']);
    expect(records.size).toBe(0);
  });

  it('still releases what a taken-over attempt may have reserved when catalog was never reached', async () => {
    const { deps, calls, records } = setup({ reserve: async () => Promise.reject(new CatalogUnavailableError('unreachable', { delivered: false })) });
    records.set('u1#k1', crashedAttempt('ORDER-OLD'));
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(CatalogUnavailableError);
    expect(calls).toEqual(['release ORDER-OLD', 'abandon ORDER-OLD']);
  });

  it('releases when the reservation timed out (it may exist) and frees the key', async () => {
    const { deps, calls } = setup({ reserve: async () => Promise.reject(new CatalogUnavailableError('timed out')) });
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(CatalogUnavailableError);
    expect(calls).toEqual(['release ORDER1', 'abandon ORDER1']);
  });

  it('releases the reservation when storing the order fails', async () => {
    const { deps, calls } = setup();
    deps.orders.create = async () => Promise.reject(new Error('DynamoDB down'));
    await expect(placeOrder(input, deps)).rejects.toThrow('DynamoDB down');
    expect(calls).toEqual(['reserve ORDER1', 'commit ORDER1', 'release ORDER1', 'abandon ORDER1']);
  });

  it('releases and frees the key when the hold was released before it could be committed (it expired)', async () => {
    const { deps, calls, orders } = setup({ commit: async () => Promise.reject(new OrderAttemptUndoneError()) });
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(OrderAttemptUndoneError);
    expect(calls).toEqual(['reserve ORDER1', 'release ORDER1', 'abandon ORDER1']);
    expect(orders.size).toBe(0);
  });

  it('releases the reservation when its prices are in more than one currency, and stores nothing', async () => {
    const { deps, calls, orders } = setup({
      reserve: async (id, lines) => {
        calls.push(`reserve ${id}`);
        return lines.map((line, index) => ({ ...line, name: 'N', unitPrice: { amount: 100, currency: index === 0 ? 'EUR' : 'USD' } }));
      },
    });
    const twoLines = {
      ...input,
      lines: [
        { productId: 'A', quantity: 1 },
        { productId: 'B', quantity: 1 },
      ],
    };
    await expect(placeOrder(twoLines, deps)).rejects.toBeInstanceOf(MixedCurrencyError);
    expect(calls).toEqual(['reserve ORDER1', 'release ORDER1', 'abandon ORDER1']);
    expect(orders.size).toBe(0);
  });

  it('keeps the key in progress when even the release fails, so a retry continues the same order id', async () => {
    const { deps, calls, records } = setup({
      reserve: async () => Promise.reject(new CatalogUnavailableError('timed out')),
      release: async () => Promise.reject(new CatalogUnavailableError('timed out')),
    });
    await expect(placeOrder(input, deps)).rejects.toBeInstanceOf(CatalogUnavailableError);
    expect(calls).toEqual([]);
    expect(records.get('u1#k1')).toMatchObject({ status: 'IN_PROGRESS', orderId: 'ORDER1' });
  });
});
