/**
 * What the front door answered, kept for the local console (docs/adr/0019): per route counts,
 * recent latencies, a short time series, and the last requests in a ring buffer. Recording is on
 * the request path (the uncached handler path is benchmarked), so it allocates nothing per request:
 * counters are typed arrays made once per route, the ring's slots are made once, and the strings
 * it keeps are the ones the request already had. Figures are computed when someone asks.
 */

/** Latencies kept per route (and for all routes together) for percentiles: the most recent ones. */
export const LATENCY_RESERVOIR = 1024;
/** Requests kept in the ring buffer. */
export const RECENT_CAPACITY = 500;
/** The time series: this many intervals of this length (5 minutes). */
export const SERIES_INTERVAL_MS = 5_000;
export const SERIES_LENGTH = 60;

export type Clock = () => number;

/** What the recorder needs to know of a route (gateway/router's Route has it). */
export interface RecordedRoute {
  method: string;
  resource: string;
}

/** What the recorder needs to know of a mounted service (gateway/pipeline's MountedService has it). */
export interface RecordedService {
  name: string;
  basePath: string;
}

export const CACHE_NONE = 0;
export const CACHE_HIT = 1;
export const CACHE_MISS = 2;
export type CacheOutcome = typeof CACHE_NONE | typeof CACHE_HIT | typeof CACHE_MISS;

/**
 * One answered request. The front door's adapter fills one such object per console and reuses it
 * (record() copies what it keeps), so recording allocates nothing.
 */
export interface RequestFacts {
  /** The service the request was for, when its base path matched one. */
  service: RecordedService | undefined;
  /** The route it matched, when one did. */
  route: RecordedRoute | undefined;
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  status: number;
  durationMs: number;
  /** The gateway's id of the call (X-Amzn-RequestId). */
  requestId: string;
  /** The id functions log as `correlation_id`: the caller's usable X-Request-Id, else the gateway's id. */
  correlationId: string;
  cache: CacheOutcome;
  /** Answered by the gateway itself (a gateway response), not by a function. */
  gateway: boolean;
  /** The API key's id, on a keyed route the key was admitted to. */
  apiKeyId: string | undefined;
}

export const emptyFacts = (): RequestFacts => ({
  service: undefined,
  route: undefined,
  method: '',
  target: '',
  status: 0,
  durationMs: 0,
  requestId: '',
  correlationId: '',
  cache: CACHE_NONE,
  gateway: false,
  apiKeyId: undefined,
});

/** Requests per interval and the errors among them, over the last SERIES_LENGTH intervals. */
class Series {
  private readonly counts = new Uint32Array(SERIES_LENGTH);
  private readonly errors = new Uint32Array(SERIES_LENGTH);
  /** The interval number (time / SERIES_INTERVAL_MS) of the newest slot. */
  private newest = -1;

  private advance(now: number): number {
    const interval = Math.floor(now / SERIES_INTERVAL_MS);
    if (this.newest < 0) this.newest = interval;
    if (interval > this.newest) {
      const passed = Math.min(interval - this.newest, SERIES_LENGTH);
      for (let i = 1; i <= passed; i += 1) {
        const slot = (this.newest + i) % SERIES_LENGTH;
        this.counts[slot] = 0;
        this.errors[slot] = 0;
      }
      this.newest = interval;
    }
    return interval;
  }

  add(now: number, error: boolean): void {
    const interval = this.advance(now);
    // A request that ends in an interval already left (a clock step back) counts in the newest.
    const slot = (interval < this.newest ? this.newest : interval) % SERIES_LENGTH;
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
    if (error) this.errors[slot] = (this.errors[slot] ?? 0) + 1;
  }

  /** Oldest first, the newest (current, partial) interval last. */
  view(now: number): { requests: number[]; errors: number[] } {
    const interval = this.advance(now);
    const requests: number[] = [];
    const errors: number[] = [];
    for (let i = SERIES_LENGTH - 1; i >= 0; i -= 1) {
      const slot = (((interval - i) % SERIES_LENGTH) + SERIES_LENGTH) % SERIES_LENGTH;
      requests.push(this.counts[slot] ?? 0);
      errors.push(this.errors[slot] ?? 0);
    }
    return { requests, errors };
  }
}

