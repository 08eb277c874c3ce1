import type { IdempotencyRecord } from './idempotency';
import { bodyHashOf, decideIdempotency, IDEMPOTENCY_TTL_SECONDS, IN_PROGRESS_LOCK_MS, newIdempotencyRecord } from './idempotency';

const now = new Date('2026-05-01T10:00:00.000Z');
const lines = [
  { productId: 'A', quantity: 1 },
  { productId: 'B', quantity: 2 },
];
const hash = bodyHashOf(lines);
const record = (overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord => ({
  ...newIdempotencyRecord({ userId: 'u1', key: 'k1', bodyHash: hash, orderId: 'O1' }, now),
  ...overrides,
});
const later = (ms: number) => new Date(now.getTime() + ms);

describe('idempotency rules', () => {
  it('hashes the same lines in any order alike, and other quantities differently', () => {
    expect(bodyHashOf([...lines].reverse())).toBe(hash);
    expect(
      bodyHashOf([
        { productId: 'A', quantity: 2 },
        { productId: 'B', quantity: 2 },
      ]),
    ).not.toBe(hash);
  });

  it('starts IN_PROGRESS, locked for a while and kept 24 h', () => {
    expect(record()).toMatchObject({
      status: 'IN_PROGRESS',
      lockedUntil: now.getTime() + IN_PROGRESS_LOCK_MS,
      expiresAt: now.getTime() / 1000 + IDEMPOTENCY_TTL_SECONDS,
    });
  });

  it('a free key places a new order', () => {
    expect(decideIdempotency(undefined, hash, now)).toEqual({ kind: 'new' });
  });

  it('same key + same body, completed: replays the stored order', () => {
    expect(decideIdempotency(record({ status: 'COMPLETED' }), hash, later(1000))).toEqual({ kind: 'replay', orderId: 'O1' });
  });

  it('same key + different body: refused, completed or not', () => {
    expect(decideIdempotency(record({ status: 'COMPLETED' }), 'other', later(1000))).toEqual({ kind: 'reused' });
    expect(decideIdempotency(record(), 'other', later(1000))).toEqual({ kind: 'reused' });
  });

  it('same key + same body still in progress: retry later, with a Retry-After', () => {
    expect(decideIdempotency(record(), hash, later(1000))).toEqual({ kind: 'in-progress', retryAfterSeconds: 29 });
    expect(decideIdempotency(record(), hash, later(IN_PROGRESS_LOCK_MS - 10))).toEqual({ kind: 'in-progress', retryAfterSeconds: 1 });
  });

  it('an attempt past its lock (crashed) is taken over with the same order id', () => {
    expect(decideIdempotency(record(), hash, later(IN_PROGRESS_LOCK_MS))).toEqual({ kind: 'take-over', orderId: 'O1' });
  });

  it('an expired record counts as no record', () => {
    expect(decideIdempotency(record({ status: 'COMPLETED' }), 'other', later(IDEMPOTENCY_TTL_SECONDS * 1000))).toEqual({ kind: 'new' });
  });
});
