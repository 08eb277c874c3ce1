import type { ApiKeyStore } from '../api-management/store';
import { daysBetween, utcDay } from '../api-management/quota';
import type { MountedService } from '../gateway/pipeline';
import type { Route } from '../gateway/router';
import type { StageCache } from '../gateway/stage-cache';
import type { CapturedLine, LogCapture } from './log-capture';
import type { RecentRequest, RequestRecorder, StatsView } from './request-recorder';
import { SERIES_INTERVAL_MS, SERIES_LENGTH } from './request-recorder';

/**
 * The figures of the local console as JSON (docs/adr/0019), for the page and for scripts:
 * GET <console>/api/services, /api/metrics, /api/requests, /api/requests/{id}, /api/keys.
 * Everything here runs when asked, never on the request path.
 */

export interface ConsoleSources {
  stage: string;
  services: readonly MountedService[];
  cache: StageCache;
  recorder: RequestRecorder;
  capture: LogCapture | undefined;
  apiKeys: () => ApiKeyStore | undefined;
  clock: () => number;
}

export interface RouteInfo {
  /** `<stack> <METHOD> <resource>`: catalog-v2 GET /products/{id}. */
  id: string;
  stack: string;
  version: string;
  method: string;
  /** The path on the domain: base path + resource. */
  path: string;
  resource: string;
  function: string;
  auth: { apiKey: boolean; authorizer: string | null };
  /** 0: not cached. */
  cacheTtlSeconds: number;
  throttle: { rateLimit: number; burstLimit: number };
}

const routeId = (stack: string, method: string, resource: string) => `${stack} ${method} ${resource}`;
const versionOf = (basePath: string) => basePath.split('/')[1] ?? '';

const routeInfo = (service: MountedService, route: Route, cache: StageCache): RouteInfo => {
  const authorizer = route.http.authorizer;
  return {
    id: routeId(service.name, route.method, route.resource),
    stack: service.name,
    version: versionOf(service.basePath),
    method: route.method,
    path: `${service.basePath}${route.resource === '/' ? '' : route.resource}`,
    resource: route.resource,
    function: route.functionName,
    auth: {
      apiKey: route.http.private === true,
      authorizer: authorizer === undefined ? null : typeof authorizer === 'string' ? authorizer : ((authorizer as { name?: string }).name ?? 'authorizer'),
    },
    cacheTtlSeconds: cache.ttlSecondsOf(route),
    throttle: { rateLimit: route.stage.throttle.rateLimit, burstLimit: route.stage.throttle.burstLimit },
  };
};

const byPath = (a: RouteInfo, b: RouteInfo) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method);

/** The mounted services (one per stack: catalog v1 and v2 are two) and their routes. */
export const servicesView = (sources: ConsoleSources) => ({
  stage: sources.stage,
  services: sources.services.map((service) => ({
    stack: service.name,
    version: versionOf(service.basePath),
    basePath: service.basePath,
    functions: service.functions.size,
    routes: service.router
      .list()
      .map((route) => routeInfo(service, route, sources.cache))
      .sort(byPath),
  })),
});

/** Every route with its figures (zeros when it had no request yet), the requests no route matched, and the totals. */
export const metricsView = (sources: ConsoleSources) => {
  const { recorder } = sources;
  const measured = new Map(recorder.byRoute().map(({ key, view }) => [routeId(key.stack ?? '', key.method ?? '', key.resource ?? ''), { key, view }]));
  const empty = (): StatsView => ({
    requests: 0,
    status: { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
    clientErrors: 0,
    serverErrors: 0,
    p50Ms: null,
    p99Ms: null,
    latencySamples: 0,
    cacheHits: 0,
    cacheMisses: 0,
    cacheHitRatio: null,
    throttled: 0,
    series: { requests: new Array<number>(SERIES_LENGTH).fill(0), errors: new Array<number>(SERIES_LENGTH).fill(0) },
  });
  const routes = sources.services.flatMap((service) =>
    service.router
      .list()
      .map((route) => routeInfo(service, route, sources.cache))
      .sort(byPath)
      .map((info) => {
        const found = measured.get(info.id);
        measured.delete(info.id);
        return { ...info, metrics: found?.view ?? empty() };
      }),
  );
  // What is left had no route: a service's unknown paths and wrong methods, or paths under no service.
  const unmatched = [...measured.values()].map(({ key, view }) => ({
    stack: key.stack ?? null,
    basePath: key.basePath ?? null,
    metrics: view,
  }));
  return {
    stage: sources.stage,
    startedAt: new Date(recorder.startedAt).toISOString(),
    now: new Date(sources.clock()).toISOString(),
    intervalSeconds: SERIES_INTERVAL_MS / 1000,
    recorded: recorder.recorded,
    totals: recorder.totals(),
    routes,
    unmatched,
  };
};

export const requestsView = (sources: ConsoleSources, limit: number) => ({
  capacity: sources.recorder.capacity,
  recorded: sources.recorder.recorded,
  requests: sources.recorder.recent(limit).map(requestView),
});

const requestView = (request: RecentRequest) => ({ ...request, time: new Date(request.time).toISOString() });

/** Fields every Powertools line has that the console shows on their own or not at all. */
const STANDARD_FIELDS = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'correlation_id',
  'sampling_rate',
  'xray_trace_id',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'cold_start',
]);

