import { ServiceUnavailableError } from '@emporium/common/errors';
import { PriceChangedError, ReservationIdReusedError, ReservationReleasedError } from '../domain/errors';
import type { Product } from '../domain/product';
import type { Reservation } from '../domain/reservation';
import type { ProductRepository, ReservationRepository } from '../ports';
import { commitReservation, releaseExpiredReservations, releaseReservation, reserveStock } from './reservations';

const product = (id: string, amount: number): Product => ({
  id,
  sku: `SKU-${id}`,
  name: `Product ${id}`,
  description: '',
  price: { amount, currency: 'EUR' },
  category: 'desks',
  stock: 10,
  status: 'active',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** In-memory ports: they record what the use case asks of them. */
const memory = (options: { priceChangesOnReserve?: number } = {}) => {
  const stored = new Map<string, Reservation>();
  const released: string[] = [];
  const prices = new Map([['P1', 1000]]);
  let priceChanges = options.priceChangesOnReserve ?? 0;
  const reservations: ReservationRepository = {
    reserve: async (reservation) => {
      const existing = stored.get(reservation.id);
      if (existing) return { created: false, existing };
      if (priceChanges > 0) {
        // A price change committed between the read and the transaction: the transaction fails.
        priceChanges -= 1;
        prices.set('P1', (prices.get('P1') ?? 0) + 1);
        throw new PriceChangedError(['P1']);
      }
      stored.set(reservation.id, reservation);
      return { created: true };
    },
    get: async (id) => stored.get(id),
    commit: async (id, now) => {
      const current = stored.get(id);
      if (current?.status !== 'active') return undefined;
      const committed: Reservation = { ...current, status: 'committed', committedAt: now.toISOString() };
      delete committed.expiresAt;
      stored.set(id, committed);
      return committed;
    },
    release: async (reservation, now, releaseOptions = {}) => {
      const current = stored.get(reservation.id);
      if (!current || current.status === 'released') return false;
      if (releaseOptions.expiredBy && (current.status !== 'active' || (current.expiresAt ?? '') > releaseOptions.expiredBy.toISOString())) return false;
      released.push(reservation.id);
      stored.set(reservation.id, { ...current, status: 'released', releasedAt: now.toISOString() });
      return true;
    },
    tombstone: async (id, now) => {
      if (stored.has(id)) return undefined;
      const tombstone: Reservation = { id, lines: [], status: 'released', createdAt: now.toISOString(), releasedAt: now.toISOString() };
      stored.set(id, tombstone);
      return tombstone;
    },
    // Like the index: every hold that was active when listed, whatever happened since.
    listExpired: async (at) => [...stored.values()].filter((r) => r.expiresAt !== undefined && r.expiresAt <= at.toISOString()),
  };
  const products = {
    get: async (id: string) => (prices.has(id) ? product(id, prices.get(id)!) : undefined),
  } as unknown as ProductRepository;
  return { reservations, products, released, stored };
};

let clock = new Date('2026-01-01T00:00:00.000Z');
const now = () => clock;
const lines = [{ productId: 'P1', quantity: 2 }];

beforeEach(() => {
  clock = new Date('2026-01-01T00:00:00.000Z');
});

describe('reserveStock', () => {
  it('creates the reservation once, priced from the product, and replays it for the same lines', async () => {
    const deps = { ...memory(), now };
    const first = await reserveStock({ reservationId: 'r1', lines }, deps);
    const again = await reserveStock({ reservationId: 'r1', lines }, deps);
    expect(first.created).toBe(true);
    expect(first.reservation.lines).toEqual([{ productId: 'P1', quantity: 2, name: 'Product P1', unitPrice: { amount: 1000, currency: 'EUR' } }]);
    expect(first.reservation.expiresAt).toBeUndefined();
    expect(again).toEqual({ created: false, reservation: first.reservation });
  });

  it('holds for the given seconds when asked (API v2)', async () => {
    const { reservation } = await reserveStock({ reservationId: 'r1', lines }, { ...memory(), now }, { holdSeconds: 900 });
    expect(reservation.expiresAt).toBe('2026-01-01T00:15:00.000Z');
  });

  it('reads again when a price changed between the read and the transaction, and reserves at the new price', async () => {
    const { reservation } = await reserveStock({ reservationId: 'r1', lines }, { ...memory({ priceChangesOnReserve: 2 }), now });
    expect(reservation.lines[0]?.unitPrice).toEqual({ amount: 1002, currency: 'EUR' });
  });

  it('gives up with a retryable 503 when prices keep changing, reserving nothing', async () => {
    const deps = { ...memory({ priceChangesOnReserve: 3 }), now };
    const attempt = reserveStock({ reservationId: 'r1', lines }, deps);
    await expect(attempt).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(attempt).rejects.toMatchObject({ status: 503, headers: { 'retry-after': '1' } });
    expect(deps.stored.size).toBe(0);
  });

  it('refuses to reuse a reservation id for other lines', async () => {
    const deps = { ...memory(), now };
    await reserveStock({ reservationId: 'r1', lines }, deps);
    await expect(reserveStock({ reservationId: 'r1', lines: [{ productId: 'P1', quantity: 3 }] }, deps)).rejects.toBeInstanceOf(ReservationIdReusedError);
  });
});

describe('commitReservation', () => {
  it('commits a hold once (no expiry any more) and answers a retry with the committed reservation', async () => {
    const deps = { ...memory(), now };
    await reserveStock({ reservationId: 'r1', lines }, deps, { holdSeconds: 60 });
    const committed = await commitReservation('r1', deps);
    expect(committed).toMatchObject({ status: 'committed', committedAt: clock.toISOString() });
    expect(committed.expiresAt).toBeUndefined();
    expect(await commitReservation('r1', deps)).toEqual(committed);
  });

  it('refuses to commit a released reservation', async () => {
    const deps = { ...memory(), now };
    await reserveStock({ reservationId: 'r1', lines }, deps, { holdSeconds: 60 });
    await releaseReservation('r1', deps);
    await expect(commitReservation('r1', deps)).rejects.toBeInstanceOf(ReservationReleasedError);
  });
});

describe('releaseReservation', () => {
  it('releases once; a second release changes nothing', async () => {
    const deps = { ...memory(), now };
    await reserveStock({ reservationId: 'r1', lines }, deps);
    expect((await releaseReservation('r1', deps)).status).toBe('released');
    expect((await releaseReservation('r1', deps)).status).toBe('released');
    expect(deps.released).toEqual(['r1']);
  });

  it('releases a committed reservation (an order cancelled)', async () => {
    const deps = { ...memory(), now };
    await reserveStock({ reservationId: 'r1', lines }, deps, { holdSeconds: 60 });
    await commitReservation('r1', deps);
    expect((await releaseReservation('r1', deps)).status).toBe('released');
    expect(deps.released).toEqual(['r1']);
  });

  it('records an unknown id as released, so a late reservation under it takes no stock', async () => {
    const deps = { ...memory(), now };
    expect(await releaseReservation('late', deps)).toMatchObject({ id: 'late', status: 'released', lines: [] });
    await expect(reserveStock({ reservationId: 'late', lines }, deps)).rejects.toBeInstanceOf(ReservationReleasedError);
    expect(deps.released).toEqual([]);
  });

  it('refuses to reserve again under a released id, even with the same lines', async () => {
    const deps = { ...memory(), now };
    await reserveStock({ reservationId: 'r1', lines }, deps);
    await releaseReservation('r1', deps);
    await expect(reserveStock({ reservationId: 'r1', lines }, deps)).rejects.toBeInstanceOf(ReservationReleasedError);
  });
});

describe('releaseExpiredReservations', () => {
  it('releases holds past their end exactly once, and never a committed one or one still running', async () => {
    const deps = { ...memory(), now };
    await reserveStock({ reservationId: 'expires', lines }, deps, { holdSeconds: 60 });
    await reserveStock({ reservationId: 'ordered', lines }, deps, { holdSeconds: 60 });
    await commitReservation('ordered', deps);
    await reserveStock({ reservationId: 'later', lines }, deps, { holdSeconds: 600 });
    clock = new Date('2026-01-01T00:01:00.000Z');
    expect(await releaseExpiredReservations(deps)).toEqual({ released: 1, skipped: 0 });
    expect(await releaseExpiredReservations(deps)).toEqual({ released: 0, skipped: 1 });
    expect(deps.released).toEqual(['expires']);
    expect(deps.stored.get('ordered')?.status).toBe('committed');
    expect(deps.stored.get('later')?.status).toBe('active');
  });
});