/** The nearest-rank percentile of ascending values (undefined when there are none). */
export const percentile = (sorted: ArrayLike<number>, p: number): number | undefined => {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
};

const round = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms * 100) / 100);

/** Counters of one route (or of every request together). */
class Stats {
  requests = 0;
  /** By status class: index 1 = 1xx ... 5 = 5xx. */
  readonly byClass = new Uint32Array(6);
  cacheHits = 0;
  cacheMisses = 0;
  throttled = 0;
  private readonly latencies = new Float64Array(LATENCY_RESERVOIR);
  private latencyCount = 0;
  private readonly series = new Series();

  add(facts: RequestFacts, now: number): void {
    this.requests += 1;
    const statusClass = Math.min(5, Math.max(1, Math.floor(facts.status / 100)));
    this.byClass[statusClass] = (this.byClass[statusClass] ?? 0) + 1;
    if (facts.cache === CACHE_HIT) this.cacheHits += 1;
    else if (facts.cache === CACHE_MISS) this.cacheMisses += 1;
    if (facts.gateway && facts.status === 429) this.throttled += 1;
    this.latencies[this.latencyCount % LATENCY_RESERVOIR] = facts.durationMs;
    this.latencyCount += 1;
    this.series.add(now, facts.status >= 400);
  }

  view(now: number): StatsView {
    const kept = this.latencies.slice(0, Math.min(this.latencyCount, LATENCY_RESERVOIR)).sort();
    const cacheable = this.cacheHits + this.cacheMisses;
    return {
      requests: this.requests,
      status: {
        '1xx': this.byClass[1] ?? 0,
        '2xx': this.byClass[2] ?? 0,
        '3xx': this.byClass[3] ?? 0,
        '4xx': this.byClass[4] ?? 0,
        '5xx': this.byClass[5] ?? 0,
      },
      clientErrors: this.byClass[4] ?? 0,
      serverErrors: this.byClass[5] ?? 0,
      p50Ms: round(percentile(kept, 50)),
      p99Ms: round(percentile(kept, 99)),
      latencySamples: kept.length,
      cacheHits: this.cacheHits,
      cacheMisses: this.cacheMisses,
      cacheHitRatio: cacheable === 0 ? null : Math.round((this.cacheHits / cacheable) * 1000) / 1000,
      throttled: this.throttled,
      series: this.series.view(now),
    };
  }
}

export interface StatsView {
  requests: number;
  status: Record<'1xx' | '2xx' | '3xx' | '4xx' | '5xx', number>;
  clientErrors: number;
  serverErrors: number;
  /** Over the last LATENCY_RESERVOIR requests (latencySamples says how many); null before any. */
  p50Ms: number | null;
  p99Ms: number | null;
  latencySamples: number;
  cacheHits: number;
  cacheMisses: number;
  /** Hits / (hits + misses) on cached routes; null when nothing was looked up in the cache. */
  cacheHitRatio: number | null;
  /** 429s the gateway answered (stage, usage plan and per-client throttles, quotas). */
  throttled: number;
  /** Requests and errors (4xx + 5xx) per SERIES_INTERVAL_MS, oldest first. */
  series: { requests: number[]; errors: number[] };
}

/** Where a request's counters go: its route, else its service (no route matched), else nowhere known. */
export interface StatsKey {
  /** The service's name (its stack: catalog-v2), or undefined for paths under no service. */
  stack: string | undefined;
  basePath: string | undefined;
  /** Undefined for requests no route matched (404, 405, a CORS preflight, a per-client 429...). */
  method: string | undefined;
  resource: string | undefined;
}

export interface RecentRequest {
  /** Epoch ms when the request came in. */
  time: number;
  method: string;
  target: string;
  status: number;
  durationMs: number;
  requestId: string;
  correlationId: string;
  stack: string | null;
  /** The route's method and resource (`GET /products/{id}`), null when none matched. */
  route: string | null;
  cache: 'hit' | 'miss' | null;
  gateway: boolean;
  apiKeyId: string | null;
}

/** A slot of the ring buffer: written in place, never replaced. */
interface Slot {
  time: number;
  method: string;
  target: string;
  status: number;
  durationMs: number;
  requestId: string;
  correlationId: string;
  service: RecordedService | undefined;
  route: RecordedRoute | undefined;
  cache: CacheOutcome;
  gateway: boolean;
  apiKeyId: string | undefined;
}

