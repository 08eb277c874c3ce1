import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request being served, for everything the handler calls: its request id (the caller's
 * X-Request-Id, or the gateway's) and the X-Ray trace header. Calls to other services forward
 * both (`correlationHeaders()`), so one order placement is followed across orders, catalog and
 * users by one id. Set by the shared HTTP handler wrapper around each request's code.
 */
export interface Correlation {
  requestId: string;
  /** `Root=1-...;Parent=...;Sampled=1`: Lambda's `_X_AMZN_TRACE_ID` for this invocation. */
  traceHeader?: string;
}

const store = new AsyncLocalStorage<Correlation>();

export const withCorrelation = <T>(correlation: Correlation, fn: () => Promise<T>): Promise<T> => store.run(correlation, fn);

export const currentCorrelation = (): Correlation | undefined => store.getStore();

/** Headers for a call to another service: the request id and the trace header, when serving a request. */
export const correlationHeaders = (): Record<string, string> => {
  const correlation = store.getStore();
  if (!correlation) return {};
  return { 'x-request-id': correlation.requestId, ...(correlation.traceHeader ? { 'x-amzn-trace-id': correlation.traceHeader } : {}) };
};