export interface LogLineView {
  time: string;
  service: string | null;
  function: string | null;
  level: string | null;
  message: string | null;
  /** The line's other fields (route, status, durationMs, error...). */
  fields: Record<string, unknown>;
  /** The line as written, when it is not JSON (cut at its length limit). */
  text?: string;
}

const logLineView = (line: CapturedLine): LogLineView => {
  let entry: Record<string, unknown> | undefined;
  if (!line.truncated) {
    try {
      const parsed: unknown = JSON.parse(line.text);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) entry = parsed as Record<string, unknown>;
    } catch {
      entry = undefined;
    }
  }
  if (!entry) return { time: new Date(line.time).toISOString(), service: null, function: null, level: null, message: null, fields: {}, text: line.text };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    time: text(entry['timestamp']) ?? new Date(line.time).toISOString(),
    service: text(entry['service']),
    function: text(entry['function_name']),
    level: text(entry['level']),
    message: text(entry['message']),
    fields: Object.fromEntries(Object.entries(entry).filter(([name]) => !STANDARD_FIELDS.has(name))),
  };
};

/**
 * One call across services: `id` is a gateway id (X-Amzn-RequestId) or a correlation id
 * (X-Request-Id). Its requests through the front door (the outer call and every call made for it
 * with the same X-Request-Id) and the functions' log lines that carry its correlation id.
 * Undefined when neither is still kept.
 */
export const traceView = (sources: ConsoleSources, id: string) => {
  const trace = sources.recorder.trace(id);
  const correlationId = trace?.correlationId ?? id;
  const logs = sources.capture?.linesOf(correlationId) ?? [];
  if (!trace && logs.length === 0) return undefined;
  return {
    id,
    correlationId,
    requests: (trace?.requests ?? []).map(requestView),
    services: [...new Set((trace?.requests ?? []).flatMap((request) => (request.stack ? [request.stack] : [])))],
    logs: logs.map(logLineView),
    logCapture: sources.capture !== undefined,
  };
};

const DAYS_SHOWN = 7;

/** API keys (values shown by their last 4 characters), their usage plans, and their usage by day. */
export const keysView = (sources: ConsoleSources) => {
  const store = sources.apiKeys();
  if (!store) return { plans: [], keys: [], note: 'No platform stack: no API keys nor usage plans.' };
  const today = utcDay(new Date(sources.clock()));
  const first = new Date(`${today}T00:00:00.000Z`);
  first.setUTCDate(first.getUTCDate() - (DAYS_SHOWN - 1));
  const days = daysBetween(utcDay(first), today);
  return {
    days,
    plans: store.listPlans().map((plan) => ({
      id: plan.id,
      name: plan.name,
      ...(plan.description !== undefined ? { description: plan.description } : {}),
      throttle: plan.throttle ?? null,
      quota: plan.quota ?? null,
      keys: store.planKeysOf(plan.id).length,
    })),
    keys: store.listKeys().map((key) => {
      const plan = store.listPlans(key.id)[0];
      const usage = plan ? (store.usageOf(plan.id, days[0] ?? today, today, key.id)[key.id] ?? []) : [];
      const latest = usage[usage.length - 1];
      return {
        id: key.id,
        name: key.name,
        enabled: key.enabled,
        value: `…${key.value.slice(-4)}`,
        ...(key.customerId !== undefined ? { customerId: key.customerId } : {}),
        createdDate: new Date(key.createdDate * 1000).toISOString(),
        plan: plan ? { id: plan.id, name: plan.name } : null,
        usage: {
          today: latest?.[0] ?? 0,
          byDay: usage.map(([used]) => used),
          quota: plan?.quota ?? null,
          /** What the quota of the current period has left (null: no quota). */
          remaining: plan?.quota ? (latest?.[1] ?? plan.quota.limit) : null,
        },
      };
    }),
  };
};
