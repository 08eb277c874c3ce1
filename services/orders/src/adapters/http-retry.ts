import { correlationHeaders } from '@emporium/common/correlation';
/**
 * One JSON call over global fetch with a per-attempt timeout and bounded retries (exponential
 * backoff with full jitter), for idempotent requests only. Retries network errors, timeouts, 5xx
 * and 429; any other answer is returned to the caller as is. Never runs past `deadline`.
 */
export interface RetryPolicy {
  /** Per-attempt timeout (AbortSignal.timeout). */
  timeoutMs: number;
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; Math.random by default. */
  random?: () => number;
}

export interface JsonCall {
  method: 'GET' | 'POST';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Epoch ms; no attempt starts (or waits) past it. */
  deadline?: number;
}

export interface JsonAnswer {
  status: number;
  /** Parsed JSON, or undefined when the body is empty or not JSON. */
  body: unknown;
}

/**
 * Every attempt failed in a retryable way (or time ran out); `reason` says how the last one failed.
 * `delivered` is false when no attempt can have reached the server (each one failed to connect, or
 * none was made): the request certainly had no effect there.
 */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly reason: string,
    readonly delivered: boolean,
    options?: ErrorOptions,
  ) {
    super(reason, options);
  }
}

/** Connection errors that happen before a byte of the request is sent (the cause of fetch's TypeError). */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const neverSent = (error: unknown): boolean => {
  const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && NOT_SENT.has(code);
};

/** Less than this left before the deadline: do not start another attempt. */
const MIN_ATTEMPT_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isTimeout = (error: unknown): boolean => {
  const name = (error as { name?: string } | null)?.name;
  return name === 'TimeoutError' || name === 'AbortError';
};

const parse = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

export const callWithRetries = async (call: JsonCall, policy: RetryPolicy): Promise<JsonAnswer> => {
  const random = policy.random ?? Math.random;
  const deadline = call.deadline ?? Number.POSITIVE_INFINITY;
  let reason = 'no attempt made: no time left';
  let lastError: unknown;
  let delivered = false;
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    const remaining = deadline - Date.now();
    if (remaining < MIN_ATTEMPT_MS) break;
    const timeoutMs = Math.min(policy.timeoutMs, remaining);
    try {
      const response = await fetch(call.url, {
        method: call.method,
        headers: {
          accept: 'application/json',
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          // The request id and trace header of the request being served: one id across services.
          ...correlationHeaders(),
          ...call.headers,
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (response.status < 500 && response.status !== 429) return { status: response.status, body: parse(text) };
      reason = `answered ${response.status}`;
      lastError = undefined;
      delivered = true;
    } catch (error) {
      reason = isTimeout(error) ? `timed out after ${timeoutMs} ms` : `unreachable (${(error as Error).message})`;
      lastError = error;
      if (!neverSent(error)) delivered = true;
    }
    if (attempt === policy.attempts) break;
    const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * random();
    if (Date.now() + backoff + MIN_ATTEMPT_MS > deadline) break;
    await sleep(backoff);
  }
  throw new RetriesExhaustedError(reason, delivered, lastError === undefined ? undefined : { cause: lastError });
};
