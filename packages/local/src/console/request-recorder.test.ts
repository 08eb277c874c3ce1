import type { RequestFacts } from './request-recorder';
import { CACHE_HIT, CACHE_MISS, emptyFacts, LATENCY_RESERVOIR, percentile, RequestRecorder, SERIES_INTERVAL_MS, SERIES_LENGTH } from './request-recorder';

const catalog = { name: 'catalog', basePath: '/v1/catalog' };
const getProduct = { method: 'GET', resource: '/products/{id}' };
const listProducts = { method: 'GET', resource: '/products' };

let now = 1_700_000_000_000;
const clock = () => now;

/** One reused facts object, as the front door's adapter does. */
const facts = emptyFacts();
const answer = (recorder: RequestRecorder, given: Partial<RequestFacts>) => {
  Object.assign(
    facts,
    emptyFacts(),
    { service: catalog, route: getProduct, method: 'GET', target: '/v1/catalog/products/1', status: 200, durationMs: 5, requestId: 'gw', correlationId: 'gw' },
    given,
  );
  recorder.record(facts);
};

const routeView = (recorder: RequestRecorder, route: { resource: string }) => recorder.byRoute().find((entry) => entry.key.resource === route.resource)?.view;

describe('percentile', () => {
  it('is the nearest-rank value of sorted samples', () => {
    const values = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('RequestRecorder', () => {
  it('counts each route: requests, 4xx and 5xx, cache hits and misses, and the 429s the gateway answered', () => {
    const recorder = new RequestRecorder(clock);
    answer(recorder, { status: 200, cache: CACHE_MISS });
    answer(recorder, { status: 200, cache: CACHE_HIT });
    answer(recorder, { status: 200, cache: CACHE_HIT });
    answer(recorder, { status: 404, cache: CACHE_HIT });
    answer(recorder, { status: 429, gateway: true });
    // A function's own 429 is not the gateway throttling.
    answer(recorder, { status: 429, gateway: false });
    answer(recorder, { status: 502, gateway: true });
    answer(recorder, { route: listProducts, status: 200 });

    const view = routeView(recorder, getProduct)!;
    expect(view).toMatchObject({ requests: 7, clientErrors: 3, serverErrors: 1, cacheHits: 3, cacheMisses: 1, cacheHitRatio: 0.75, throttled: 1 });
    expect(view.status).toEqual({ '1xx': 0, '2xx': 3, '3xx': 0, '4xx': 3, '5xx': 1 });
    expect(routeView(recorder, listProducts)).toMatchObject({ requests: 1, cacheHitRatio: null });
    expect(recorder.totals()).toMatchObject({ requests: 8, clientErrors: 3, serverErrors: 1, throttled: 1 });
  });

  it('puts requests no route matched under their service, or under no service', () => {
    const recorder = new RequestRecorder(clock);
    answer(recorder, { route: undefined, status: 404, gateway: true });
    answer(recorder, { route: undefined, service: undefined, status: 404, gateway: true });
    expect(recorder.byRoute().map(({ key, view }) => [key.stack, key.resource, view.requests])).toEqual([
      ['catalog', undefined, 1],
      [undefined, undefined, 1],
    ]);
  });

  it('computes p50 and p99 from the last LATENCY_RESERVOIR latencies of a route', () => {
    const recorder = new RequestRecorder(clock);
    for (let i = 0; i < 500; i += 1) answer(recorder, { durationMs: 1000 });
    for (let i = 1; i <= LATENCY_RESERVOIR; i += 1) answer(recorder, { durationMs: i / 10 });
    const view = routeView(recorder, getProduct)!;
    expect(view.latencySamples).toBe(LATENCY_RESERVOIR);
    // The slow first 500 have left the reservoir.
    expect(view.p50Ms).toBeCloseTo(51.2, 5);
    expect(view.p99Ms).toBeCloseTo(101.4, 5);
  });

  it('keeps the last `capacity` requests, newest first, with what each was', () => {
    const recorder = new RequestRecorder(clock, 5);
    for (let i = 1; i <= 12; i += 1)
      answer(recorder, { target: `/v1/catalog/products/${i}`, requestId: `gw-${i}`, correlationId: `gw-${i}`, status: i === 12 ? 404 : 200 });
    const recent = recorder.recent();
    expect(recorder.recorded).toBe(12);
    expect(recent.map((request) => request.requestId)).toEqual(['gw-12', 'gw-11', 'gw-10', 'gw-9', 'gw-8']);
    expect(recent[0]).toMatchObject({
      method: 'GET',
      target: '/v1/catalog/products/12',
      status: 404,
      stack: 'catalog',
      route: 'GET /products/{id}',
      cache: null,
      gateway: false,
    });
    expect(recorder.recent(2)).toHaveLength(2);
  });

  it('copies what it keeps: the facts object is reused for the next request', () => {
    const recorder = new RequestRecorder(clock);
    answer(recorder, { requestId: 'first', target: '/a' });
    facts.requestId = 'changed afterwards';
    expect(recorder.recent()[0]).toMatchObject({ requestId: 'first', target: '/a' });
  });

  it('follows one call across services by its correlation id or any of its gateway ids, in the order the requests came in', () => {
    const recorder = new RequestRecorder(clock);
    const orders = { name: 'orders', basePath: '/v1/orders' };
    // The inner calls end (and are recorded) before the order placement that made them.
    answer(recorder, { requestId: 'gw-read', correlationId: 'checkout-1', durationMs: 4 });
    now += 10;
    answer(recorder, { requestId: 'gw-reserve', correlationId: 'checkout-1', target: '/v1/catalog/reservations', durationMs: 6 });
    now += 10;
    answer(recorder, {
      service: orders,
      route: { method: 'POST', resource: '/' },
      requestId: 'gw-order',
      correlationId: 'checkout-1',
      target: '/v1/orders',
      status: 201,
      durationMs: 40,
    });
    answer(recorder, { requestId: 'gw-other', correlationId: 'gw-other' });

    const byCorrelation = recorder.trace('checkout-1')!;
    expect(byCorrelation.requests.map((request) => request.requestId)).toEqual(['gw-order', 'gw-read', 'gw-reserve']);
    expect(recorder.trace('gw-reserve')).toEqual(byCorrelation);
    expect(recorder.trace('unknown')).toBeUndefined();
  });

  it('counts requests per interval over the last SERIES_LENGTH intervals, errors apart', () => {
    now = SERIES_INTERVAL_MS * 1000;
    const recorder = new RequestRecorder(clock);
    answer(recorder, { status: 200 });
    answer(recorder, { status: 500 });
    now += SERIES_INTERVAL_MS;
    answer(recorder, { status: 200 });
    let series = routeView(recorder, getProduct)!.series;
    expect(series.requests).toHaveLength(SERIES_LENGTH);
    expect(series.requests.slice(-3)).toEqual([0, 2, 1]);
    expect(series.errors.slice(-3)).toEqual([0, 1, 0]);
    // Later, the old intervals have scrolled out.
    now += SERIES_INTERVAL_MS * (SERIES_LENGTH - 1);
    series = routeView(recorder, getProduct)!.series;
    expect(series.requests.slice(0, 1)).toEqual([1]);
    expect(series.requests.reduce((a, b) => a + b, 0)).toBe(1);
    now += SERIES_INTERVAL_MS * SERIES_LENGTH * 3;
    expect(routeView(recorder, getProduct)!.series.requests.every((count) => count === 0)).toBe(true);
  });
});
