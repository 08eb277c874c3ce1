import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { DOCS, withMeta } from './contract/meta';
import { ValidationError } from './errors';
import { coercedNumber } from './contract/formats';

/** DynamoDB's LastEvaluatedKey for string keys, the only kind our tables use. */
export type PageKey = Record<string, string>;

const payloadSchema = z.strictObject({
  k: z.record(z.string(), z.string()),
  s: z.string(),
});

const sign = (payload: string, secret: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

/**
 * Encodes a page position as an opaque, tamper-evident cursor: base64url(JSON) + '.' + HMAC.
 * `scope` binds the cursor to the query it came from (e.g. the category filter), so a cursor from
 * one listing cannot be replayed against another.
 */
export const encodeCursor = (key: PageKey, scope: string, secret: string): string => {
  const payload = Buffer.from(JSON.stringify({ k: key, s: scope })).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
};

const invalidCursor = (): ValidationError =>
  new ValidationError('Invalid cursor', {
    detail: 'The cursor is malformed, was altered, or belongs to another query. Start again without it.',
    errors: [{ path: 'query.cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
  });

/** Verifies and decodes a cursor made by `encodeCursor`; throws a 400 ValidationError otherwise. */
export const decodeCursor = (cursor: string, scope: string, secret: string): PageKey => {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalidCursor();
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidCursor();
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success || parsed.data.s !== scope) throw invalidCursor();
  return parsed.data.k;
};

/** Page-size query parameter: 1..max, default `fallback`. */
export const limitParam = (max: number, fallback: number) => z._default(coercedNumber().check(z.int(), z.gte(1), z.lte(max)), fallback);

/** Cursor query parameter: bounded, base64url alphabet only. */
export const cursorParam = () => z.optional(z.string().check(z.maxLength(2048), z.regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'Invalid cursor')));

/**
 * A page of a listing: `nextCursor` is null on the last page (and a page that ends exactly at the
 * end of the data is the last page: no trailing empty page).
 */
export const pageOf = <T extends z.core.SomeType>(item: T, id: string) =>
  withMeta(
    z.object({
      items: z.array(item),
      nextCursor: withMeta(z.nullable(z.string()), DOCS && { description: 'Send as `cursor` for the next page; null on the last page.', example: null }),
    }),
    DOCS && { id, description: 'One page of results, oldest first unless the route says otherwise.' },
  );
