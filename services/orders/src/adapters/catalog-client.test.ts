/**
 * The catalog client against a real local HTTP server (a stub of catalog and of the users token
 * endpoint): retries, timeouts, deadlines, error mapping and the service token cache.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CatalogBadResponseError,
  CatalogUnavailableError,
  InsufficientStockError,
  ProductUnavailableError,
  ServiceAuthUnavailableError,
} from '../domain/errors';
import { httpCatalogClient } from './catalog-client';
import type { RetryPolicy } from './http-retry';
import { serviceTokenProvider } from './service-token';

type Route = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

const P1 = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const POLICY: RetryPolicy = { timeoutMs: 150, attempts: 3, baseDelayMs: 10, maxDelayMs: 50 };

let server: http.Server;
let base: string;
let route: Route;
let hits: { method: string; url: string; authorization?: string; body: string }[];
let tokensIssued: number;

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
  res.end(JSON.stringify(body));
};
const LINES = [{ productId: P1, quantity: 2 }];
const reserved = [{ productId: P1, quantity: 2, name: 'Lamp', unitPrice: { amount: 1999, currency: 'EUR' } }];
const reservation = { id: 'ORDER1', lines: reserved, status: 'active', createdAt: '2026-05-01T10:00:00.000Z', expiresAt: '2026-05-01T10:15:00.000Z' };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/users/service-tokens') {
        tokensIssued += 1;
        json(res, 200, { accessToken: `token-${tokensIssued}`, expiresIn: 900 });
        return;
      }
      hits.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      route(req, body, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
  tokensIssued = 0;
  route = (_req, _body, res) => json(res, 201, reservation);
});

const tokens = (clientSecret = () => Promise.resolve('s3cret')) =>
  serviceTokenProvider({ usersBaseUrl: `${base}/users`, clientId: 'orders', clientSecret, policy: POLICY });
const client = (baseUrl = `${base}/catalog`) => httpCatalogClient({ baseUrl, policy: POLICY, serviceToken: tokens() });

describe('catalog client: calls, retries and failures', () => {
  it("reserves and answers the lines at catalog's prices (only the fields orders needs)", async () => {
    expect(await client().reserve('ORDER1', LINES)).toEqual(reserved);
    expect(hits).toEqual([expect.objectContaining({ method: 'POST', url: '/catalog/reservations', authorization: 'Bearer token-1' })]);
  });

  it('retries 5xx and 429 and succeeds', async () => {
    let calls = 0;
    route = (_req, _body, res) => {
      calls += 1;
      if (calls === 1) json(res, 503, {});
      else if (calls === 2) json(res, 429, {});
      else json(res, 200, reservation);
    };
    expect(await client().reserve('ORDER1', LINES)).toEqual(reserved);
    expect(hits).toHaveLength(3);
  });

  it('gives up after 3 attempts of 5xx: 503 CATALOG_UNAVAILABLE with Retry-After', async () => {
    route = (_req, _body, res) => json(res, 500, {});
    const error = await client()
      .reserve('ORDER1', LINES)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogUnavailableError);
    expect(error).toMatchObject({ status: 503, code: 'CATALOG_UNAVAILABLE', headers: { 'retry-after': '5' } });
    expect(hits).toHaveLength(3);
  });

  it('times out each attempt and stays bounded when catalog hangs', async () => {
    route = () => undefined; // never answers
    const started = Date.now();
    const error = await client()
      .reserve('ORDER1', LINES)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogUnavailableError);
    expect((error as Error).message + (error as CatalogUnavailableError).detail).toMatch(/timed out/);
    expect(hits).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3 * 150 + 2 * 50 + 400);
  });

  it('never runs past the deadline', async () => {
    route = () => undefined;
    const started = Date.now();
    await expect(client().reserve('ORDER1', LINES, { deadline: Date.now() + 200 })).rejects.toBeInstanceOf(CatalogUnavailableError);
    expect(Date.now() - started).toBeLessThan(350);
    expect(hits.length).toBeLessThanOrEqual(2);
  });

  it('maps a refused connection to 503, known never to have reached catalog', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await client(`http://127.0.0.1:${port}/catalog`)
      .reserve('ORDER1', LINES)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogUnavailableError);
    expect((error as CatalogUnavailableError).detail).toMatch(/unreachable/);
    expect((error as CatalogUnavailableError).delivered).toBe(false);
  });

  it('counts a connection dropped after the request was sent, a timeout or a 5xx as possibly delivered', async () => {
    for (const answer of [
      (req: http.IncomingMessage) => req.socket.destroy(),
      () => undefined,
      (_req: http.IncomingMessage, res: http.ServerResponse) => json(res, 503, {}),
    ]) {
      route = (req, _body, res) => answer(req, res);
      const error = await client()
        .reserve('ORDER1', LINES)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CatalogUnavailableError);
      expect((error as CatalogUnavailableError).delivered).toBe(true);
    }
  });

  it.each([
    ['not JSON', (res: http.ServerResponse) => res.writeHead(200).end('<html>')],
    ['the wrong shape', (res: http.ServerResponse) => json(res, 200, { id: 'ORDER1', lines: [{ productId: P1, quantity: 2 }], status: 'active' })],
    ['another reservation', (res: http.ServerResponse) => json(res, 200, { ...reservation, id: 'ORDER9' })],
    ['an unexpected status', (res: http.ServerResponse) => json(res, 418, {})],
  ])('maps a malformed answer (%s) to 502 CATALOG_BAD_RESPONSE without retrying', async (_, answer) => {
    route = (_req, _body, res) => answer(res);
    const error = await client()
      .reserve('ORDER1', LINES)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogBadResponseError);
    expect(error).toMatchObject({ status: 502, code: 'CATALOG_BAD_RESPONSE' });
    expect(hits).toHaveLength(1);
  });
});

describe('catalog client: reservations with the service token', () => {
  it('reserves with a bearer service token, fetched once and cached', async () => {
    route = (req, _body, res) => json(res, req.url === '/catalog/reservations' ? 201 : 200, reservation);
    const catalog = client();
    await catalog.reserve('ORDER1', [{ productId: P1, quantity: 2 }]);
    await catalog.commit('ORDER1');
    await catalog.release('ORDER1');
    expect(hits.map((h) => [h.method, h.url, h.authorization])).toEqual([
      ['POST', '/catalog/reservations', 'Bearer token-1'],
      ['POST', '/catalog/reservations/ORDER1/commit', 'Bearer token-1'],
      ['POST', '/catalog/reservations/ORDER1/release', 'Bearer token-1'],
    ]);
    expect(JSON.parse(hits[0]!.body)).toEqual({ reservationId: 'ORDER1', lines: [{ productId: P1, quantity: 2 }] });
    expect(tokensIssued).toBe(1);
  });

  it('retries the (idempotent) reservation after a timeout', async () => {
    let calls = 0;
    route = (_req, _body, res) => {
      calls += 1;
      if (calls > 1) json(res, 200, reservation);
    };
    await client().reserve('ORDER1', [{ productId: P1, quantity: 1 }]);
    expect(hits).toHaveLength(2);
  });

  it('passes on 409 INSUFFICIENT_STOCK under the same code, naming the lines', async () => {
    const errors = [{ path: 'body.lines.0.quantity', message: 'Only 1 in stock', code: 'insufficient_stock' }];
    route = (_req, _body, res) => json(res, 409, { code: 'INSUFFICIENT_STOCK', errors });
    const error = await client()
      .reserve('ORDER1', [{ productId: P1, quantity: 2 }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientStockError);
    expect(error).toMatchObject({ status: 409, code: 'INSUFFICIENT_STOCK', errors });
  });

  it('maps 409 RESERVATION_RELEASED (an earlier attempt was undone) to ORDER_ATTEMPT_UNDONE, not to out of stock', async () => {
    route = (_req, _body, res) => json(res, 409, { code: 'RESERVATION_RELEASED' });
    const error = await client()
      .reserve('ORDER1', [{ productId: P1, quantity: 2 }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'ORDER_ATTEMPT_UNDONE' });
  });

  it('maps a commit refused with 409 RESERVATION_RELEASED (the hold expired) to ORDER_ATTEMPT_UNDONE', async () => {
    route = (_req, _body, res) => json(res, 409, { code: 'RESERVATION_RELEASED' });
    const error = await client()
      .commit('ORDER1')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'ORDER_ATTEMPT_UNDONE' });
  });

  it('maps 422 to 422 PRODUCT_UNAVAILABLE', async () => {
    route = (_req, _body, res) => json(res, 422, { code: 'PRODUCT_UNAVAILABLE', detail: 'archived' });
    await expect(client().reserve('ORDER1', [{ productId: P1, quantity: 2 }])).rejects.toBeInstanceOf(ProductUnavailableError);
  });

  it('fetches a fresh token once after a 401', async () => {
    route = (req, _body, res) => (req.headers.authorization === 'Bearer token-1' ? json(res, 401, {}) : json(res, 200, {}));
    await client().release('ORDER1');
    expect(hits.map((h) => h.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('treats a release of a reservation that never existed as fine', async () => {
    route = (_req, _body, res) => json(res, 404, { code: 'RESERVATION_NOT_FOUND' });
    expect(await client().release('ORDER1')).toBe('not-found');
  });

  it('answers 503 when no service token can be had', async () => {
    const catalog = httpCatalogClient({
      baseUrl: `${base}/catalog`,
      policy: POLICY,
      serviceToken: serviceTokenProvider({ usersBaseUrl: `${base}/nowhere`, clientId: 'orders', clientSecret: () => Promise.resolve('x'), policy: POLICY }),
    });
    route = (_req, _body, res) => json(res, 404, {});
    await expect(catalog.reserve('ORDER1', [{ productId: P1, quantity: 1 }])).rejects.toBeInstanceOf(ServiceAuthUnavailableError);
  });
});

describe('service token cache', () => {
  it('shares one request between concurrent callers and refreshes ~60 s before expiry', async () => {
    let clock = 1_000_000;
    const provider = serviceTokenProvider({
      usersBaseUrl: `${base}/users`,
      clientId: 'orders',
      clientSecret: () => Promise.resolve('s3cret'),
      policy: POLICY,
      now: () => clock,
    });
    expect(await Promise.all([provider.get(), provider.get(), provider.get()])).toEqual(['token-1', 'token-1', 'token-1']);
    clock += (900 - 61) * 1000;
    expect(await provider.get()).toBe('token-1');
    clock += 2000;
    expect(await provider.get()).toBe('token-2');
    expect(tokensIssued).toBe(2);
  });
});
