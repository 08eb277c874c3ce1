import { ReservationIdReusedError, ReservationReleasedError } from '../domain/errors';
import type { Reservation } from '../domain/reservation';
import type { ReservationRepository } from '../ports';
import { releaseReservation, reserveStock } from './reservations';

/** In-memory port: records what the use case asks of it. */
const memoryReservations = () => {
  const stored = new Map<string, Reservation>();
  const released: string[] = [];
  const repository: ReservationRepository = {
    reserve: async (reservation) => {
      const existing = stored.get(reservation.id);
      if (existing) return { created: false, existing };
      stored.set(reservation.id, reservation);
      return { created: true };
    },
    get: async (id) => stored.get(id),
    release: async (reservation, now) => {
      released.push(reservation.id);
      stored.set(reservation.id, { ...reservation, status: 'released', releasedAt: now.toISOString() });
      return true;
    },
    tombstone: async (id, now) => {
      if (stored.has(id)) return undefined;
      const tombstone: Reservation = { id, lines: [], status: 'released', createdAt: now.toISOString(), releasedAt: now.toISOString() };
      stored.set(id, tombstone);
      return tombstone;
    },
  };
  return { repository, released };
};

const now = () => new Date('2026-01-01T00:00:00.000Z');
const lines = [{ productId: 'P1', quantity: 2 }];

describe('reserveStock', () => {
  it('creates the reservation once and replays it for the same lines', async () => {
    const { repository } = memoryReservations();
    const first = await reserveStock({ reservationId: 'r1', lines }, { reservations: repository, now });
    const again = await reserveStock({ reservationId: 'r1', lines }, { reservations: repository, now });
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, reservation: first.reservation });
  });

  it('refuses to reuse a reservation id for other lines', async () => {
    const { repository } = memoryReservations();
    await reserveStock({ reservationId: 'r1', lines }, { reservations: repository, now });
    await expect(
      reserveStock({ reservationId: 'r1', lines: [{ productId: 'P1', quantity: 3 }] }, { reservations: repository, now }),
    ).rejects.toBeInstanceOf(ReservationIdReusedError);
  });
});

describe('releaseReservation', () => {
  it('releases once; a second release changes nothing', async () => {
    const { repository, released } = memoryReservations();
    await reserveStock({ reservationId: 'r1', lines }, { reservations: repository, now });
    expect((await releaseReservation('r1', { reservations: repository, now })).status).toBe('released');
    expect((await releaseReservation('r1', { reservations: repository, now })).status).toBe('released');
    expect(released).toEqual(['r1']);
  });

  it('records an unknown id as released, so a late reservation under it takes no stock', async () => {
    const { repository, released } = memoryReservations();
    expect(await releaseReservation('late', { reservations: repository, now })).toMatchObject({ id: 'late', status: 'released', lines: [] });
    await expect(reserveStock({ reservationId: 'late', lines }, { reservations: repository, now })).rejects.toBeInstanceOf(ReservationReleasedError);
    expect(released).toEqual([]);
  });

  it('refuses to reserve again under a released id, even with the same lines', async () => {
    const { repository } = memoryReservations();
    await reserveStock({ reservationId: 'r1', lines }, { reservations: repository, now });
    await releaseReservation('r1', { reservations: repository, now });
    await expect(reserveStock({ reservationId: 'r1', lines }, { reservations: repository, now })).rejects.toBeInstanceOf(ReservationReleasedError);
  });
});