const NO_SERVICE: RecordedService = { name: '', basePath: '' };

export class RequestRecorder {
  readonly startedAt: number;
  private readonly total = new Stats();
  /** By route object (a route of a service), by service object (its unmatched requests), or NO_SERVICE. */
  private readonly stats = new Map<object, { key: StatsKey; stats: Stats }>();
  private readonly ring: Slot[];
  private written = 0;

  constructor(
    private readonly clock: Clock = Date.now,
    readonly capacity: number = RECENT_CAPACITY,
  ) {
    this.startedAt = clock();
    this.ring = Array.from({ length: capacity }, () => ({ ...emptyFacts(), time: 0 }));
  }

  /** Records one answered request. Copies what it keeps from `facts`: the caller may reuse it. */
  record(facts: RequestFacts): void {
    const now = this.clock();
    this.total.add(facts, now);
    const owner: object = facts.route ?? facts.service ?? NO_SERVICE;
    let entry = this.stats.get(owner);
    if (!entry) {
      // Once per route (or service): the only allocation, bounded by what is mounted.
      entry = {
        key: {
          stack: facts.service?.name,
          basePath: facts.service?.basePath,
          method: facts.route?.method,
          resource: facts.route?.resource,
        },
        stats: new Stats(),
      };
      this.stats.set(owner, entry);
    }
    entry.stats.add(facts, now);
    const slot = this.ring[this.written % this.capacity]!;
    this.written += 1;
    slot.time = now - facts.durationMs;
    slot.method = facts.method;
    slot.target = facts.target;
    slot.status = facts.status;
    slot.durationMs = facts.durationMs;
    slot.requestId = facts.requestId;
    slot.correlationId = facts.correlationId;
    slot.service = facts.service;
    slot.route = facts.route;
    slot.cache = facts.cache;
    slot.gateway = facts.gateway;
    slot.apiKeyId = facts.apiKeyId;
  }

  /** Every request together. */
  totals(): StatsView {
    return this.total.view(this.clock());
  }

  /** The counters of every route (and service, for unmatched requests) that had a request. */
  byRoute(): { key: StatsKey; view: StatsView }[] {
    const now = this.clock();
    return [...this.stats.values()].map(({ key, stats }) => ({ key, view: stats.view(now) }));
  }

  /** How many requests were recorded in all (the ring keeps the last `capacity`). */
  get recorded(): number {
    return this.written;
  }

  /** The requests still in the ring, newest first; `limit` at most. */
  recent(limit: number = this.capacity, filter?: (request: RecentRequest) => boolean): RecentRequest[] {
    const kept = Math.min(this.written, this.capacity);
    const result: RecentRequest[] = [];
    for (let i = 1; i <= kept && result.length < limit; i += 1) {
      const slot = this.ring[(this.written - i) % this.capacity]!;
      const request: RecentRequest = {
        time: slot.time,
        method: slot.method,
        target: slot.target,
        status: slot.status,
        durationMs: Math.round(slot.durationMs * 100) / 100,
        requestId: slot.requestId,
        correlationId: slot.correlationId,
        stack: slot.service?.name ?? null,
        route: slot.route ? `${slot.route.method} ${slot.route.resource}` : null,
        cache: slot.cache === CACHE_HIT ? 'hit' : slot.cache === CACHE_MISS ? 'miss' : null,
        gateway: slot.gateway,
        apiKeyId: slot.apiKeyId ?? null,
      };
      if (!filter || filter(request)) result.push(request);
    }
    return result;
  }

  /**
   * The requests of one call across services, oldest first: `id` is a gateway id (X-Amzn-RequestId)
   * or a correlation id (X-Request-Id); every request that carried the same correlation id is in
   * (an order placement and the calls orders made to catalog and users for it), in the order
   * they came in.
   */
  trace(id: string): { correlationId: string; requests: RecentRequest[] } | undefined {
    const byGatewayId = this.recent(this.capacity, (request) => request.requestId === id)[0];
    const correlationId = byGatewayId?.correlationId ?? id;
    const requests = this.recent(this.capacity, (request) => request.correlationId === correlationId).sort((a, b) => a.time - b.time);
    return requests.length === 0 ? undefined : { correlationId, requests };
  }
}
