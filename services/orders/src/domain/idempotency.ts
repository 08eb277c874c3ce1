import { createHash } from 'node:crypto';
import type { RequestedLine } from './order';

/** How long a key remembers its order (and DynamoDB TTL keeps the record). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/**
 * How long an IN_PROGRESS record blocks the key. Longer than the function timeout (15 s), so a live
 * request is never overtaken; after it, a retry takes over a crashed attempt with the SAME order id
 * (the reservation in catalog is idempotent per id, so nothing is reserved twice).
 */
export const IN_PROGRESS_LOCK_MS = 30_000;

export type IdempotencyStatus = 'IN_PROGRESS' | 'COMPLETED';

export interface IdempotencyRecord {
  userId: string;
  key: string;
  bodyHash: string;
  status: IdempotencyStatus;
  /** Chosen when the key is first claimed; the order id and the reservation id. */
  orderId: string;
  /** Epoch ms until which an IN_PROGRESS record belongs to the request that wrote it. */
  lockedUntil: number;
  /** Epoch seconds: DynamoDB TTL deletes the record after it (reads ignore expired records). */
  expiresAt: number;
}

/** A hash of what the request asks for, insensitive to line order (the same order either way). */
export const bodyHashOf = (lines: readonly RequestedLine[]): string =>
  createHash('sha256')
    .update(JSON.stringify([...lines].sort((a, b) => a.productId.localeCompare(b.productId)).map((l) => [l.productId, l.quantity])))
    .digest('base64url');

export const newIdempotencyRecord = (input: { userId: string; key: string; bodyHash: string; orderId: string }, now: Date): IdempotencyRecord => ({
  ...input,
  status: 'IN_PROGRESS',
  lockedUntil: now.getTime() + IN_PROGRESS_LOCK_MS,
  expiresAt: Math.floor(now.getTime() / 1000) + IDEMPOTENCY_TTL_SECONDS,
});

export type IdempotencyDecision =
  | { kind: 'new' }
  | { kind: 'replay'; orderId: string }
  | { kind: 'in-progress'; retryAfterSeconds: number }
  | { kind: 'reused' }
  | { kind: 'take-over'; orderId: string };

/**
 * What a request with an idempotency key does, given the record the key already has (if any):
 * none or expired -> place a new order; another body -> 422 (key reused); same body and completed ->
 * replay the stored order; same body in progress -> 409 (retry later), unless the attempt holding
 * it is past its lock (crashed or timed out) -> take over with the same order id.
 */
export const decideIdempotency = (existing: IdempotencyRecord | undefined, bodyHash: string, now: Date): IdempotencyDecision => {
  if (!existing || isExpired(existing, now)) return { kind: 'new' };
  if (existing.bodyHash !== bodyHash) return { kind: 'reused' };
  if (existing.status === 'COMPLETED') return { kind: 'replay', orderId: existing.orderId };
  const remaining = existing.lockedUntil - now.getTime();
  if (remaining <= 0) return { kind: 'take-over', orderId: existing.orderId };
  return { kind: 'in-progress', retryAfterSeconds: Math.min(Math.max(Math.ceil(remaining / 1000), 1), 30) };
};

export const isExpired = (record: Pick<IdempotencyRecord, 'expiresAt'>, now: Date): boolean => record.expiresAt * 1000 <= now.getTime();
