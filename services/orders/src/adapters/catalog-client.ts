import * as CATALOG_PROBLEMS from '@emporium/catalog-contract/problems';
import type { ReserveStockBody } from '@emporium/catalog-contract/schemas/reservation';
import { reservationV2Schema } from '@emporium/catalog-contract/v2/reservation';
import { commitReservation } from '@emporium/catalog-contract/v2/operations/commit-reservation';
import { releaseReservation } from '@emporium/catalog-contract/v2/operations/release-reservation';
import { reserveStock } from '@emporium/catalog-contract/v2/operations/reserve-stock';
import type { FieldError } from '@emporium/common/errors';
import { problemSchema } from '@emporium/common/http/problem';
import { pathOf } from '@emporium/common/http/route';
import * as z from 'zod/mini';
import { CatalogBadResponseError, CatalogUnavailableError, InsufficientStockError, OrderAttemptUndoneError, ProductUnavailableError } from '../domain/errors';
import type { ReservedLine } from '../domain/pricing';
import type { CallOptions, CatalogClient } from '../ports';
import type { JsonAnswer, JsonCall, RetryPolicy } from './http-retry';
import { callWithRetries, RetriesExhaustedError } from './http-retry';
import type { ServiceTokenProvider } from './service-token';

export interface CatalogClientOptions {
  /** `https://<domain>/v2/catalog` */
  baseUrl: string;
  policy: RetryPolicy;
  /** The bearer token for reservation calls (role `service`). */
  serviceToken: ServiceTokenProvider;
}

/** Defaults: 2 s per attempt, 3 attempts, 100 ms -> 200 ms backoff (full jitter): ~6.3 s at worst. */
export const DEFAULT_CATALOG_POLICY: RetryPolicy = { timeoutMs: 2000, attempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };

/** The fields orders reads from catalog's reservation (catalog sends more; they are ignored). */
const reservationAnswer = z.pick(reservationV2Schema, { id: true, lines: true, status: true });

/** Catalog's problem envelope (the platform's one), read as published. */
const problemAnswer = z.partial(problemSchema);

const problemOf = (answer: JsonAnswer) => {
  const parsed = problemAnswer.safeParse(answer.body);
  return parsed.success ? parsed.data : {};
};

const unexpected = (what: string, answer: JsonAnswer) => new CatalogBadResponseError(`Catalog answered ${what} with an unexpected status ${answer.status}.`);

/**
 * Catalog (API v2) over HTTP. Every call here is idempotent (reservations are keyed by the order
 * id; commit and release change a reservation once), so each is retried on network errors,
 * timeouts, 5xx and 429.
 * Unreachable/slow/failing -> 503 CATALOG_UNAVAILABLE; a malformed answer -> 502 CATALOG_BAD_RESPONSE.
 */
export const httpCatalogClient = (options: CatalogClientOptions): CatalogClient => {
  const call = async (request: JsonCall): Promise<JsonAnswer> => {
    const send = async () => {
      const token = await options.serviceToken.get(request.deadline !== undefined ? { deadline: request.deadline } : {});
      return callWithRetries({ ...request, headers: { authorization: `Bearer ${token}` } }, options.policy);
    };
    try {
      let answer = await send();
      if (answer.status === 401) {
        options.serviceToken.invalidate(); // rotated key or expired early: one fresh token, one more try
        answer = await send();
      }
      if (answer.status === 401 || answer.status === 403) {
        throw new CatalogBadResponseError(`Catalog refused orders' service credential (${answer.status}).`);
      }
      return answer;
    } catch (error) {
      if (error instanceof RetriesExhaustedError) {
        throw new CatalogUnavailableError(`Catalog ${error.reason}; nothing was ordered. Retry later.`, { cause: error, delivered: error.delivered });
      }
      throw error;
    }
  };

  const url = (path: string) => `${options.baseUrl}${path}`;

  return {
    async reserve(reservationId, lines, callOptions: CallOptions = {}): Promise<ReservedLine[]> {
      const body: ReserveStockBody = { reservationId, lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) };
      const answer = await call({ method: reserveStock.method, url: url(pathOf(reserveStock)), body, ...callOptions });
      if (answer.status === 200 || answer.status === 201) {
        const parsed = reservationAnswer.safeParse(answer.body);
        if (!parsed.success || parsed.data.id !== reservationId) throw new CatalogBadResponseError(`Catalog sent a malformed reservation ${reservationId}.`);
        return parsed.data.lines;
      }
      const problem = problemOf(answer);
      const errors: FieldError[] | undefined = problem.errors;
      if (problem.code === CATALOG_PROBLEMS.RESERVATION_RELEASED.code) throw new OrderAttemptUndoneError();
      if (problem.code === CATALOG_PROBLEMS.INSUFFICIENT_STOCK.code) {
        throw new InsufficientStockError({ detail: 'Not enough stock for some lines; nothing was ordered.', ...(errors ? { errors } : {}) });
      }
      if (problem.code === CATALOG_PROBLEMS.PRODUCT_UNAVAILABLE.code) {
        throw new ProductUnavailableError({
          detail: problem.detail ?? 'Some products cannot be reserved; nothing was ordered.',
          ...(errors ? { errors } : {}),
        });
      }
      throw unexpected('a reservation', answer);
    },

    async commit(reservationId, callOptions: CallOptions = {}) {
      const answer = await call({
        method: commitReservation.method,
        url: url(pathOf(commitReservation, { id: reservationId })),
        ...callOptions,
      });
      if (answer.status === 200) return;
      // Released meanwhile: the hold expired (the attempt took longer than catalog holds stock).
      if (problemOf(answer).code === CATALOG_PROBLEMS.RESERVATION_RELEASED.code) throw new OrderAttemptUndoneError();
      throw unexpected('a commit', answer);
    },

    async release(reservationId, callOptions: CallOptions = {}) {
      const answer = await call({
        method: releaseReservation.method,
        url: url(pathOf(releaseReservation, { id: reservationId })),
        ...callOptions,
      });
      if (answer.status === 200) return 'released';
      if (answer.status === 404) return 'not-found';
      throw unexpected('a release', answer);
    },
  };
};
