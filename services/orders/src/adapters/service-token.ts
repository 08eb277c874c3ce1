import * as z from 'zod/mini';
import { ServiceAuthUnavailableError } from '../domain/errors';
import type { RetryPolicy } from './http-retry';
import { callWithRetries, RetriesExhaustedError } from './http-retry';

/** A bearer token for calling other services as `service` (role), cached per container. */
export interface ServiceTokenProvider {
  get(options?: { deadline?: number }): Promise<string>;
  /** Forget the cached token (e.g. after a 401), so the next get() fetches a new one. */
  invalidate(): void;
}

export interface ServiceTokenOptions {
  /** `https://<domain>/v1/users` */
  usersBaseUrl: string;
  clientId: string;
  clientSecret: () => Promise<string>;
  policy: RetryPolicy;
  now?: () => number;
}

/** Refresh this long before the token expires (clock skew, long requests). */
export const REFRESH_MARGIN_MS = 60_000;

const tokenAnswer = z.object({ accessToken: z.string().check(z.minLength(1)), expiresIn: z.number().check(z.int(), z.positive()) });

/**
 * Client credentials against the users service: POST /service-tokens {clientId, clientSecret} ->
 * {accessToken, expiresIn}. One token per container, reused until ~60 s before it expires;
 * concurrent callers share one request. (Module-scope state is a credential of the function, not
 * request data.)
 */
export const serviceTokenProvider = (options: ServiceTokenOptions): ServiceTokenProvider => {
  const now = options.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  const fetchToken = async (deadline?: number): Promise<string> => {
    const clientSecret = await options.clientSecret();
    let answer;
    try {
      answer = await callWithRetries(
        {
          method: 'POST',
          url: `${options.usersBaseUrl}/service-tokens`,
          body: { clientId: options.clientId, clientSecret },
          ...(deadline !== undefined ? { deadline } : {}),
        },
        options.policy,
      );
    } catch (error) {
      if (error instanceof RetriesExhaustedError) {
        throw new ServiceAuthUnavailableError(`The users service ${error.reason}.`, { cause: error });
      }
      throw error;
    }
    const parsed = tokenAnswer.safeParse(answer.body);
    if ((answer.status !== 200 && answer.status !== 201) || !parsed.success) {
      throw new ServiceAuthUnavailableError(`The users service did not issue a service token (status ${answer.status}).`);
    }
    cached = { token: parsed.data.accessToken, refreshAt: now() + parsed.data.expiresIn * 1000 - REFRESH_MARGIN_MS };
    return parsed.data.accessToken;
  };

  return {
    get(getOptions = {}) {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      inflight ??= fetchToken(getOptions.deadline).finally(() => {
        inflight = undefined;
      });
      return inflight;
    },
    invalidate() {
      cached = undefined;
    },
  };
};
